package io.xrayagent.core.install;

import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * One library family's instrumentation, found through {@link java.util.ServiceLoader}. It adds its type
 * matchers and advice to the builder and installs the handlers its advice calls through the bootstrap
 * bridge. It can be switched off by name ({@code instrumentation.<name>.enabled=false}).
 */
public interface InstrumentationModule {
    /** The switch name, lowercase with dashes: {@code jdk-httpserver}. */
    String name();

    /** True for server instrumentations, which {@code traceIncomingRequests=false} turns off. */
    boolean tracesIncomingRequests();

    AgentBuilder extend(AgentBuilder builder, InstallContext context);

    /**
     * Internal class-name prefixes ({@code javax/servlet/}) of classes that load before anything this module
     * weaves is used: their loading waits for the agent's install, which runs beside the application's
     * start, so that the first call is traced. Classes loaded earlier are retransformed by the install.
     */
    default String[] triggers() {
        return new String[0];
    }
}
