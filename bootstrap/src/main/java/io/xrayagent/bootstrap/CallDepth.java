package io.xrayagent.bootstrap;

/**
 * Per-thread nesting counters, one slot per instrumented call family, so that only the outermost of
 * nested calls (an overload calling another, the JDK calling back into itself) records anything.
 */
public final class CallDepth {
    public static final int HTTP_URL_CONNECTION = 0;
    public static final int HTTP_SERVER = 1;
    public static final int SERVLET = 2;
    public static final int JDBC = 3;
    public static final int HTTP_CLIENT = 4;
    private static final int SLOTS = 16;

    private static final ThreadLocal<int[]> DEPTHS = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[SLOTS];
        }
    };

    private CallDepth() {
    }

    /** Increments the slot and returns the depth before the increment: 0 means outermost. */
    public static int enter(int slot) {
        int[] depths = DEPTHS.get();
        return depths[slot]++;
    }

    /** Returns the depth of the slot as it stands (1 while inside exactly one call). */
    public static int current(int slot) {
        return DEPTHS.get()[slot];
    }

    /** Decrements the slot, never below zero. */
    public static void exit(int slot) {
        int[] depths = DEPTHS.get();
        if (depths[slot] > 0) {
            depths[slot]--;
        }
    }
}
