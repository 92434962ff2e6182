package io.xrayagent.smoke.clients;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;

/**
 * The application of the HTTP-client smoke tests: one JDK HTTP server (traced by the agent) that is both the
 * front service and its downstream. {@code GET /call?...} makes one outgoing call through a {@link ClientDriver}
 * inside its own traced request and answers 200 with the outcome, so the test sees the front segment, the
 * client subsegment and the downstream segment of one trace.
 *
 * <p>{@code java -javaagent:xray-agent.jar -cp ... io.xrayagent.smoke.clients.ClientApp <driver class>} prints
 * {@code MODES <mode> ...} and then {@code LISTENING <port>}.
 *
 * <p>Front: {@code /call?mode=sync&method=GET&target=/status/404&timeout=5000&header=<X-Amzn-Trace-Id>&outside=true}.
 * {@code target} is a path on this server or an absolute URL; {@code header} is set by the application itself;
 * {@code outside=true} makes the call on a new thread that carries no trace context. The answer is in
 * {@link Properties} format: {@code status}, {@code completedOn}, {@code requestThread}, or {@code exception} and
 * {@code message}, and {@code received.count}, {@code received.0} ...: the X-Amzn-Trace-Id values the downstream
 * saw for the target's {@code id} query parameter.
 *
 * <p>Downstream: {@code /status/<code>} (answers that status with a short body), {@code /slow?ms=<n>} (200 after
 * n ms), {@code /redirect} (302 to /status/200 with the same query). Each records the trace headers it received under its {@code id}
 * query parameter when it has one.
 */
public final class ClientApp {
    private static final String TRACE_HEADER = "X-Amzn-Trace-Id";
    private static final Map<String, List<String>> RECEIVED = new ConcurrentHashMap<>();

    private final ClientDriver driver;
    private final String base;

    private ClientApp(ClientDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        ClientDriver driver = (ClientDriver) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(8));
        ClientApp app = new ClientApp(driver, "http://127.0.0.1:" + server.getAddress().getPort());
        server.createContext("/call", app::call);
        server.createContext("/status/", exchange -> {
            record(exchange);
            String code = exchange.getRequestURI().getPath().substring("/status/".length());
            respond(exchange, Integer.parseInt(code), "status " + code);
        });
        server.createContext("/slow", exchange -> {
            record(exchange);
            try {
                Thread.sleep(Long.parseLong(query(exchange.getRequestURI(), "ms", "1000")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "slow");
        });
        server.createContext("/redirect", exchange -> {
            record(exchange);
            String query = exchange.getRequestURI().getRawQuery();
            exchange.getResponseHeaders().set("Location", app.base + "/status/200" + (query == null ? "" : "?" + query));
            respond(exchange, 302, "moved");
        });
        server.start();
        System.out.println("MODES " + String.join(" ", driver.modes()));
        System.out.println("LISTENING " + server.getAddress().getPort());
        System.out.flush();
    }

    private void call(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String mode = query(uri, "mode", "sync");
        String method = query(uri, "method", "GET");
        String target = query(uri, "target", "/status/200");
        String url = target.startsWith("/") ? base + target : target;
        int timeout = Integer.parseInt(query(uri, "timeout", "5000"));
        Map<String, String> headers = new LinkedHashMap<>();
        String header = query(uri, "header", null);
        if (header != null) {
            headers.put(TRACE_HEADER, header);
        }
        Properties answer = new Properties();
        answer.setProperty("requestThread", Thread.currentThread().getName());
        Runnable outgoing = () -> {
            try {
                ClientDriver.Outcome outcome = driver.call(mode, method, url, headers, timeout);
                answer.setProperty("status", Integer.toString(outcome.status));
                answer.setProperty("completedOn", String.valueOf(outcome.completedOn));
            } catch (Throwable t) {
                Throwable cause = unwrap(t);
                answer.setProperty("exception", cause.getClass().getName());
                answer.setProperty("message", String.valueOf(cause.getMessage()));
            }
        };
        if (Boolean.parseBoolean(query(uri, "outside", "false"))) {
            // A plain thread: nothing carries the request's context to it, as for a batch job's call.
            Thread thread = new Thread(outgoing, "outside-any-request");
            thread.start();
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            outgoing.run();
        }
        String id = query(URI.create(url), "id", null);
        List<String> received = id == null ? null : RECEIVED.remove(id);
        if (received != null) {
            answer.setProperty("received.count", Integer.toString(received.size()));
            for (int i = 0; i < received.size(); i++) {
                answer.setProperty("received." + i, received.get(i));
            }
        } else if (id != null) {
            answer.setProperty("received.count", "0");
        }
        StringWriter out = new StringWriter();
        answer.store(out, null);
        respond(exchange, 200, out.toString());
    }

    private static Throwable unwrap(Throwable thrown) {
        Throwable current = thrown;
        while ((current instanceof ExecutionException || current instanceof CompletionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /** Keeps the trace headers a downstream request carried, every value of every occurrence. */
    private static void record(HttpExchange exchange) {
        String id = query(exchange.getRequestURI(), "id", null);
        if (id == null) {
            return;
        }
        List<String> values = exchange.getRequestHeaders().get(TRACE_HEADER);
        RECEIVED.computeIfAbsent(id, key -> new ArrayList<>()).addAll(values == null ? List.of() : values);
    }

    private static String query(URI uri, String name, String fallback) {
        String query = uri.getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).equals(name)) {
                    return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return fallback;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
