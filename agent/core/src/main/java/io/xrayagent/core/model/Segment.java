package io.xrayagent.core.model;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The root entity of one service's part of a trace. Its monitor guards the structure of the whole tree:
 * children being added, ended, streamed out, and the tree being serialized.
 */
public final class Segment extends Entity {
    private final String traceId;
    private final String parentId;
    private final String passThrough;
    private final String ruleName;
    private String origin;
    private int inMemorySubsegments;
    private boolean sent;
    private Map<Throwable, String> recordedThrowables;

    public Segment(String traceId, String id, String name, long startMicros, String parentId, String passThrough,
            String ruleName) {
        super(id, name, startMicros);
        this.traceId = traceId;
        this.parentId = parentId;
        this.passThrough = passThrough;
        this.ruleName = ruleName;
    }

    @Override
    public Segment segment() {
        return this;
    }

    @Override
    public Entity parent() {
        return null;
    }

    String traceIdValue() {
        return traceId;
    }

    String passThroughValue() {
        return passThrough;
    }

    /** The caller's subsegment id from the incoming header, or null when this service started the trace. */
    public String parentId() {
        return parentId;
    }

    /** The local sampling rule that chose this trace, or null when the decision came from upstream. */
    public String ruleName() {
        return ruleName;
    }

    public String origin() {
        return origin;
    }

    public void setOrigin(String value) {
        origin = value;
    }

    /** Whether the segment document has been handed to the emitter (children ending later go on their own). */
    public boolean isSent() {
        return sent;
    }

    void markSent() {
        sent = true;
    }

    public int inMemorySubsegments() {
        return inMemorySubsegments;
    }

    void countAdded() {
        inMemorySubsegments++;
    }

    void countRemoved(int count) {
        inMemorySubsegments -= count;
    }

    /**
     * Records {@code thrown} as this entity's cause. An exception already recorded in this trace (a child's
     * failure propagating to its parent) becomes a reference to that record instead of a second copy.
     */
    public void recordException(Entity entity, Throwable thrown, int maxFrames) {
        synchronized (this) {
            if (recordedThrowables == null) {
                recordedThrowables = new IdentityHashMap<Throwable, String>();
            }
            String known = recordedThrowables.get(thrown);
            Cause cause = known != null ? Cause.reference(known) : Cause.of(thrown, maxFrames, recordedThrowables);
            if (cause != null) {
                entity.setCause(cause);
                entity.setFault(true);
            }
        }
    }
}
