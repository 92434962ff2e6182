package io.xrayagent.benchmarks.apps;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The application of ClientCallOverhead okhttp: the JDK HTTP server, and for {@code GET /q?n=K&mode=sync|async} K
 * OkHttp calls, one after the other ({@code execute}, or {@code enqueue} and wait for the callback), to a
 * downstream in the same process. The downstream is a bare keep-alive HTTP/1.1 responder on a socket, which
 * no instrumentation sees, so that only the client side of each call differs between the variants.
 * Prints {@code LISTENING <port>}.
 */
public final class OkHttpCallsApp {
    private OkHttpCallsApp() {
    }

    public static void main(String[] args) throws Exception {
        ServerSocket downstream = KeepAliveDownstream.start();
        Request call = new Request.Builder().url("http://127.0.0.1:" + downstream.getLocalPort() + "/item").build();
        OkHttpClient client = new OkHttpClient();

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/q", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            int n = Integer.parseInt(KeepAliveDownstream.parameter(query, "n"));
            boolean async = "async".equals(KeepAliveDownstream.parameter(query, "mode"));
            int bytes = 0;
            for (int i = 0; i < n; i++) {
                bytes += async ? enqueue(client, call) : execute(client, call);
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

    private static int execute(OkHttpClient client, Request request) throws IOException {
        try (Response response = client.newCall(request).execute()) {
            return response.body().bytes().length;
        }
    }

    private static int enqueue(OkHttpClient client, Request request) throws IOException {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        client.newCall(request).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                done.completeExceptionally(e);
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (Response closing = response) {
                    done.complete(closing.body().bytes().length);
                } catch (IOException e) {
                    done.completeExceptionally(e);
                }
            }
        });
        try {
            return done.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException(e);
        }
    }
}
