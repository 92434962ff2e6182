package io.xrayagent.core.header;

/**
 * The {@code X-Amzn-Trace-Id} header: {@code Root=<trace id>;Parent=<16 hex>;Sampled=<1|0|?>} plus fields
 * the agent passes through untouched (Lineage, and any key it does not know). Parsing never throws: what
 * cannot be understood is dropped, and a missing or malformed Root means the caller starts a new trace.
 */
public final class TraceHeader {
    public static final String NAME = "X-Amzn-Trace-Id";

    /** Headers longer than this are not parsed at all; a real one is well under 400 characters. */
    static final int MAX_LENGTH = 2048;
    /** Pass-through fields are capped like the Node SDK and the OpenTelemetry propagator cap them. */
    static final int MAX_PASS_THROUGH = 256;

    public enum Sampled {
        SAMPLED, NOT_SAMPLED, REQUESTED, UNKNOWN
    }

    public static final TraceHeader EMPTY = new TraceHeader(null, null, Sampled.UNKNOWN, null);

    private final String root;
    private final String parent;
    private final Sampled sampled;
    private final String passThrough;

    private TraceHeader(String root, String parent, Sampled sampled, String passThrough) {
        this.root = root;
        this.parent = parent;
        this.sampled = sampled;
        this.passThrough = passThrough;
    }

    /** A valid, lowercase trace id, or null when the header had none or a malformed one. */
    public String root() {
        return root;
    }

    /** A valid 16-hex parent id, or null. */
    public String parent() {
        return parent;
    }

    public Sampled sampled() {
        return sampled;
    }

    /** {@code Key=value} fields the agent does not own, {@code ;}-joined in their original order, or null. */
    public String passThrough() {
        return passThrough;
    }

    /** The same header without Root, Parent and Sampled: only the pass-through fields are kept. */
    public TraceHeader withoutTrace() {
        if (root == null && parent == null && sampled == Sampled.UNKNOWN) {
            return this;
        }
        return passThrough == null ? EMPTY : new TraceHeader(null, null, Sampled.UNKNOWN, passThrough);
    }

    public static TraceHeader parse(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return EMPTY;
        }
        String root = null;
        String parent = null;
        Sampled sampled = Sampled.UNKNOWN;
        StringBuilder extra = null;
        int length = value.length();
        int start = 0;
        while (start < length) {
            int end = value.indexOf(';', start);
            if (end < 0) {
                end = length;
            }
            int keyStart = skipSpaces(value, start, end);
            int keyEnd = trimEnd(value, keyStart, end);
            int equals = value.indexOf('=', keyStart);
            if (equals > 0 && equals < keyEnd) {
                int nameEnd = trimEnd(value, keyStart, equals);
                int valueStart = skipSpaces(value, equals + 1, keyEnd);
                if (is(value, keyStart, nameEnd, "Root")) {
                    root = TraceIds.normalize(value, valueStart, keyEnd);
                } else if (is(value, keyStart, nameEnd, "Parent")) {
                    parent = TraceIds.normalizeEntityId(value, valueStart, keyEnd);
                } else if (is(value, keyStart, nameEnd, "Sampled")) {
                    sampled = parseSampled(value, valueStart, keyEnd);
                } else if (!is(value, keyStart, nameEnd, "Self") && nameEnd > keyStart
                        && printable(value, keyStart, keyEnd)) {
                    int fieldLength = keyEnd - keyStart;
                    int current = extra == null ? 0 : extra.length() + 1;
                    if (current + fieldLength <= MAX_PASS_THROUGH) {
                        if (extra == null) {
                            extra = new StringBuilder(fieldLength + 8);
                        } else {
                            extra.append(';');
                        }
                        extra.append(value, keyStart, keyEnd);
                    }
                }
            }
            start = end + 1;
        }
        if (root == null && parent == null && sampled == Sampled.UNKNOWN && extra == null) {
            return EMPTY;
        }
        return new TraceHeader(root, parent, sampled, extra == null ? null : extra.toString());
    }

    /** The header for a downstream call: the call's subsegment as Parent when sampled, else Sampled=0. */
    public static String forDownstream(String traceId, String parentId, boolean sampled, String passThrough) {
        StringBuilder out = new StringBuilder(160);
        out.append("Root=").append(traceId);
        if (parentId != null) {
            out.append(";Parent=").append(parentId);
        }
        out.append(sampled ? ";Sampled=1" : ";Sampled=0");
        if (passThrough != null) {
            out.append(';').append(passThrough);
        }
        return out.toString();
    }

    /**
     * The header on the response, as the Java and Python SDKs write it: the trace id, and the sampling
     * decision only when the caller asked for it with {@code Sampled=?}.
     */
    public static String forResponse(String traceId, Sampled requested, boolean decision) {
        if (requested == Sampled.REQUESTED) {
            return "Root=" + traceId + (decision ? ";Sampled=1" : ";Sampled=0");
        }
        return "Root=" + traceId;
    }

    private static Sampled parseSampled(String value, int start, int end) {
        if (end - start != 1) {
            return Sampled.UNKNOWN;
        }
        switch (value.charAt(start)) {
            case '1':
                return Sampled.SAMPLED;
            case '0':
                return Sampled.NOT_SAMPLED;
            case '?':
                return Sampled.REQUESTED;
            default:
                return Sampled.UNKNOWN;
        }
    }

    private static boolean is(String value, int start, int end, String key) {
        return end - start == key.length() && value.regionMatches(true, start, key, 0, key.length());
    }

    private static boolean printable(String value, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpaces(String value, int start, int end) {
        while (start < end && value.charAt(start) <= ' ') {
            start++;
        }
        return start;
    }

    private static int trimEnd(String value, int start, int end) {
        while (end > start && value.charAt(end - 1) <= ' ') {
            end--;
        }
        return end;
    }
}
