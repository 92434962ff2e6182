package io.xrayagent.core.model;

/** A unit of work inside a segment: a downstream call, a query. */
public final class Subsegment extends Entity {
    private final Segment segment;
    private final Entity parent;
    private final String namespace;

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
}
