package io.xrayagent.instrumentation.apachehttpclient;

import io.xrayagent.bootstrap.ContextPropagation;
import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.core.config.AgentConfig;
import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.install.InstallContext;
import io.xrayagent.core.install.Installer;
import io.xrayagent.core.log.AgentLog;
import io.xrayagent.core.model.Ids;
import io.xrayagent.core.model.UnsampledTrace;
import io.xrayagent.core.recorder.HttpClientRecorder;
import io.xrayagent.core.recorder.HttpServerRecorder;
import io.xrayagent.core.sampling.Samplers;
import io.xrayagent.core.trace.Tracer;
import io.xrayagent.receiver.ReceivedDocument;
import io.xrayagent.testing.TeeStream;
import io.xrayagent.testing.TestDaemon;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The agent's installer weaving the real advice into the Apache clients of this JVM, once, and a receiver
 * standing in for the daemon: what an application under the agent gets, minus the jar packaging (the smoke
 * tests cover that).
 */
final class WovenClients {
    private static final ByteArrayOutputStream AGENT_OUTPUT = new ByteArrayOutputStream();
    private static TestDaemon daemon;
    private static Tracer tracer;

    private WovenClients() {
    }

    static synchronized void install() throws Exception {
        if (tracer != null) {
            return;
        }
        // Everything the agent says (weaving failures included) is kept for the tests to look at.
        AgentLog.setOutput(new PrintStream(new TeeStream(System.err, AGENT_OUTPUT), true, "UTF-8"));
        AgentLog.setLevel(AgentLog.Level.DEBUG);
        daemon = TestDaemon.start();
        AgentConfig config = AgentConfig.load("samplingStrategy=ALL", Collections.<String, String>emptyMap(),
                Collections.<String, String>emptyMap(), WovenClients.class.getClassLoader());
        tracer = daemon.tracer(ContextMissingStrategy.LOG_ERROR);
        // The installer never weaves the agent's own loader; here the clients share the test's loader, so the
        // "agent loader" is an empty child of it that only reads the advice and finds the module through it.
        ClassLoader loader = new ClassLoader(WovenClients.class.getClassLoader()) { };
        List<String> installed = Installer.install(ByteBuddyAgent.install(), new InstallContext(config, tracer,
                new HttpServerRecorder(tracer, Samplers.all(), "apache-test", null), new HttpClientRecorder(tracer), loader),
                loader);
        if (!installed.equals(Collections.singletonList("apache-httpclient"))) {
            throw new IllegalStateException("expected only the apache-httpclient module, got " + installed);
        }
        ContextPropagation.enable(true);
    }

    /** What the agent printed since it was installed. */
    static List<String> agentOutput() {
        List<String> lines = new ArrayList<>();
        for (String line : new String(AGENT_OUTPUT.toByteArray(), StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("[xray-agent]")) {
                lines.add(line);
            }
        }
        return lines;
    }

    /**
     * Runs {@code work} as a request would: inside a sampled segment. Returns the segment document as X-Ray
     * would receive it, after every document of the trace passed the schema.
     */
    static Map<String, Object> traced(TestDaemon.Work work) throws Exception {
        return daemon.traced(tracer, "apache-test", work);
    }

    interface Call {
        void run() throws Exception;
    }

    /** Runs {@code work} inside an unsampled trace; returns its trace id. */
    static String unsampled(Call work) throws Exception {
        String traceId = Ids.newTraceId(System.currentTimeMillis() / 1000);
        Object previous = CurrentContext.swap(new UnsampledTrace(traceId, null));
        try {
            work.run();
        } finally {
            CurrentContext.restore(previous);
        }
        return traceId;
    }

    /** What reached the receiver since {@link #clear}, after the emitter sent all it had. */
    static List<ReceivedDocument> received() throws InterruptedException {
        return daemon.received();
    }

    static void clear() {
        daemon.clear();
    }
}
