package io.xrayagent.benchmarks.overhead;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The remote service the benchmark application calls once per request: the JDK's HTTP server on loopback,
 * answering {@code GET /price?id=N} with a small JSON document. It runs in the benchmark's own JVM, on the load
 * generator's core, untraced.
 */
final class PriceService implements AutoCloseable {
    private static final byte[] PRICE = "{\"amount\":12.40,\"currency\":\"EUR\"}".getBytes(StandardCharsets.US_ASCII);

    private final HttpServer server;

    private PriceService(HttpServer server) {
        this.server = server;
    }

    static PriceService start() throws IOException {
        // Without it the JDK server's replies wait for delayed ACKs: about 40 ms per call on loopback.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.createContext("/price", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, PRICE.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(PRICE);
            }
        });
        server.start();
        return new PriceService(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
