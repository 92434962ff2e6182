package io.xrayagent.instrumentation.jdbc;

import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.bootstrap.JdbcBridge;
import io.xrayagent.core.log.AgentLog;
import io.xrayagent.core.model.Entity;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.trace.Tracer;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One {@code remote} subsegment per statement execution, named {@code database@host}, with the {@code sql}
 * block of its connection. The bridge calls it for the outermost execution on a thread only.
 */
final class StatementRecorder implements JdbcBridge.Handler {
    static final String PREPARED = "statement";
    static final String CALL = "call";
    private static final String WHAT = "SQL statement";

    private final Tracer tracer;
    private final boolean collectQueries;
    private final ConnectionInfoCache connections = new ConnectionInfoCache();
    private final StatementSql statements = new StatementSql();
    private final SanitizedQueries queries = new SanitizedQueries();

    StatementRecorder(Tracer tracer, boolean collectQueries) {
        this.tracer = tracer;
        this.collectQueries = collectQueries;
    }

    /**
     * Kept only in a sampled trace: a statement is nearly always prepared in the request that runs it, and
     * outside one the agent allocates nothing. (A statement cache that keeps statements across requests
     * shows no query text for those prepared outside a sampled one.)
     */
    @Override
    public void prepared(Object statement, String sql) {
        if (collectQueries && CurrentContext.get() instanceof Entity) {
            statements.prepared(statement, sql);
        }
    }

    @Override
    public void batchAdded(Object statement, String sql) {
        if (collectQueries && (sql == null || CurrentContext.get() instanceof Entity)) {
            statements.batchAdded(statement, sql);
        }
    }

    /**
     * Forgetting a closed statement at once, rather than when the collector clears its weak key, keeps the
     * map small and spares the collector a reference to process per statement.
     */
    @Override
    public void closed(Object statement) {
        if (collectQueries) {
            statements.forget(statement);
        }
    }

    @Override
    public Object begin(Object statement, String sql, boolean batch) {
        // The batch is gone once executed, traced or not.
        Collection<String> batchSql = batch && collectQueries ? statements.takeBatch(statement) : null;
        Object current = CurrentContext.get();
        if (!(current instanceof Entity)) {
            if (current == null) {
                tracer.contextMissing().report(WHAT);
            }
            // An unsampled trace records nothing, and allocates nothing here.
            return null;
        }
        if (!(statement instanceof Statement)) {
            return null;
        }
        Statement jdbc = (Statement) statement;
        ConnectionInfo info = connections.of(jdbc);
        Subsegment subsegment = tracer.beginSubsegment((Entity) current, info.name, "remote");
        try {
            String preparation = sql != null ? null
                    : jdbc instanceof CallableStatement ? CALL : jdbc instanceof PreparedStatement ? PREPARED : null;
            subsegment.setSql(info.sql, preparation,
                    collectQueries ? query(jdbc, sql, batchSql, info.dialect) : null);
        } catch (RuntimeException e) {
            AgentLog.debug("could not describe a SQL statement", e);
        }
        return subsegment;
    }

    @Override
    public void end(Object scope, Throwable thrown) {
        Subsegment subsegment = (Subsegment) scope;
        try {
            if (thrown != null) {
                tracer.recordException(subsegment, thrown);
            }
        } finally {
            tracer.endSubsegment(subsegment);
        }
    }

    private String query(Statement statement, String sql, Collection<String> batchSql, SqlDialect dialect) {
        if (sql != null) {
            return queries.sanitized(sql, dialect);
        }
        if (batchSql != null) {
            Set<String> distinct = new LinkedHashSet<String>();
            for (String each : batchSql) {
                distinct.add(queries.sanitized(each, dialect));
            }
            StringBuilder joined = new StringBuilder();
            for (String each : distinct) {
                joined.append(joined.length() == 0 ? "" : "; ").append(each);
            }
            return SqlSanitizer.capped(joined);
        }
        return queries.sanitized(statements.preparedSql(statement), dialect);
    }

    /** How many statements and connections the weak maps hold (for tests of what is kept alive). */
    int tracked() {
        return statements.size() + connections.size();
    }

    /** How many connections have their metadata cached (physical ones, and wrappers that hide them). */
    int connectionsKnown() {
        return connections.size();
    }
}
