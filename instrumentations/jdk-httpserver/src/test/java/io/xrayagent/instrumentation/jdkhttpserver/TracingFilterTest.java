package io.xrayagent.instrumentation.jdkhttpserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpServer;
import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.emit.Emitter;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.recorder.HttpServerRecorder;
import io.xrayagent.core.sampling.Samplers;
import io.xrayagent.core.trace.ContextMissingReporter;
import io.xrayagent.core.trace.Tracer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The filter on a real JDK HTTP server, without weaving: what the woven createContext would install. */
class TracingFilterTest {
    private final List<Segment> sent = new CopyOnWriteArrayList<Segment>();
    private HttpServer server;
    private HttpContext context;
    private final AtomicReference<Object> seenByHandler = new AtomicReference<Object>();

    @BeforeEach
    void start() throws IOException {
        Emitter emitter = new Emitter() {
            @Override
            public void sendSegment(Segment segment) {
                sent.add(segment);
            }

            @Override
            public void sendSubsegment(Subsegment subsegment) {
            }
        };
        Tracer tracer = new Tracer(emitter, 100, 50, new ContextMissingReporter(ContextMissingStrategy.IGNORE_ERROR));
        HttpServerRecorder recorder = new HttpServerRecorder(tracer, Samplers.all(), "filter-test", null);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        context = server.createContext("/", exchange -> {
            seenByHandler.set(CurrentContext.get());
            if (exchange.getRequestURI().getPath().equals("/boom")) {
                throw new IllegalArgumentException("boom");
            }
            byte[] body = "ok".getBytes("UTF-8");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/missing") ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        ContextFilterInstaller installer = new ContextFilterInstaller(new TracingFilter(recorder));
        installer.contextCreated(context);
        installer.contextCreated(context);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void installsOnceAndFirst() {
        assertEquals(1, context.getFilters().size());
        assertTrue(context.getFilters().get(0) instanceof TracingFilter);
    }

    @Test
    void recordsTheExchangeAndMakesItsSegmentCurrentForTheHandler() throws Exception {
        HttpURLConnection connection = open("/missing?secret=1");
        connection.setRequestProperty("User-Agent", "filter-test-agent");
        connection.setRequestProperty("X-Forwarded-For", "203.0.113.9, 10.0.0.1");
        assertEquals(404, connection.getResponseCode());
        String header = connection.getHeaderField("X-Amzn-Trace-Id");
        Segment segment = awaitSegment();
        assertEquals("Root=" + segment.traceId(), header);
        assertSame(segment, seenByHandler.get());
        assertEquals("GET", segment.request().method());
        assertTrue(segment.request().url().endsWith("/missing"), segment.request().url());
        assertEquals("filter-test-agent", segment.request().userAgent());
        assertEquals("203.0.113.9", segment.request().clientIp());
        assertTrue(segment.request().forwarded());
        assertEquals(404, segment.status());
        assertEquals(2, segment.contentLength());
        assertTrue(segment.error());
        assertTrue(segment.isEnded());
    }

    @Test
    void anExceptionFromTheHandlerIsRecordedAndStillReachesTheServer() throws Exception {
        HttpURLConnection connection = open("/boom");
        try {
            connection.getResponseCode();
        } catch (IOException expected) {
            // The JDK server drops the exchange after a handler exception.
        }
        // HttpURLConnection retries a GET once when the server drops it: each attempt is its own segment.
        awaitSegment();
        for (Segment segment : sent) {
            assertTrue(segment.fault());
            assertNotNull(segment.cause());
            assertEquals(IllegalArgumentException.class.getName(), segment.cause().exceptions().get(0).type());
        }
        assertNull(CurrentContext.get(), "the test thread never had a context");
    }

    private HttpURLConnection open(String path) throws IOException {
        return (HttpURLConnection) new URL("http://127.0.0.1:" + server.getAddress().getPort() + path).openConnection();
    }

    private Segment awaitSegment() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sent.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(!sent.isEmpty(), "no segment was sent");
        return sent.get(0);
    }
}
