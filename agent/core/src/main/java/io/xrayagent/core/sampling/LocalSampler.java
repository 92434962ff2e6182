package io.xrayagent.core.sampling;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Decides with local rules: the first custom rule, in manifest order, that matches the request's method,
 * path and host; the default rule when none does.
 *
 * <p>Local rules have no service-name or service-type matcher (a version 1 {@code service_name} is matched
 * against the host, as the Java and Go SDKs do), so those request fields are not consulted here.
 */
final class LocalSampler implements Sampler {
    /** Non-capturing, so a single shared instance; ThreadLocalRandom keeps threads from contending. */
    static final DoubleSupplier THREAD_LOCAL_RANDOM = () -> ThreadLocalRandom.current().nextDouble();
    static final LongSupplier SYSTEM_CLOCK = System::currentTimeMillis;

    private final SamplingRule[] rules;
    private final SamplingRule defaultRule;

    LocalSampler(SamplingManifest manifest, LongSupplier epochMillis, DoubleSupplier random) {
        List<RuleDefinition> definitions = manifest.rules();
        this.rules = new SamplingRule[definitions.size()];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = new SamplingRule(definitions.get(i), epochMillis, random);
        }
        this.defaultRule = new SamplingRule(manifest.defaultRule(), epochMillis, random);
    }

    LocalSampler(SamplingManifest manifest) {
        this(manifest, SYSTEM_CLOCK, THREAD_LOCAL_RANDOM);
    }

    @Override
    public SamplingDecision decide(SamplingRequest request) {
        for (SamplingRule rule : rules) {
            if (rule.matches(request)) {
                return rule.decide();
            }
        }
        return defaultRule.decide();
    }

    int ruleCount() {
        return rules.length;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("LocalSampler{rules=[");
        for (int i = 0; i < rules.length; i++) {
            text.append(i == 0 ? "" : ", ").append(rules[i]);
        }
        return text.append("], default=").append(defaultRule).append('}').toString();
    }
}
