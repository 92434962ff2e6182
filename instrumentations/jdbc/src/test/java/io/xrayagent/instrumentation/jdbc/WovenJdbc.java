package io.xrayagent.instrumentation.jdbc;

import io.xrayagent.bootstrap.JdbcBridge;
import io.xrayagent.core.config.AgentConfig;
import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.install.InstallContext;
import io.xrayagent.core.install.Installer;
import io.xrayagent.core.recorder.HttpClientRecorder;
import io.xrayagent.core.recorder.HttpServerRecorder;
import io.xrayagent.core.sampling.Samplers;
import io.xrayagent.core.trace.Tracer;
import io.xrayagent.receiver.ReceivedDocument;
import io.xrayagent.testing.TeeStream;
import io.xrayagent.testing.TestDaemon;
import io.xrayagent.core.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.instrument.Instrumentation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The agent's installer weaving the real advice into the real drivers and pools of this JVM, once, and a
 * receiver standing in for the daemon: what an application under the agent gets, minus the jar packaging
 * (the smoke tests cover that).
 */
final class WovenJdbc {
    private static TestDaemon daemon;
    private static List<String> installed;
    private static final ByteArrayOutputStream WEAVING_LOG = new ByteArrayOutputStream();

    private WovenJdbc() {
    }

    static synchronized void install() throws Exception {
        if (installed != null) {
            return;
        }
        // Weaving failures are only logged (the class then runs untraced); the tests look for them.
        System.setErr(new PrintStream(new TeeStream(System.err, WEAVING_LOG), true, "UTF-8"));
        AgentLog.setOutput(System.err);
        daemon = TestDaemon.start();
        AgentConfig config = AgentConfig.load("samplingStrategy=ALL", Collections.<String, String>emptyMap(),
                Collections.<String, String>emptyMap(), WovenJdbc.class.getClassLoader());
        Tracer tracer = tracer(ContextMissingStrategy.IGNORE_ERROR);
        Instrumentation instrumentation = ByteBuddyAgent.install();
        // The installer never weaves the agent's own loader; here the drivers share the test's loader, so the
        // "agent loader" is an empty child of it that only reads the advice and finds the module through it.
        ClassLoader loader = new ClassLoader(WovenJdbc.class.getClassLoader()) { };
        installed = Installer.install(instrumentation, new InstallContext(config, tracer,
                new HttpServerRecorder(tracer, Samplers.all(), "jdbc-test", null), new HttpClientRecorder(tracer), loader),
                loader);
        if (!installed.contains("jdbc")) {
            throw new IllegalStateException("the jdbc module was not installed: " + installed);
        }
    }

    /** The agent's lines saying a class could not be woven, since the installation. */
    static List<String> weavingFailures() {
        List<String> failures = new ArrayList<>();
        for (String line : new String(WEAVING_LOG.toByteArray(), StandardCharsets.UTF_8).split("\n")) {
            if (line.contains("could not instrument")) {
                failures.add(line);
            }
        }
        return failures;
    }

    static Tracer tracer(ContextMissingStrategy strategy) {
        return daemon.tracer(strategy);
    }

    /** Installs a fresh recorder (so each test starts with empty caches) and returns it. */
    static StatementRecorder recorder(Tracer tracer, boolean collectQueries) {
        StatementRecorder recorder = new StatementRecorder(tracer, collectQueries);
        JdbcBridge.install(recorder);
        return recorder;
    }

    interface Work {
        void run() throws Exception;
    }

    /**
     * Runs {@code work} as a request would: inside a sampled segment. Returns the segment document as X-Ray
     * would receive it, after every document of the trace passed the schema.
     */
    static Map<String, Object> traced(Tracer tracer, Work work) throws Exception {
        return daemon.traced(tracer, "jdbc-test", segment -> work.run());
    }

    /** What reached the receiver since {@link #clear}, after the emitter sent all it had. */
    static List<ReceivedDocument> received() throws InterruptedException {
        return daemon.received();
    }

    static void clear() {
        daemon.clear();
    }
}
