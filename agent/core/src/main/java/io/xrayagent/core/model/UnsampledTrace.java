package io.xrayagent.core.model;

/** The context of a request that is not sampled: nothing is recorded, the trace id still travels on. */
public final class UnsampledTrace implements TraceContext {
    private final String traceId;
    private final String passThrough;

    public UnsampledTrace(String traceId, String passThrough) {
        this.traceId = traceId;
        this.passThrough = passThrough;
    }

    @Override
    public String traceId() {
        return traceId;
    }

    @Override
    public boolean sampled() {
        return false;
    }

    @Override
    public String passThroughHeaderFields() {
        return passThrough;
    }
}
