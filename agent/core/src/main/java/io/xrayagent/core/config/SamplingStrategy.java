package io.xrayagent.core.config;

/** Which sampling decisions the agent makes for incoming requests; names as in the official agent. */
public enum SamplingStrategy {
    /** Rules from X-Ray through the daemon, with the local rules as fallback. */
    CENTRAL,
    /** Only the local rules (built-in or {@code samplingRulesManifest}). */
    LOCAL,
    /** Sample nothing. */
    NONE,
    /** Sample every request. */
    ALL
}
