package io.xrayagent.instrumentation.okhttp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The JDK's HTTP server on a loopback port, not traced here: it only answers and remembers the trace
 * header of each request it got. Paths: {@code /status/<code>} (a 5-byte body), {@code /redirect} (302 to
 * {@code /status/200}), {@code /slow} (answers after 3 s).
 */
final class Downstream implements AutoCloseable {
    /** One request as the server saw it. */
    static final class Received {
        final String path;
        final String traceHeader;

        Received(String path, String traceHeader) {
            this.path = path;
            this.traceHeader = traceHeader;
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    Downstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    List<Received> received() {
        return received;
    }

    void clear() {
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        received.add(new Received(path, exchange.getRequestHeaders().getFirst("X-Amzn-Trace-Id")));
        if (path.equals("/redirect")) {
            exchange.getResponseHeaders().add("Location", "/status/200");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
        }
        if (path.equals("/slow")) {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int status = path.startsWith("/status/") ? Integer.parseInt(path.substring("/status/".length())) : 200;
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException e) {
            // The client gave up (read timeout): nothing to answer.
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
