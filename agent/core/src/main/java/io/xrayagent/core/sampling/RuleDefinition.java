package io.xrayagent.core.sampling;

/**
 * One rule as a manifest states it, before it gets a reservoir: patterns, allowance and name. Kept apart
 * from {@link SamplingRule} so the manifest can be parsed and checked without a clock or a random source.
 */
final class RuleDefinition {
    static final String DEFAULT_RULE_NAME = "default";

    private final String name;
    private final String host;
    private final String httpMethod;
    private final String urlPath;
    private final int fixedTarget;
    private final double rate;

    RuleDefinition(String name, String host, String httpMethod, String urlPath, int fixedTarget, double rate) {
        this.name = name;
        this.host = host;
        this.httpMethod = httpMethod;
        this.urlPath = urlPath;
        this.fixedTarget = fixedTarget;
        this.rate = rate;
    }

    /** The default rule, which matches every request. */
    static RuleDefinition defaultRule(int fixedTarget, double rate) {
        return new RuleDefinition(DEFAULT_RULE_NAME, "*", "*", "*", fixedTarget, rate);
    }

    String name() {
        return name;
    }

    String host() {
        return host;
    }

    String httpMethod() {
        return httpMethod;
    }

    String urlPath() {
        return urlPath;
    }

    int fixedTarget() {
        return fixedTarget;
    }

    double rate() {
        return rate;
    }

    @Override
    public String toString() {
        return "RuleDefinition{name=" + name + ", host=" + host + ", httpMethod=" + httpMethod + ", urlPath="
                + urlPath + ", fixedTarget=" + fixedTarget + ", rate=" + rate + '}';
    }
}
