package io.xrayagent.benchmarks;

import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.emit.Emitter;
import io.xrayagent.core.model.HttpRequestData;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.recorder.ClientRequest;
import io.xrayagent.core.recorder.ServerRequest;
import io.xrayagent.core.trace.ContextMissingReporter;
import io.xrayagent.core.trace.Tracer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/** Shared inputs of the benchmarks: typical headers, a discarding emitter, and minimal request adapters. */
public final class Fixtures {
    /** The agent's defaults (AgentConfig): streamingThreshold 100, maxStackTraceLength 50. */
    public static final int STREAMING_THRESHOLD = 100;
    public static final int MAX_STACK_FRAMES = 50;

    /** A header as an upstream X-Ray-instrumented service (or an ALB) sends it. */
    public static final String TYPICAL_HEADER =
            "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1|68fd508a:5";
    /** Not a trace header at all: no {@code key=value} field survives. */
    public static final String GARBAGE_HEADER = "this is not a trace header, just some text a client sent along";

    public static final String TRACE_ID = "1-5759e988-bd862e3fe1be46a994272793";
    public static final String PARENT_ID = "53995c3f42cd8ad8";
    public static final String PASS_THROUGH = "Lineage=a87bd80c:1|68fd508a:5";

    private Fixtures() {
    }

    public static Tracer tracer(Emitter emitter) {
        return new Tracer(emitter, STREAMING_THRESHOLD, MAX_STACK_FRAMES,
                new ContextMissingReporter(ContextMissingStrategy.IGNORE_ERROR));
    }

    /**
     * A finished segment shaped like one request of a small web service: HTTP request and response on the
     * segment, one {@code remote} subsegment for an outgoing call and one local subsegment.
     */
    public static Segment finishedHttpSegment(Tracer tracer) {
        Segment segment = tracer.beginSegment("orders-service", TRACE_ID, PARENT_ID, PASS_THROUGH, "Default");
        segment.setRequest(HttpRequestData.incoming("GET", "http://orders.example.com/api/orders/42",
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)", "203.0.113.7", true));
        Subsegment call = tracer.beginSubsegment(segment, "inventory.internal", "remote");
        call.setRequest(HttpRequestData.outgoing("GET", "http://inventory.internal:8080/stock/42", true));
        call.setResponse(200, 312);
        tracer.endSubsegment(call);
        Subsegment local = tracer.beginSubsegment(segment, "render", null);
        tracer.endSubsegment(local);
        segment.setResponse(200, 1024);
        tracer.endSegment(segment);
        return segment;
    }

    /** Keeps what it is given in a field (so the work to produce it cannot be optimized away) and sends nothing. */
    /**
     * Starts a daemon thread that takes from {@code queue} and counts in {@code taken}: a consumer blocked in
     * {@code take()}, as the emitter's sender is after about a second without documents.
     */
    public static Thread startIdleTaker(BlockingQueue<Object> queue, AtomicLong taken) {
        Thread taker = new Thread(() -> {
            while (true) {
                try {
                    queue.take();
                    taken.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "idle-queue-taker");
        taker.setDaemon(true);
        taker.start();
        return taker;
    }

    public static final class DiscardingEmitter implements Emitter {
        public Object lastSent;
        public long count;

        @Override
        public void sendSegment(Segment segment) {
            lastSent = segment;
            count++;
        }

        @Override
        public void sendSubsegment(Subsegment subsegment) {
            lastSent = subsegment;
            count++;
        }
    }

    /**
     * The least a server adapter does: fixed request fields and a header lookup. Response headers are kept
     * in a field, as a server would keep them until it writes the response.
     */
    public static final class FixedServerRequest implements ServerRequest {
        private final String traceHeader;
        public String responseHeader;

        public FixedServerRequest(String traceHeader) {
            this.traceHeader = traceHeader;
        }

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String scheme() {
            return "http";
        }

        @Override
        public String host() {
            return "orders.example.com:8080";
        }

        @Override
        public String path() {
            return "/api/orders/42";
        }

        @Override
        public String header(String name) {
            if ("X-Amzn-Trace-Id".equalsIgnoreCase(name)) {
                return traceHeader;
            }
            if ("User-Agent".equalsIgnoreCase(name)) {
                return "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)";
            }
            return null;
        }

        @Override
        public String remoteAddress() {
            return "203.0.113.7";
        }

        @Override
        public String localAuthority() {
            return "10.0.0.12:8080";
        }

        @Override
        public void setResponseHeader(String name, String value) {
            responseHeader = value;
        }
    }

    /** An outgoing request the application set no trace header on; the injected header is kept in a field. */
    public static final class FixedClientRequest implements ClientRequest {
        public String injectedHeader;

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String url() {
            return "http://inventory.internal:8080/stock/42?fields=count";
        }

        @Override
        public String host() {
            return "inventory.internal";
        }

        @Override
        public String header(String name) {
            return null;
        }

        @Override
        public boolean setHeader(String name, String value) {
            injectedHeader = value;
            return true;
        }
    }
}
