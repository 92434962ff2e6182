package io.xrayagent.smoke.servlet.app;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.servlet.DispatcherType;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Embedded Tomcat serving {@link ServletApp}. One source for Tomcat 9 (javax) and, through the jakarta build's
 * generated copy, Tomcat 10.1 and 11: the embedded API is the same in all three.
 */
public final class TomcatLauncher {
    private TomcatLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Files.createTempDirectory("tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(ServletApp.port(args));
        Connector connector = tomcat.getConnector();
        connector.setProperty("address", "127.0.0.1");

        Context context = tomcat.addContext("", Files.createDirectories(base.resolve("docs")).toString());
        // Every web application has the default servlet (web.xml defaults); here it answers unmapped paths with 404.
        Tomcat.addServlet(context, "default", new DefaultServlet());
        map(context, "/", "default");
        for (ServletApp.Mapping mapping : ServletApp.servlets(ServletApp.downstream(args))) {
            Wrapper wrapper = Tomcat.addServlet(context, mapping.name(), mapping.servlet());
            wrapper.setAsyncSupported(true);
            for (String path : mapping.paths()) {
                map(context, path, mapping.name());
            }
        }
        FilterDef filter = new FilterDef();
        filter.setFilterName(ServletApp.FILTER_NAME);
        filter.setFilter(ServletApp.filter());
        filter.setAsyncSupported("true");
        context.addFilterDef(filter);
        FilterMap filterMap = new FilterMap();
        filterMap.setFilterName(ServletApp.FILTER_NAME);
        filterMap.addURLPattern(ServletApp.FILTER_PATH);
        for (DispatcherType type : DispatcherType.values()) {
            filterMap.setDispatcher(type.name());
        }
        context.addFilterMap(filterMap);

        tomcat.start();
        ServletApp.listening(connector.getLocalPort());
        tomcat.getServer().await();
    }

    // The only name Tomcat 9 has for it; 10.1 and 11 keep it, deprecated in favour of addServletMapping.
    @SuppressWarnings("deprecation")
    private static void map(Context context, String pattern, String servletName) {
        context.addServletMappingDecoded(pattern, servletName);
    }
}
