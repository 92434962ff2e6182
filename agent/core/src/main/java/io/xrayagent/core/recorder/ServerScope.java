package io.xrayagent.core.recorder;

import io.xrayagent.core.model.Segment;

/** One request in progress on a server: its segment (null when not sampled) and the context to restore. */
public final class ServerScope {
    private final Segment segment;
    private final Object previous;

    ServerScope(Segment segment, Object previous) {
        this.segment = segment;
        this.previous = previous;
    }

    /** Null when the request is not sampled. */
    public Segment segment() {
        return segment;
    }

    Object previous() {
        return previous;
    }
}
