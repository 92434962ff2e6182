package io.xrayagent.instrumentation.okhttp;

import io.xrayagent.core.config.AgentConfig;
import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.install.InstallContext;
import io.xrayagent.core.install.Installer;
import io.xrayagent.core.recorder.HttpClientRecorder;
import io.xrayagent.core.recorder.HttpServerRecorder;
import io.xrayagent.core.sampling.Samplers;
import io.xrayagent.core.trace.Tracer;
import io.xrayagent.receiver.ReceivedDocument;
import io.xrayagent.testing.TestDaemon;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * The agent's installer weaving the real advice into the real OkHttp of this JVM, once, and a receiver
 * standing in for the daemon: what an application under the agent gets, minus the jar packaging (the
 * smoke tests cover that, and the other OkHttp versions).
 */
final class WovenOkHttp {
    private static TestDaemon daemon;
    private static Tracer tracer;
    private static List<String> installed;
    private static InstallContext context;

    private WovenOkHttp() {
    }

    static synchronized void install() throws Exception {
        if (installed != null) {
            return;
        }
        daemon = TestDaemon.start();
        AgentConfig config = AgentConfig.load("samplingStrategy=ALL", Collections.<String, String>emptyMap(),
                Collections.<String, String>emptyMap(), WovenOkHttp.class.getClassLoader());
        tracer = daemon.tracer(ContextMissingStrategy.IGNORE_ERROR);
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

    /**
     * Runs {@code work} as a request would: inside a sampled segment. Returns the segment document as X-Ray
     * would receive it, after every document of the trace passed the schema.
     */
    static Map<String, Object> traced(TestDaemon.Work work) throws Exception {
        return daemon.traced(tracer, "okhttp-test", work);
    }

    /** Everything that reached the receiver since {@link #clear}, after the emitter sent all it had. */
    static List<ReceivedDocument> received() throws InterruptedException {
        return daemon.received();
    }

    static void clear() {
        daemon.clear();
    }
}
