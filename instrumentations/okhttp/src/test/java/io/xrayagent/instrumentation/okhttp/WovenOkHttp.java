package io.xrayagent.instrumentation.okhttp;

import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.core.config.AgentConfig;
import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.config.DaemonAddress;
import io.xrayagent.core.emit.AgentIdentity;
import io.xrayagent.core.emit.UdpEmitter;
import io.xrayagent.core.install.InstallContext;
import io.xrayagent.core.install.Installer;
import io.xrayagent.core.model.Ids;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.recorder.HttpClientRecorder;
import io.xrayagent.core.recorder.HttpServerRecorder;
import io.xrayagent.core.sampling.Samplers;
import io.xrayagent.core.trace.ContextMissingReporter;
import io.xrayagent.core.trace.Tracer;
import io.xrayagent.receiver.LocalReceiver;
import io.xrayagent.receiver.ReceivedDocument;
import io.xrayagent.testing.SchemaValidator;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * The agent's installer weaving the real advice into the real OkHttp of this JVM, once, and a receiver
 * standing in for the daemon: what an application under the agent gets, minus the jar packaging (the
 * smoke tests cover that, and the other OkHttp versions).
 */
final class WovenOkHttp {
    private static LocalReceiver receiver;
    private static UdpEmitter emitter;
    private static Tracer tracer;
    private static List<String> installed;
    private static InstallContext context;

    private WovenOkHttp() {
    }

    static synchronized void install() throws Exception {
        if (installed != null) {
            return;
        }
        receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
        emitter = new UdpEmitter(DaemonAddress.parse(receiver.daemonAddress()), 1024, 64512,
                new AgentIdentity("test", "test-vm", "17", "/tmp"));
        AgentConfig config = AgentConfig.load("samplingStrategy=ALL", Collections.<String, String>emptyMap(),
                Collections.<String, String>emptyMap(), WovenOkHttp.class.getClassLoader());
        tracer = new Tracer(emitter, 100, 50, new ContextMissingReporter(ContextMissingStrategy.IGNORE_ERROR));
        // The installer never weaves the agent's own loader; here OkHttp shares the test's loader, so the
        // "agent loader" is an empty child of it that only reads the advice and finds the module through it.
        ClassLoader loader = new ClassLoader(WovenOkHttp.class.getClassLoader()) { };
        context = new InstallContext(config, tracer, new HttpServerRecorder(tracer, Samplers.all(), "okhttp-test", null),
                new HttpClientRecorder(tracer), loader);
        installed = Installer.install(ByteBuddyAgent.install(), context, loader);
        if (!installed.contains("okhttp")) {
            throw new IllegalStateException("the okhttp module was not installed: " + installed);
        }
    }

    /** Puts a fresh agent handler on the bridge, as the installation did (after a test replaced it). */
    static void installHandler() {
        new OkHttpInstrumentation().extend(new AgentBuilder.Default(), context);
    }

    interface Work {
        void run(Segment segment) throws Exception;
    }

    /**
     * Runs {@code work} as a request would: inside a sampled segment. Returns the segment document as X-Ray
     * would receive it, after every document of the trace passed the schema.
     */
    static Map<String, Object> traced(Work work) throws Exception {
        Segment segment = tracer.beginSegment("okhttp-test", Ids.newTraceId(System.currentTimeMillis() / 1000),
                null, null, null);
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

    /** Everything that reached the receiver since {@link #clear}, after the emitter sent all it had. */
    static List<ReceivedDocument> received() throws InterruptedException {
        emitter.flush(5, TimeUnit.SECONDS);
        Thread.sleep(200);
        return new ArrayList<>(receiver.documents());
    }

    static void clear() {
        receiver.clear();
    }
}
