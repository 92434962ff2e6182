package io.xrayagent.smoke.apps;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A small service on the JDK HTTP server that calls another service with HttpURLConnection: the sample
 * application of the README and of the smoke tests. Run it under the agent:
 * {@code java -javaagent:xray-agent.jar -cp ... io.xrayagent.smoke.apps.HttpServiceApp 8080 http://127.0.0.1:8081}
 *
 * <p>It prints {@code LISTENING <port>} once it serves, so that a launcher can use an ephemeral port (0).
 */
public final class HttpServiceApp {
    private HttpServiceApp() {
    }

    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        String downstream = args.length > 1 ? args[1] : null;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/hello", exchange -> respond(exchange, 200, "hello from " + exchange.getLocalAddress().getPort()));
        server.createContext("/notfound", exchange -> respond(exchange, 404, "nothing here"));
        server.createContext("/throttled", exchange -> respond(exchange, 429, "slow down"));
        server.createContext("/fail", exchange -> respond(exchange, 503, "unavailable"));
        server.createContext("/error", exchange -> {
            throw new IllegalStateException("handler failed on purpose");
        });
        server.createContext("/call", exchange -> {
            Result result = get(downstream + "/hello");
            respond(exchange, 200, "downstream said " + result.status + ": " + result.body);
        });
        server.createContext("/headers", exchange -> {
            String header = exchange.getRequestHeaders().getFirst("X-Amzn-Trace-Id");
            respond(exchange, 200, header == null ? "none" : header);
        });
        server.createContext("/call-echo", exchange -> {
            Result result = get(downstream + "/headers");
            respond(exchange, 200, result.body);
        });
        server.createContext("/call-many", exchange -> {
            int count = Integer.parseInt(query(exchange, "n", "10"));
            int ok = 0;
            for (int i = 0; i < count; i++) {
                if (get(downstream + "/hello").status == 200) {
                    ok++;
                }
            }
            respond(exchange, 200, ok + " of " + count + " calls succeeded");
        });
        server.createContext("/call-statuses", exchange -> {
            StringBuilder out = new StringBuilder();
            for (String path : new String[] {"/notfound", "/throttled", "/fail"}) {
                out.append(path).append('=').append(get(downstream + path).status).append(' ');
            }
            respond(exchange, 200, out.toString().trim());
        });
        server.createContext("/post", exchange -> {
            HttpURLConnection connection = (HttpURLConnection) new URL(downstream + "/hello").openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            try (OutputStream body = connection.getOutputStream()) {
                body.write("ping".getBytes(StandardCharsets.UTF_8));
            }
            int status = connection.getResponseCode();
            drain(connection);
            respond(exchange, 200, "posted: " + status);
        });
        server.createContext("/call-refused", exchange -> {
            Result result = get(query(exchange, "url", "http://127.0.0.1:1/nothing"));
            respond(exchange, 502, "refused: " + result.body);
        });
        server.start();
        System.out.println("LISTENING " + server.getAddress().getPort());
        System.out.flush();
    }

    static final class Result {
        final int status;
        final String body;

        Result(int status, String body) {
            this.status = status;
            this.body = body;
        }
    }

    static Result get(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(5000);
            int status = connection.getResponseCode();
            return new Result(status, drain(connection));
        } catch (IOException e) {
            return new Result(-1, e.toString());
        }
    }

    private static String drain(HttpURLConnection connection) throws IOException {
        InputStream in = connection.getResponseCode() >= 400 ? connection.getErrorStream() : connection.getInputStream();
        if (in == null) {
            return "";
        }
        try (InputStream stream = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            int n;
            while ((n = stream.read(chunk)) > 0) {
                out.write(chunk, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static String query(HttpExchange exchange, String name, String fallback) {
        String query = exchange.getRequestURI().getQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).equals(name)) {
                    return pair.substring(equals + 1);
                }
            }
        }
        return fallback;
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
