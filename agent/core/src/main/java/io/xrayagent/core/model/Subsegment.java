package io.xrayagent.core.model;

/** A unit of work inside a segment: a downstream call, a query. */
public final class Subsegment extends Entity {
    private final Segment segment;
    private final Entity parent;
    private final String namespace;
    private SqlData sql;
    private String sqlPreparation;
    private String sqlQuery;

    Subsegment(Segment segment, Entity parent, String id, String name, String namespace, long startMicros) {
        super(id, name, startMicros);
        this.segment = segment;
        this.parent = parent;
        this.namespace = namespace;
    }

    @Override
    public Segment segment() {
        return segment;
    }

    @Override
    public Entity parent() {
        return parent;
    }

    /** {@code remote}, {@code aws}, or null for local work. */
    public String namespace() {
        return namespace;
    }

    /**
     * Makes this a SQL subsegment: {@code preparation} is {@code statement}, {@code call} or null (a plain
     * statement), {@code sanitizedQuery} null unless the application asked for queries to be recorded.
     */
    public void setSql(SqlData connection, String preparation, String sanitizedQuery) {
        this.sql = connection;
        this.sqlPreparation = preparation;
        this.sqlQuery = sanitizedQuery;
    }

    /** Null unless this subsegment is a SQL statement. */
    public SqlData sql() {
        return sql;
    }

    public String sqlPreparation() {
        return sqlPreparation;
    }

    public String sqlQuery() {
        return sqlQuery;
    }
}
