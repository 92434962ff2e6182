package io.xrayagent.core.sampling;

/**
 * Decides whether an incoming request that carries no upstream decision is traced. Runs once per request,
 * on the request thread, so implementations are lock-free and do not allocate.
 */
public interface Sampler {
    SamplingDecision decide(SamplingRequest request);
}
