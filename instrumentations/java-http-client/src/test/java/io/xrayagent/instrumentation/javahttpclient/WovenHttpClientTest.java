package io.xrayagent.instrumentation.javahttpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.core.config.AgentConfig;
import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.emit.Emitter;
import io.xrayagent.core.install.InstallContext;
import io.xrayagent.core.install.Installer;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.recorder.HttpClientRecorder;
import io.xrayagent.core.recorder.HttpServerRecorder;
import io.xrayagent.core.sampling.Samplers;
import io.xrayagent.core.trace.ContextMissingReporter;
import io.xrayagent.core.trace.Tracer;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JDK's own HttpClientImpl, woven for real in this JVM, against a JDK server on loopback (HTTP/1.1) and Jetty
 * (HTTP/2 after an h2c upgrade): what reaches the server, what the application keeps, and how the recorded call ends.
 */
class WovenHttpClientTest {
    private static final String TRACE_ID = "1-5759e988-bd862e3fe1be46a994272793";
    private static final List<Segment> SENT = new ArrayList<>();
    private static final Map<String, Map<String, List<String>>> SEEN = new ConcurrentHashMap<>();
    private static final Map<String, String> BODIES = new ConcurrentHashMap<>();
    private static Tracer tracer;
    private static HttpServer server;
    private static String base;
    private static HttpClient client;

    @BeforeAll
    static void weave() throws Exception {
        Emitter emitter = new Emitter() {
            @Override
            public void sendSegment(Segment segment) {
                synchronized (SENT) {
                    SENT.add(segment);
                }
            }

            @Override
            public void sendSubsegment(Subsegment subsegment) {
            }
        };
        tracer = new Tracer(emitter, 100, 50, new ContextMissingReporter(ContextMissingStrategy.IGNORE_ERROR));
        ClassLoader loader = WovenHttpClientTest.class.getClassLoader();
        InstallContext context = new InstallContext(AgentConfig.defaults(), tracer,
                new HttpServerRecorder(tracer, Samplers.all(), "test", null), new HttpClientRecorder(tracer), loader);
        assertEquals(List.of("java-http-client"), Installer.install(ByteBuddyAgent.install(), context,
                new ClassLoader(loader) {
                }));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", exchange -> {
            String key = exchange.getRequestURI().getPath();
            SEEN.put(key, Map.copyOf(exchange.getRequestHeaders()));
            try (InputStream in = exchange.getRequestBody()) {
                BODIES.put(key, exchange.getRequestMethod() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(key.startsWith("/missing") ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @AfterEach
    void clearContext() {
        CurrentContext.restore(null);
    }

    private static Segment begin() {
        Segment segment = tracer.beginSegment("front", TRACE_ID, null, null, null);
        CurrentContext.swap(segment);
        return segment;
    }

    private static Subsegment onlyCall(Segment segment) {
        assertEquals(1, segment.children().size(), "one subsegment for one call");
        return segment.children().get(0);
    }

    @Test
    void sendInjectsTheHeaderIntoACopyAndLeavesTheApplicationsRequestAlone() throws Exception {
        Segment segment = begin();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/copy?q=secret"))
                .header("X-One", "a").header("X-One", "b").header("X-Two", "c")
                .timeout(Duration.ofSeconds(7))
                .POST(HttpRequest.BodyPublishers.ofString("the body"))
                .build();

        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode());
        assertFalse(request.headers().firstValue("X-Amzn-Trace-Id").isPresent(), "its own request is unchanged");
        Subsegment call = onlyCall(segment);
        assertTrue(call.isEnded(), "send ends on the calling thread");
        assertEquals("127.0.0.1", call.name());
        assertEquals("POST", call.request().method());
        assertEquals(base + "/copy", call.request().url());
        assertTrue(call.request().traced());
        assertEquals(200, call.status());
        assertEquals(2, call.contentLength());
        Map<String, List<String>> seen = SEEN.get("/copy");
        assertEquals(List.of("Root=" + TRACE_ID + ";Parent=" + call.id() + ";Sampled=1"), seen.get("X-amzn-trace-id"));
        assertEquals(List.of("a", "b"), seen.get("X-one"));
        assertEquals(List.of("c"), seen.get("X-two"));
        assertEquals("POST the body", BODIES.get("/copy"));
    }

    @Test
    void headerTheApplicationSetIsSentAloneAndTheCallIsNotTraced() throws Exception {
        Segment segment = begin();
        String own = "Root=1-5759e988-bd862e3fe1be46a994270000;Parent=53995c3f42cd8ad8;Sampled=1";
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/own")).header("X-Amzn-Trace-Id", own).build();

        client.send(request, HttpResponse.BodyHandlers.discarding());

        assertEquals(List.of(own), SEEN.get("/own").get("X-amzn-trace-id"));
        Subsegment call = onlyCall(segment);
        assertFalse(call.request().traced());
    }

    @Test
    void sendAsyncHasEndedWhenTheApplicationSeesTheResponse() throws Exception {
        Segment segment = begin();
        CompletableFuture<Subsegment> seenByApplication = client
                .sendAsync(HttpRequest.newBuilder(URI.create(base + "/missing")).build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> onlyCall(segment));
        CurrentContext.restore(null);

        Subsegment call = seenByApplication.get(10, TimeUnit.SECONDS);
        assertTrue(call.isEnded(), "ended before the application's first stage ran");
        assertEquals(404, call.status());
        assertTrue(call.error());
        assertTrue(SEEN.get("/missing").get("X-amzn-trace-id").get(0).contains(";Parent=" + call.id() + ";"));
    }

    @Test
    void refusedConnectionIsAFaultWithTheExceptionTheApplicationGets() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Segment segment = begin();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closed + "/")).build();

        ExecutionException async = assertThrows(ExecutionException.class,
                () -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).get(10, TimeUnit.SECONDS));
        assertThrows(java.net.ConnectException.class,
                () -> client.send(request, HttpResponse.BodyHandlers.discarding()));

        assertEquals(2, segment.children().size());
        for (Subsegment call : segment.children()) {
            assertTrue(call.isEnded());
            assertTrue(call.fault());
            assertTrue(call.status() <= 0, "no response");
            assertNotNull(call.cause());
            assertEquals("java.net.ConnectException", call.cause().exceptions().get(0).type());
        }
        assertEquals(java.net.ConnectException.class, async.getCause().getClass());
    }

    @Test
    void cancellingWhatSendAsyncReturnedStillAbortsTheExchange() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CountDownLatch closedByClient = new CountDownLatch(1);
            Thread acceptor = new Thread(() -> {
                try (Socket socket = silent.accept(); InputStream in = socket.getInputStream()) {
                    byte[] buffer = new byte[4096];
                    while (in.read(buffer) >= 0) {
                        // Reads the request and waits; the client closing the connection ends the loop.
                    }
                    closedByClient.countDown();
                } catch (Exception e) {
                    closedByClient.countDown();
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Segment segment = begin();
            // Its own client: a cancelled exchange must not leave a connection in the shared client's pool.
            HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CompletableFuture<HttpResponse<Void>> future = own.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/silent")).build(),
                    HttpResponse.BodyHandlers.discarding());
            CurrentContext.restore(null);
            Thread.sleep(200);

            assertTrue(future.cancel(true));
            // Without the agent too, join() then throws either CancellationException or a CompletionException
            // (the aborted exchange can complete the future first): the JDK races there itself.
            Throwable thrown = assertThrows(RuntimeException.class, future::join);
            assertTrue(thrown instanceof CancellationException || thrown.getCause() instanceof CancellationException
                    || thrown.getCause() instanceof java.io.IOException, thrown.toString());
            assertTrue(closedByClient.await(10, TimeUnit.SECONDS), "the exchange was aborted: the client closed its connection");
            Subsegment call = onlyCall(segment);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!call.isEnded() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(call.isEnded(), "the call ends with the aborted exchange");
            assertTrue(call.fault());
        }
    }

    @Test
    void outsideAnyRequestNothingIsRecordedAndNoHeaderSent() throws Exception {
        client.send(HttpRequest.newBuilder(URI.create(base + "/outside")).build(), HttpResponse.BodyHandlers.discarding());
        assertNull(SEEN.get("/outside").get("X-amzn-trace-id"));
    }

    @Test
    void http2ExchangesWithARealHttp2ServerAreRecordedLikeAnyOther() throws Exception {
        Map<String, String> seen = new ConcurrentHashMap<>();
        Server jetty = new Server();
        HttpConfiguration configuration = new HttpConfiguration();
        // HTTP/1.1 first, so that the client's h2c upgrade request is answered by switching to HTTP/2.
        ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(configuration),
                new HTTP2CServerConnectionFactory(configuration));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        jetty.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                seen.put(Request.getPathInContext(request), request.getConnectionMetaData().getHttpVersion() + " "
                        + request.getHeaders().getValuesList("X-Amzn-Trace-Id"));
                response.setStatus(Request.getPathInContext(request).startsWith("/missing") ? 404 : 200);
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 2L);
                response.write(true, ByteBuffer.wrap("ok".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        jetty.start();
        try {
            String h2 = "http://127.0.0.1:" + connector.getLocalPort();
            HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
            Segment segment = begin();

            HttpResponse<String> upgraded = http2.send(HttpRequest.newBuilder(URI.create(h2 + "/first")).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> multiplexed = http2.sendAsync(HttpRequest.newBuilder(URI.create(h2 + "/missing")).build(),
                    HttpResponse.BodyHandlers.ofString()).get(10, TimeUnit.SECONDS);

            assertEquals(HttpClient.Version.HTTP_2, upgraded.version(), "the h2c upgrade took place");
            assertEquals(HttpClient.Version.HTTP_2, multiplexed.version());
            assertEquals(2, segment.children().size());
            Subsegment first = segment.children().get(0);
            Subsegment second = segment.children().get(1);
            assertEquals("HTTP/2.0 [Root=" + TRACE_ID + ";Parent=" + first.id() + ";Sampled=1]", seen.get("/first"));
            assertEquals("HTTP/2.0 [Root=" + TRACE_ID + ";Parent=" + second.id() + ";Sampled=1]", seen.get("/missing"));
            assertEquals(200, first.status());
            assertEquals(2, first.contentLength());
            assertEquals(h2 + "/first", first.request().url());
            assertEquals(404, second.status());
            assertTrue(second.error());
            assertTrue(first.isEnded() && second.isEnded());
        } finally {
            jetty.stop();
        }
    }
}
