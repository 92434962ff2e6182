package io.xrayagent.core.sampling;

/**
 * The outcome of one sampling decision. Instances are created once per rule and shared by every request
 * that rule decides, so deciding never allocates.
 */
public final class SamplingDecision {
    static final SamplingDecision SAMPLED_WITHOUT_RULE = new SamplingDecision(true, null);
    static final SamplingDecision NOT_SAMPLED_WITHOUT_RULE = new SamplingDecision(false, null);

    private final boolean sampled;
    private final String ruleName;

    SamplingDecision(boolean sampled, String ruleName) {
        this.sampled = sampled;
        this.ruleName = ruleName;
    }

    public boolean sampled() {
        return sampled;
    }

    /**
     * The rule that decided, for {@code aws.xray.rule_name}; null when the strategy has no rules (ALL, NONE).
     */
    public String ruleName() {
        return ruleName;
    }

    @Override
    public String toString() {
        return "SamplingDecision{sampled=" + sampled + ", ruleName=" + ruleName + '}';
    }
}
