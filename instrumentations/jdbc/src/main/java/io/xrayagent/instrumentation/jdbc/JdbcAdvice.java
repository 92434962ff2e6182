package io.xrayagent.instrumentation.jdbc;

import io.xrayagent.bootstrap.JdbcBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into drivers' and pools' statements, connections and metadata. Each method hands its arguments to
 * {@link JdbcBridge} and nothing else: no lambdas or string concatenation, as drivers may be old bytecode.
 */
public final class JdbcAdvice {
    private JdbcAdvice() {
    }

    /** {@code execute(sql)}, {@code executeQuery(sql)}, {@code executeUpdate(sql, ...)} and their kin. */
    public static final class ExecuteSql {
        private ExecuteSql() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static Object enter(@Advice.This Object statement, @Advice.Argument(0) String sql) {
            return JdbcBridge.enter(statement, sql, false);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter Object scope, @Advice.Thrown Throwable thrown) {
            JdbcBridge.exit(scope, thrown);
        }
    }

    /** A prepared or callable statement's {@code execute()}, {@code executeQuery()}, {@code executeUpdate()}. */
    public static final class ExecutePrepared {
        private ExecutePrepared() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static Object enter(@Advice.This Object statement) {
            return JdbcBridge.enter(statement, null, false);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter Object scope, @Advice.Thrown Throwable thrown) {
            JdbcBridge.exit(scope, thrown);
        }
    }

    /** {@code executeBatch()} and {@code executeLargeBatch()}. */
    public static final class ExecuteBatch {
        private ExecuteBatch() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static Object enter(@Advice.This Object statement) {
            return JdbcBridge.enter(statement, null, true);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter Object scope, @Advice.Thrown Throwable thrown) {
            JdbcBridge.exit(scope, thrown);
        }
    }

    /** {@code Connection.prepareStatement(sql, ...)} and {@code prepareCall(sql, ...)}. */
    public static final class Prepare {
        private Prepare() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter() {
            JdbcBridge.enterCall();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Argument(0) String sql, @Advice.Return Object statement) {
            JdbcBridge.prepared(statement, sql);
        }
    }

    /** {@code Statement.addBatch(sql)}. */
    public static final class AddBatch {
        private AddBatch() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter() {
            JdbcBridge.enterCall();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.This Object statement, @Advice.Argument(0) String sql,
                @Advice.Thrown Throwable thrown) {
            JdbcBridge.batchAdded(statement, sql, thrown);
        }
    }

    /** {@code Statement.clearBatch()}. */
    public static final class ClearBatch {
        private ClearBatch() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter() {
            JdbcBridge.enterCall();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.This Object statement, @Advice.Thrown Throwable thrown) {
            JdbcBridge.batchAdded(statement, null, thrown);
        }
    }

    /** {@code Statement.close()}. */
    public static final class Close {
        private Close() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.This Object statement) {
            JdbcBridge.closed(statement);
        }
    }

    /** Every public method of a driver's {@code DatabaseMetaData}: the queries it runs are the driver's own. */
    public static final class Metadata {
        private Metadata() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter() {
            JdbcBridge.enterMetadata();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit() {
            JdbcBridge.exitMetadata();
        }
    }
}
