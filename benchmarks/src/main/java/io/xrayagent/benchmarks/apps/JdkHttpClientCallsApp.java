package io.xrayagent.benchmarks.apps;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The application of ClientCallOverhead jdk-http-client: the JDK HTTP server, and for {@code GET /q?n=K&mode=sync|async} K
 * {@code java.net.http.HttpClient} calls one after the other ({@code send}, or {@code sendAsync} and wait), to a
 * bare keep-alive HTTP/1.1 responder on a socket in the same process, which no instrumentation sees, so that only
 * the client side of each call differs between the variants. Prints {@code LISTENING <port>}.
 */
public final class JdkHttpClientCallsApp {
    private JdkHttpClientCallsApp() {
    }

    public static void main(String[] args) throws Exception {
        ServerSocket downstream = KeepAliveDownstream.start();
        HttpRequest call = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + downstream.getLocalPort() + "/item")).build();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/q", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            int n = Integer.parseInt(KeepAliveDownstream.parameter(query, "n"));
            boolean async = "async".equals(KeepAliveDownstream.parameter(query, "mode"));
            int bytes = 0;
            try {
                for (int i = 0; i < n; i++) {
                    bytes += async ? client.sendAsync(call, HttpResponse.BodyHandlers.ofByteArray()).get(10, TimeUnit.SECONDS).body().length
                            : client.send(call, HttpResponse.BodyHandlers.ofByteArray()).body().length;
                }
            } catch (Exception e) {
                throw new IOException(e);
            }
            byte[] body = Integer.toString(bytes).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("LISTENING " + server.getAddress().getPort());
        System.out.flush();
    }
}
