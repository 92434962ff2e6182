package io.xrayagent.bootstrap;

/**
 * The trace context current on each thread (a segment, a subsegment, or an unsampled trace).
 *
 * <p>It lives on the bootstrap class path so that code woven into any class loader, and the agent's own
 * class loader, share one holder. The value is typed {@code Object} because the bootstrap bridge must not
 * know the agent's model classes.
 */
public final class CurrentContext {
    private static final ThreadLocal<Object> CURRENT = new ThreadLocal<Object>();

    private CurrentContext() {
    }

    public static Object get() {
        return CURRENT.get();
    }

    /** Makes {@code context} current and returns what was current before, to be restored later. */
    public static Object swap(Object context) {
        Object previous = CURRENT.get();
        if (context == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(context);
        }
        return previous;
    }

    public static void restore(Object previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }
}
