package io.xrayagent.smoke.containerapp;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The containerized service of the container smoke tests: the JDK HTTP server on every interface of the
 * container (so that a published port reaches it), calling a downstream service with HttpURLConnection.
 * {@code java -jar container-app.jar [port]}; the port defaults to {@code PORT} or 8080, the downstream to
 * {@code DOWNSTREAM_URL} or this service itself, which gives a two-segment trace from one container.
 *
 * <p>{@code /property?name=} and {@code /vm-option?name=} let a test see which JVM options reached the
 * application, so that it can check the ones the image already had were kept.
 */
public final class ContainerServiceApp {
    private ContainerServiceApp() {
    }

    public static void main(String[] args) throws IOException {
        String configuredPort = args.length > 0 ? args[0] : System.getenv("PORT");
        int port = configuredPort == null || configuredPort.isEmpty() ? 8080 : Integer.parseInt(configuredPort);
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 50);
        final int actualPort = server.getAddress().getPort();
        String configuredDownstream = System.getenv("DOWNSTREAM_URL");
        final String downstream = configuredDownstream == null || configuredDownstream.isEmpty()
                ? "http://127.0.0.1:" + actualPort : configuredDownstream;
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/hello", new HttpHandler() {
            @Override
            public void handle(HttpExchange exchange) throws IOException {
                respond(exchange, 200, "hello");
            }
        });
        server.createContext("/call", new HttpHandler() {
            @Override
            public void handle(HttpExchange exchange) throws IOException {
                HttpURLConnection connection = (HttpURLConnection) new URL(downstream + "/hello").openConnection();
                connection.setConnectTimeout(2000);
                connection.setReadTimeout(5000);
                int status = connection.getResponseCode();
                respond(exchange, 200, "downstream said " + status + ": " + read(connection.getInputStream()));
            }
        });
        server.createContext("/property", new HttpHandler() {
            @Override
            public void handle(HttpExchange exchange) throws IOException {
                String value = System.getProperty(query(exchange, "name"));
                respond(exchange, value == null ? 404 : 200, value == null ? "unset" : value);
            }
        });
        server.createContext("/vm-option", new HttpHandler() {
            @Override
            public void handle(HttpExchange exchange) throws IOException {
                HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
                respond(exchange, 200, hotSpot.getVMOption(query(exchange, "name")).getValue());
            }
        });
        server.start();
        System.out.println("LISTENING " + actualPort);
        System.out.flush();
    }

    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.startsWith(name + "=")) {
                    return pair.substring(name.length() + 1);
                }
            }
        }
        return "";
    }

    private static String read(InputStream in) throws IOException {
        try (InputStream stream = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            int n;
            while ((n = stream.read(chunk)) > 0) {
                out.write(chunk, 0, n);
            }
            return new String(out.toByteArray(), StandardCharsets.UTF_8);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
