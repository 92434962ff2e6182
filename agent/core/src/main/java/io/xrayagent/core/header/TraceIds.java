package io.xrayagent.core.header;

/** Validation and normalisation of ids read from untrusted headers. */
final class TraceIds {
    private TraceIds() {
    }

    /**
     * {@code 1-<1..8 hex>-<24 hex>} in any case, returned as the canonical 35 lowercase characters (a short
     * epoch part is left-padded, as the OpenTelemetry propagator accepts it); null when malformed.
     */
    static String normalize(String value, int start, int end) {
        int length = end - start;
        if (length < 28 || length > 35 || value.charAt(start) != '1' || value.charAt(start + 1) != '-') {
            return null;
        }
        int secondDash = end - 25;
        if (value.charAt(secondDash) != '-') {
            return null;
        }
        int epochDigits = secondDash - (start + 2);
        if (epochDigits < 1 || epochDigits > 8) {
            return null;
        }
        char[] out = new char[35];
        out[0] = '1';
        out[1] = '-';
        int padding = 8 - epochDigits;
        for (int i = 0; i < padding; i++) {
            out[2 + i] = '0';
        }
        for (int i = 0; i < epochDigits; i++) {
            char c = lowerHex(value.charAt(start + 2 + i));
            if (c == 0) {
                return null;
            }
            out[2 + padding + i] = c;
        }
        out[10] = '-';
        boolean allZero = true;
        for (int i = 0; i < 24; i++) {
            char c = lowerHex(value.charAt(secondDash + 1 + i));
            if (c == 0) {
                return null;
            }
            allZero &= c == '0';
            out[11 + i] = c;
        }
        return allZero ? null : new String(out);
    }

    /** Exactly 16 hex digits, not all zeros, returned lowercase; null otherwise. */
    static String normalizeEntityId(String value, int start, int end) {
        if (end - start != 16) {
            return null;
        }
        char[] out = new char[16];
        boolean allZero = true;
        for (int i = 0; i < 16; i++) {
            char c = lowerHex(value.charAt(start + i));
            if (c == 0) {
                return null;
            }
            allZero &= c == '0';
            out[i] = c;
        }
        return allZero ? null : new String(out);
    }

    private static char lowerHex(char c) {
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
            return c;
        }
        if (c >= 'A' && c <= 'F') {
            return (char) (c + ('a' - 'A'));
        }
        return 0;
    }
}
