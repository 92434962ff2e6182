package io.xrayagent.bootstrap;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One per JVM, because it is loaded by the bootstrap class loader: lets a second {@code -javaagent} of this
 * agent (one in JAVA_TOOL_OPTIONS and one on the command line) notice the first and stand down.
 */
public final class AgentState {
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private AgentState() {
    }

    /** True for the first caller only. */
    public static boolean claimStart() {
        return STARTED.compareAndSet(false, true);
    }
}
