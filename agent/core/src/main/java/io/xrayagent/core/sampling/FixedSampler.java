package io.xrayagent.core.sampling;

/** The ALL and NONE strategies: the same answer for every request, with no rule name. */
final class FixedSampler implements Sampler {
    static final FixedSampler ALL = new FixedSampler(SamplingDecision.SAMPLED_WITHOUT_RULE, "ALL");
    static final FixedSampler NONE = new FixedSampler(SamplingDecision.NOT_SAMPLED_WITHOUT_RULE, "NONE");

    private final SamplingDecision decision;
    private final String name;

    private FixedSampler(SamplingDecision decision, String name) {
        this.decision = decision;
        this.name = name;
    }

    @Override
    public SamplingDecision decide(SamplingRequest request) {
        return decision;
    }

    @Override
    public String toString() {
        return "FixedSampler{" + name + '}';
    }
}
