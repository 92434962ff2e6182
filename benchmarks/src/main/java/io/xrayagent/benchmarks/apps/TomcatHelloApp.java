package io.xrayagent.benchmarks.apps;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * The servlet application of the Tomcat overhead run: embedded Tomcat 10.1 on 127.0.0.1, one servlet at
 * {@code /hello}. Prints {@code LISTENING <port>} once it accepts requests.
 *
 * <pre>java -cp benchmarks.jar io.xrayagent.benchmarks.apps.TomcatHelloApp [port]</pre>
 */
public final class TomcatHelloApp {
    private static final byte[] BODY = "hello".getBytes(StandardCharsets.US_ASCII);

    private TomcatHelloApp() {
    }

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat-hello").toString());
        tomcat.setHostname("127.0.0.1");
        tomcat.getConnector().setPort(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", null);
        Tomcat.addServlet(context, "hello", new Hello());
        context.addServletMappingDecoded("/hello", "hello");
        tomcat.start();
        System.out.println("LISTENING " + tomcat.getConnector().getLocalPort());
        tomcat.getServer().await();
    }

    static final class Hello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.setContentLength(BODY.length);
            response.getOutputStream().write(BODY);
        }
    }
}
