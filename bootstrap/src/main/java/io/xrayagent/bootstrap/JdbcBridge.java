package io.xrayagent.bootstrap;

/**
 * From advice woven into JDBC drivers and pools to the agent's statement recorder. Only the outermost of
 * nested executions on a thread reaches the handler (a pool's proxy statement calling the driver's, an
 * overload calling another), and nothing runs while a driver answers a {@code DatabaseMetaData} call,
 * whose own queries are the driver's business, not the application's.
 */
public final class JdbcBridge {
    /** Implemented in the agent's class loader; arguments are {@code java.sql} objects typed loosely. */
    public interface Handler {
        /** A statement was prepared from {@code sql}: the SQL its later executions ran. */
        void prepared(Object statement, String sql);

        /** {@code sql} was added to a plain statement's batch; null when the batch was cleared. */
        void batchAdded(Object statement, String sql);

        /** The statement was closed: whatever was kept for it can go. */
        void closed(Object statement);

        /** Starts recording an execution; returns what {@link #end} needs, or null to record nothing. */
        Object begin(Object statement, String sql, boolean batch);

        void end(Object scope, Throwable thrown);
    }

    private static volatile Handler handler;

    private JdbcBridge() {
    }

    public static void install(Handler newHandler) {
        handler = newHandler;
    }

    /**
     * Before {@code prepareStatement}, {@code prepareCall}, {@code addBatch(sql)} and {@code clearBatch()}: a
     * pool's proxy calls the driver's method of the same name, and only the outermost call is the application's.
     */
    public static void enterCall() {
        CallDepth.enter(CallDepth.JDBC);
    }

    /** After {@code prepareStatement}/{@code prepareCall}; {@code statement} is null when it threw. */
    public static void prepared(Object statement, String sql) {
        try {
            Handler current = handler;
            if (current != null && statement != null && CallDepth.current(CallDepth.JDBC) == 1) {
                current.prepared(statement, sql);
            }
        } finally {
            CallDepth.exit(CallDepth.JDBC);
        }
    }

    /** After {@code addBatch(sql)}, or {@code clearBatch()} with a null {@code sql}. */
    public static void batchAdded(Object statement, String sql, Throwable thrown) {
        try {
            Handler current = handler;
            if (current != null && thrown == null && CallDepth.current(CallDepth.JDBC) == 1) {
                current.batchAdded(statement, sql);
            }
        } finally {
            CallDepth.exit(CallDepth.JDBC);
        }
    }

    /** After {@code Statement.close()}. */
    public static void closed(Object statement) {
        Handler current = handler;
        if (current != null) {
            current.closed(statement);
        }
    }

    /** {@code sql} is the argument of {@code execute(String)} and its kin, null for a prepared statement. */
    public static Object enter(Object statement, String sql, boolean batch) {
        if (CallDepth.enter(CallDepth.JDBC) != 0) {
            return null;
        }
        Handler current = handler;
        return current == null ? null : current.begin(statement, sql, batch);
    }

    /** Always paired with {@link #enter}, whatever it returned. */
    public static void exit(Object scope, Throwable thrown) {
        try {
            if (scope != null) {
                Handler current = handler;
                if (current != null) {
                    current.end(scope, thrown);
                }
            }
        } finally {
            CallDepth.exit(CallDepth.JDBC);
        }
    }

    /** Around the driver's {@code DatabaseMetaData} methods: executions inside are not the application's. */
    public static void enterMetadata() {
        CallDepth.enter(CallDepth.JDBC);
    }

    public static void exitMetadata() {
        CallDepth.exit(CallDepth.JDBC);
    }
}
