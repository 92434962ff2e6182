package io.xrayagent.core.sampling;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A validated local rules manifest: its custom rules in evaluation order, and the default rule. */
final class SamplingManifest {
    /** The built-in manifest: the first request each second, then 5% of the rest. */
    static final SamplingManifest BUILT_IN = new SamplingManifest(2, RuleDefinition.defaultRule(1, 0.05),
            Collections.<RuleDefinition>emptyList());

    private final int version;
    private final RuleDefinition defaultRule;
    private final List<RuleDefinition> rules;

    SamplingManifest(int version, RuleDefinition defaultRule, List<RuleDefinition> rules) {
        this.version = version;
        this.defaultRule = defaultRule;
        this.rules = Collections.unmodifiableList(new ArrayList<RuleDefinition>(rules));
    }

    int version() {
        return version;
    }

    RuleDefinition defaultRule() {
        return defaultRule;
    }

    List<RuleDefinition> rules() {
        return rules;
    }
}
