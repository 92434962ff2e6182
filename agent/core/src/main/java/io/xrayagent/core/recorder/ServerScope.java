package io.xrayagent.core.recorder;

import io.xrayagent.core.model.Segment;

/** One request in progress on a server: its segment (null when not sampled) and the context to restore. */
public final class ServerScope {
    private final Segment segment;
    private final Object context;
    private final String responseHeader;
    private final Object previous;

    ServerScope(Segment segment, Object context, String responseHeader, Object previous) {
        this.segment = segment;
        this.context = context;
        this.responseHeader = responseHeader;
        this.previous = previous;
    }

    /** The {@code X-Amzn-Trace-Id} value the response carries, to write again if the response is reset. */
    public String responseHeader() {
        return responseHeader;
    }

    /** The request's trace context (its segment, or the unsampled trace), to make current elsewhere. */
    public Object context() {
        return context;
    }

    /** Null when the request is not sampled. */
    public Segment segment() {
        return segment;
    }

    Object previous() {
        return previous;
    }
}
