package io.xrayagent.instrumentation.apachehttpclient;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The service the clients call: the JDK's HTTP server on loopback, answering by path and remembering the
 * trace header of every request it got.
 */
final class Downstream implements AutoCloseable {
    static final String OK_BODY = "hello";
    static final String ERROR_BODY = "nope";

    /** What the server saw of one request. */
    static final class Seen {
        final String path;
        final String traceHeader;

        Seen(String path, String traceHeader) {
            this.path = path;
            this.traceHeader = traceHeader;
        }

        @Override
        public String toString() {
            return path + " " + traceHeader;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    Downstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        seen.add(new Seen(path, exchange.getRequestHeaders().getFirst("X-Amzn-Trace-Id")));
        try {
            if (path.startsWith("/status/")) {
                respond(exchange, Integer.parseInt(path.substring("/status/".length())), ERROR_BODY);
            } else if (path.equals("/redirect")) {
                exchange.getResponseHeaders().set("Location", "/ok");
                exchange.sendResponseHeaders(302, -1);
            } else if (path.equals("/slow")) {
                Thread.sleep(3000);
                respond(exchange, 200, OK_BODY);
            } else {
                respond(exchange, 200, OK_BODY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Seen> seen() {
        return new ArrayList<>(seen);
    }

    void clear() {
        seen.clear();
    }

    /** A loopback port nothing listens on: it was free a moment ago. */
    static int refusedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
