package io.xrayagent.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What segments and subsegments share. Structural changes (children, end time) happen under the lock of
 * the root {@link Segment}; field values are written by the thread that owns the entity before it ends.
 */
public abstract class Entity implements TraceContext {
    private final String id;
    private final String name;
    private final long startMicros;
    private long endMicros;

    private HttpRequestData request;
    private int status = -1;
    private long contentLength = -1;
    private boolean error;
    private boolean throttle;
    private boolean fault;
    private Cause cause;
    private List<Subsegment> children;

    Entity(String id, String name, long startMicros) {
        this.id = id;
        this.name = name;
        this.startMicros = startMicros;
    }

    public abstract Segment segment();

    /** The direct parent, or null for a segment. */
    public abstract Entity parent();

    public final String id() {
        return id;
    }

    public final String name() {
        return name;
    }

    public final long startMicros() {
        return startMicros;
    }

    /** Zero while the entity is in progress. */
    public final long endMicros() {
        return endMicros;
    }

    public final boolean isEnded() {
        return endMicros != 0;
    }

    final void markEnded(long micros) {
        endMicros = Math.max(micros, startMicros);
    }

    @Override
    public final String traceId() {
        return segment().traceIdValue();
    }

    @Override
    public final boolean sampled() {
        return true;
    }

    @Override
    public final String passThroughHeaderFields() {
        return segment().passThroughValue();
    }

    public final HttpRequestData request() {
        return request;
    }

    public final void setRequest(HttpRequestData request) {
        this.request = request;
    }

    /** -1 when no response was received. */
    public final int status() {
        return status;
    }

    /** -1 when unknown. */
    public final long contentLength() {
        return contentLength;
    }

    /**
     * The length the application declared for its response before the status is known (a servlet's
     * {@code setContentLength}); {@link #setResponse} keeps it when it gets no length of its own.
     */
    public final void declareContentLength(long length) {
        this.contentLength = length;
    }

    /** Records the response status and sets the flags X-Ray derives from it (4xx error, 429 throttle, 5xx fault). */
    public final void setResponse(int statusCode, long length) {
        this.status = statusCode;
        if (length >= 0) {
            this.contentLength = length;
        }
        if (statusCode >= 400 && statusCode < 500) {
            error = true;
            if (statusCode == 429) {
                throttle = true;
            }
        } else if (statusCode >= 500) {
            fault = true;
        }
    }

    public final boolean error() {
        return error;
    }

    public final boolean throttle() {
        return throttle;
    }

    public final boolean fault() {
        return fault;
    }

    public final void setFault(boolean value) {
        fault = value;
    }

    public final void setError(boolean value) {
        error = value;
    }

    public final Cause cause() {
        return cause;
    }

    final void setCause(Cause value) {
        cause = value;
    }

    /** A view of the children still held in memory (callers hold the segment lock). */
    public final List<Subsegment> children() {
        return children == null ? Collections.<Subsegment>emptyList() : children;
    }

    final void addChild(Subsegment child) {
        if (children == null) {
            children = new ArrayList<Subsegment>(4);
        }
        children.add(child);
    }

    final boolean removeChild(Subsegment child) {
        return children != null && children.remove(child);
    }

    /** True when this entity and everything below it in memory has ended (callers hold the segment lock). */
    public final boolean isSubtreeEnded() {
        if (!isEnded()) {
            return false;
        }
        if (children != null) {
            for (int i = 0; i < children.size(); i++) {
                if (!children.get(i).isSubtreeEnded()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Number of subsegments in memory below this entity (callers hold the segment lock). */
    final int subtreeSubsegmentCount() {
        int count = 0;
        if (children != null) {
            for (int i = 0; i < children.size(); i++) {
                count += 1 + children.get(i).subtreeSubsegmentCount();
            }
        }
        return count;
    }
}
