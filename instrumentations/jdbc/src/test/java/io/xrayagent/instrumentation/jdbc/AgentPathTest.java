package io.xrayagent.instrumentation.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.bootstrap.CallDepth;
import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.bootstrap.JdbcBridge;
import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.model.UnsampledTrace;
import io.xrayagent.core.trace.Tracer;
import io.xrayagent.receiver.ReceivedDocument;
import io.xrayagent.testing.LogCapture;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the agent does around statements outside a sampled request, and what it keeps. */
class AgentPathTest {
    private static final String URL = "jdbc:h2:mem:agentpath;DB_CLOSE_DELAY=-1";
    private final LogCapture log = new LogCapture();

    @BeforeAll
    static void weave() throws Exception {
        WovenJdbc.install();
    }

    @AfterAll
    static void everyClassWasWoven() {
        assertEquals(List.of(), WovenJdbc.weavingFailures());
    }

    @BeforeEach
    void capture() {
        log.start();
    }

    @AfterEach
    void restore() {
        log.stop();
        CurrentContext.restore(null);
    }

    @Test
    void withoutACurrentSegmentNothingIsRecordedAndABatchJobLogsOneLineAMinute() throws Exception {
        WovenJdbc.recorder(WovenJdbc.tracer(ContextMissingStrategy.LOG_ERROR), true);
        WovenJdbc.clear();
        log.start();
        try (Connection connection = DriverManager.getConnection(URL, "sa", "");
                Statement statement = connection.createStatement()) {
            for (int i = 0; i < 500; i++) {
                statement.execute("SELECT " + i);
            }
        }
        List<String> lines = log.lines();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("[xray-agent] ERROR no current segment: SQL statement was not traced"),
                lines.get(0));
        List<ReceivedDocument> received = WovenJdbc.received();
        assertEquals(List.of(), received, "no document for statements outside any request");

        WovenJdbc.recorder(WovenJdbc.tracer(ContextMissingStrategy.IGNORE_ERROR), true);
        log.start();
        try (Connection connection = DriverManager.getConnection(URL, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
        }
        assertEquals(List.of(), log.lines(), "IGNORE_ERROR says nothing");
    }

    @Test
    void anUnsampledRequestAllocatesNothingInTheAgentPerStatement() throws Exception {
        WovenJdbc.recorder(WovenJdbc.tracer(ContextMissingStrategy.LOG_ERROR), true);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        try (Connection connection = DriverManager.getConnection(URL, "sa", "");
                PreparedStatement prepared = connection.prepareStatement("SELECT 1")) {
            CurrentContext.swap(new UnsampledTrace("1-5f84c7a5-0b1c2d3e4f5a6b7c8d9e0f1a", null));
            long allocated = Long.MAX_VALUE;
            // The bridge and recorder exactly as the advice calls them; several rounds, so that the JIT has
            // compiled the path (the interpreter boxes nothing here either, but warm-up removes doubt).
            for (int round = 0; round < 5; round++) {
                long before = threads.getThreadAllocatedBytes(thread);
                for (int i = 0; i < 100_000; i++) {
                    JdbcBridge.enterCall();
                    JdbcBridge.prepared(prepared, "SELECT 1");
                    Object scope = JdbcBridge.enter(prepared, null, i % 10 == 0);
                    JdbcBridge.exit(scope, null);
                    JdbcBridge.closed(prepared);
                }
                allocated = Math.min(allocated, threads.getThreadAllocatedBytes(thread) - before);
            }
            assertEquals(0, allocated, "bytes allocated by 100,000 unsampled prepares and executions, queries collected");
            assertEquals(0, CallDepth.current(CallDepth.JDBC));
        }
    }

    @Test
    void closedConnectionsAndStatementsAreNotKeptAlive() throws Exception {
        Tracer tracer = WovenJdbc.tracer(ContextMissingStrategy.IGNORE_ERROR);
        StatementRecorder recorder = WovenJdbc.recorder(tracer, true);
        WeakReference<Connection> gone = useAndDropAConnection(tracer);
        for (int i = 0; i < 100 && gone.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(null, gone.get(), "the connection was collected");
        assertEquals(0, recorder.tracked(), "statements and connections left the caches with it");
    }

    @Test
    void aClosedStatementIsForgottenAtOnce() throws Exception {
        Tracer tracer = WovenJdbc.tracer(ContextMissingStrategy.IGNORE_ERROR);
        StatementRecorder recorder = WovenJdbc.recorder(tracer, true);
        try (Connection connection = DriverManager.getConnection(URL, "sa", "")) {
            PreparedStatement open = connection.prepareStatement("SELECT 0");
            Map<String, Object> segment = WovenJdbc.traced(tracer, () -> {
                for (int i = 0; i < 10; i++) {
                    try (PreparedStatement prepared = connection.prepareStatement("SELECT " + i + " + ?")) {
                        prepared.setInt(1, i);
                        prepared.executeQuery().close();
                    }
                }
                try (Statement batch = connection.createStatement()) {
                    batch.addBatch("CREATE TABLE IF NOT EXISTS forgotten (x INT)");
                }
                assertEquals(recorder.connectionsKnown(), recorder.tracked(), "only the connection is still known");
            });
            assertEquals(10, Trees.children(segment).size());
            assertEquals("SELECT ? + ?", Trees.sql(Trees.children(segment).get(9)).get("sanitized_query"));
            open.close();
        }
    }

    private static WeakReference<Connection> useAndDropAConnection(Tracer tracer) throws Exception {
        Connection connection = DriverManager.getConnection(URL, "sa", "");
        Map<String, Object> segment = WovenJdbc.traced(tracer, () -> {
            try (PreparedStatement prepared = connection.prepareStatement("SELECT ?")) {
                prepared.setInt(1, 1);
                prepared.executeQuery().close();
            }
        });
        assertEquals(1, Trees.children(segment).size());
        connection.close();
        return new WeakReference<>(connection);
    }

    @Test
    void aFailingAgentNeverChangesWhatTheApplicationGets() throws Exception {
        JdbcBridge.install(new JdbcBridge.Handler() {
            @Override
            public void prepared(Object statement, String sql) {
                throw new IllegalStateException("agent bug");
            }

            @Override
            public void batchAdded(Object statement, String sql) {
                throw new IllegalStateException("agent bug");
            }

            @Override
            public void closed(Object statement) {
                throw new IllegalStateException("agent bug");
            }

            @Override
            public Object begin(Object statement, String sql, boolean batch) {
                throw new OutOfMemoryError("agent failure");
            }

            @Override
            public void end(Object scope, Throwable thrown) {
                throw new IllegalStateException("agent bug");
            }
        });
        try (Connection connection = DriverManager.getConnection(URL, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.addBatch("CREATE TABLE IF NOT EXISTS failing_agent (x INT)");
            statement.executeBatch();
            try (PreparedStatement prepared = connection.prepareStatement("SELECT 41 + ?")) {
                prepared.setInt(1, 1);
                try (ResultSet rows = prepared.executeQuery()) {
                    rows.next();
                    assertEquals(42, rows.getInt(1));
                }
            }
            SQLException thrown = assertThrows(SQLException.class, () -> statement.execute("SELEKT"));
            assertEquals("42001", thrown.getSQLState(), "the driver's own exception, untouched");
        }
        assertEquals(0, CallDepth.current(CallDepth.JDBC), "depth balanced after failures");
    }
}
