package io.xrayagent.core.recorder;

import io.xrayagent.core.model.Names;
import io.xrayagent.core.sampling.WildcardMatcher;

/**
 * How an incoming request's segment is named: always the configured name (the default), or, as the
 * official SDK's dynamic naming strategy does, the request's Host header when it matches the recognized
 * hosts pattern, with the configured name as the fallback.
 */
public final class SegmentNaming {
    private static final String DEFAULT_NAME = "XRayInstrumentedService";

    private final String fallback;
    private final WildcardMatcher recognizedHosts;

    private SegmentNaming(String fallback, WildcardMatcher recognizedHosts) {
        this.fallback = Names.sanitize(fallback, DEFAULT_NAME);
        this.recognizedHosts = recognizedHosts;
    }

    public static SegmentNaming fixed(String name) {
        return new SegmentNaming(name, null);
    }

    /** {@code recognizedHosts}: a wildcard pattern ({@code *}, {@code ?}) matched case-insensitively. */
    public static SegmentNaming dynamic(String fallback, String recognizedHosts) {
        return new SegmentNaming(fallback, WildcardMatcher.compile(recognizedHosts));
    }

    /** The segment name for a request with this Host header (null when it had none). */
    public String nameFor(String host) {
        if (recognizedHosts == null || host == null || host.isEmpty() || !recognizedHosts.matches(host)) {
            return fallback;
        }
        return Names.sanitize(host, fallback);
    }
}
