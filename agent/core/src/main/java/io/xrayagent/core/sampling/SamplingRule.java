package io.xrayagent.core.sampling;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * A local rule ready to decide: compiled matchers for host, path and method, its own reservoir, and the two
 * decisions it can return, built once here so that a decision is just a returned reference.
 */
final class SamplingRule {
    private final String name;
    private final WildcardMatcher host;
    private final WildcardMatcher httpMethod;
    private final WildcardMatcher urlPath;
    private final Reservoir reservoir;
    private final double rate;
    private final DoubleSupplier random;
    private final SamplingDecision sampled;
    private final SamplingDecision notSampled;

    SamplingRule(RuleDefinition definition, LongSupplier epochMillis, DoubleSupplier random) {
        this.name = definition.name();
        this.host = WildcardMatcher.compile(definition.host());
        this.httpMethod = WildcardMatcher.compile(definition.httpMethod());
        this.urlPath = WildcardMatcher.compile(definition.urlPath());
        this.reservoir = new Reservoir(definition.fixedTarget(), epochMillis);
        this.rate = definition.rate();
        this.random = random;
        this.sampled = new SamplingDecision(true, name);
        this.notSampled = new SamplingDecision(false, name);
    }

    String name() {
        return name;
    }

    /** Method first: it is the shortest value and the likeliest to rule a rule out cheaply. */
    boolean matches(SamplingRequest request) {
        return httpMethod.matches(request.method())
                && urlPath.matches(request.urlPath())
                && host.matches(request.host());
    }

    /** The reservoir first, then a draw against {@code rate} ({@code < rate}, as the Java SDK does). */
    SamplingDecision decide() {
        if (reservoir.take()) {
            return sampled;
        }
        // Rates of 0 and 1 are common and need no draw.
        if (rate <= 0.0) {
            return notSampled;
        }
        if (rate >= 1.0 || random.getAsDouble() < rate) {
            return sampled;
        }
        return notSampled;
    }

    @Override
    public String toString() {
        return "SamplingRule{name=" + name + ", host=" + host + ", httpMethod=" + httpMethod + ", urlPath="
                + urlPath + ", fixedTarget=" + reservoir.perSecond() + ", rate=" + rate + '}';
    }
}
