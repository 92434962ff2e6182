package io.xrayagent.core.install;

import io.xrayagent.core.config.AgentConfig;
import io.xrayagent.core.recorder.HttpClientRecorder;
import io.xrayagent.core.recorder.HttpServerRecorder;
import io.xrayagent.core.trace.Tracer;
import net.bytebuddy.agent.builder.AgentBuilder;

/** What instrumentation modules get to wire themselves up. */
public final class InstallContext {
    private final AgentConfig config;
    private final Tracer tracer;
    private final HttpServerRecorder serverRecorder;
    private final HttpClientRecorder clientRecorder;
    private final ClassLoader agentLoader;

    public InstallContext(AgentConfig config, Tracer tracer, HttpServerRecorder serverRecorder,
            HttpClientRecorder clientRecorder, ClassLoader agentLoader) {
        this.config = config;
        this.tracer = tracer;
        this.serverRecorder = serverRecorder;
        this.clientRecorder = clientRecorder;
        this.agentLoader = agentLoader;
    }

    public AgentConfig config() {
        return config;
    }

    public Tracer tracer() {
        return tracer;
    }

    public HttpServerRecorder serverRecorder() {
        return serverRecorder;
    }

    public HttpClientRecorder clientRecorder() {
        return clientRecorder;
    }

    /** Library-facing helpers of {@code className}, loaded beside each copy of the library (see LibraryHelper). */
    public <T> LibraryHelper<T> helper(Class<T> type, String className) {
        return new LibraryHelper<T>(type, className, agentLoader);
    }

    /**
     * Inlines advice classes that live in the agent's class loader (their bytes are read through it, so
     * the instrumented class loader never needs to see them).
     */
    public AgentBuilder.Transformer.ForAdvice advice() {
        return new AgentBuilder.Transformer.ForAdvice().include(agentLoader);
    }
}
