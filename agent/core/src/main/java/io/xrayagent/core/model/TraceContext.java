package io.xrayagent.core.model;

/**
 * What is current on a thread while a request is handled: a segment or subsegment when the trace is
 * sampled, or an {@link UnsampledTrace} that only carries the trace id downstream.
 */
public interface TraceContext {
    String traceId();

    boolean sampled();

    /**
     * Header fields the agent does not own (Lineage, unknown keys) as received on the incoming request,
     * to be passed on to downstream calls; null when there were none.
     */
    String passThroughHeaderFields();
}
