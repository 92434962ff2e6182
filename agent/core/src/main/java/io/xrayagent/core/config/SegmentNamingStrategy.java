package io.xrayagent.core.config;

/** How incoming requests' segments are named; the official SDK's fixed and dynamic naming strategies. */
public enum SegmentNamingStrategy {
    /** Always {@code serviceName}. */
    FIXED,
    /** The request's Host header when it matches {@code dynamicNamingRecognizedHosts}, else {@code serviceName}. */
    DYNAMIC
}
