package io.xrayagent.testing;

import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.config.DaemonAddress;
import io.xrayagent.core.emit.AgentIdentity;
import io.xrayagent.core.emit.UdpEmitter;
import io.xrayagent.core.model.Ids;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.trace.ContextMissingReporter;
import io.xrayagent.core.trace.Tracer;
import io.xrayagent.receiver.LocalReceiver;
import io.xrayagent.receiver.ReceivedDocument;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A receiver standing in for the daemon and the real emitter sending to it, for tests that weave the real
 * advice into a library in their own JVM: they run calls inside a segment and read the trace as X-Ray would.
 */
public final class TestDaemon {
    private final LocalReceiver receiver;
    private final UdpEmitter emitter;

    private TestDaemon(LocalReceiver receiver, UdpEmitter emitter) {
        this.receiver = receiver;
        this.emitter = emitter;
    }

    public static TestDaemon start() throws IOException {
        LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
        return new TestDaemon(receiver, new UdpEmitter(DaemonAddress.parse(receiver.daemonAddress()), 1024, 64512,
                new AgentIdentity("test", "test-vm", "17", "/tmp")));
    }

    /** A tracer sending here, as the agent's is configured by default. */
    public Tracer tracer(ContextMissingStrategy strategy) {
        return new Tracer(emitter, 100, 50, new ContextMissingReporter(strategy));
    }

    public interface Work {
        void run(Segment segment) throws Exception;
    }

    /**
     * Runs {@code work} as a request would: inside a sampled segment named {@code service}. Returns the segment
     * document as X-Ray would receive it, after every document of the trace passed the schema; a trace that
     * needed more than that one document (a subsegment still in progress when the segment ended) fails.
     */
    public Map<String, Object> traced(Tracer tracer, String service, Work work) throws Exception {
        Segment segment = tracer.beginSegment(service, Ids.newTraceId(System.currentTimeMillis() / 1000), null, null,
                null);
        Object previous = CurrentContext.swap(segment);
        try {
            work.run(segment);
        } finally {
            CurrentContext.restore(previous);
            tracer.endSegment(segment);
        }
        List<ReceivedDocument> documents = receiver.awaitDocuments(docs -> {
            for (ReceivedDocument document : docs) {
                if (segment.id().equals(document.id())) {
                    return true;
                }
            }
            return false;
        }, Duration.ofSeconds(10));
        Map<String, Object> found = null;
        for (ReceivedDocument document : documents) {
            if (segment.traceId().equals(document.traceId())) {
                SchemaValidator.assertValid(document.body());
                if (document.isIndependentSubsegment() || document.isInProgress()) {
                    throw new AssertionError("expected the whole trace in one document, got " + document);
                }
                found = document.json();
            }
        }
        return found;
    }

    /** What reached the receiver since {@link #clear}, after the emitter sent all it had. */
    public List<ReceivedDocument> received() throws InterruptedException {
        emitter.flush(5, TimeUnit.SECONDS);
        Thread.sleep(200);
        return new ArrayList<>(receiver.documents());
    }

    public void clear() {
        receiver.clear();
    }
}
