package io.xrayagent.instrumentation.jdbc;

import io.xrayagent.benchmarks.Fixtures;
import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.bootstrap.JdbcBridge;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.UnsampledTrace;
import io.xrayagent.core.trace.Tracer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the agent adds to one JDBC execution on the application's thread: the bridge's call depth, the
 * recorder (context check, connection metadata from the cache, subsegment begun and ended, sql block, the
 * query sanitized when asked), exactly as the woven advice calls them, around a real H2 prepared statement
 * that is not executed (the database's own work is the same with or without the agent). Segments are
 * renewed every 50 statements and handed to an emitter that discards them.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class JdbcStatementBenchmark {
    static final String QUERY = "select b1_0.id,b1_0.isbn,b1_0.title from Book b1_0 where b1_0.id=? and b1_0.status in (?,?,?)";

    /** collectSqlQueries: off (the default) or on (the prepared SQL looked up, its sanitized text from the cache). */
    @Param({"false", "true"})
    public boolean collectQueries;

    private Tracer tracer;
    private Connection connection;
    private PreparedStatement statement;
    private Segment segment;
    private int inSegment;

    @Setup
    public void setUp() throws SQLException {
        tracer = Fixtures.tracer(new Fixtures.DiscardingEmitter());
        StatementRecorder recorder = new StatementRecorder(tracer, collectQueries);
        JdbcBridge.install(recorder);
        connection = DriverManager.getConnection("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1", "sa", "");
        connection.createStatement().execute("CREATE TABLE IF NOT EXISTS Book (id INT, isbn VARCHAR, title VARCHAR, status INT)");
        statement = connection.prepareStatement(QUERY);
        newSegment();
        recorder.prepared(statement, QUERY);
    }

    @TearDown
    public void tearDown() throws SQLException {
        CurrentContext.restore(null);
        JdbcBridge.install(null);
        connection.close();
    }

    @Setup(Level.Iteration)
    public void current() {
        CurrentContext.swap(segment);
    }

    @Benchmark
    public Object sampledStatement() {
        Object scope = JdbcBridge.enter(statement, null, false);
        JdbcBridge.exit(scope, null);
        if (++inSegment == 50) {
            newSegment();
        }
        return scope;
    }

    /** An unsampled request: the bridge and the recorder's context check only. */
    @Benchmark
    public Object unsampledStatement() {
        Object previous = CurrentContext.swap(UNSAMPLED);
        Object scope = JdbcBridge.enter(statement, null, false);
        JdbcBridge.exit(scope, null);
        CurrentContext.restore(previous);
        return scope;
    }

    /**
     * What the prepare and close advice add per statement in a sampled request: its SQL remembered (with
     * collectSqlQueries) and forgotten again at close. A fresh key each time, as each prepare makes a new statement.
     */
    @Benchmark
    public Object prepareAndClose() {
        Object prepared = new Object();
        JdbcBridge.enterCall();
        JdbcBridge.prepared(prepared, QUERY);
        JdbcBridge.closed(prepared);
        return prepared;
    }

    @Benchmark
    public String sanitizeOnly() {
        return SqlSanitizer.sanitize(QUERY, SqlDialect.STANDARD);
    }

    private static final UnsampledTrace UNSAMPLED = new UnsampledTrace(Fixtures.TRACE_ID, null);

    private void newSegment() {
        if (segment != null) {
            tracer.endSegment(segment);
        }
        segment = tracer.beginSegment("bench", Fixtures.TRACE_ID, null, null, null);
        CurrentContext.swap(segment);
        inSegment = 0;
    }
}
