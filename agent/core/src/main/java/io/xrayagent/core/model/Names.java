package io.xrayagent.core.model;

/**
 * Segment names as X-Ray accepts them: 1 to 200 of letters, digits, spaces and {@code _.:/%&#=+-@}. The
 * developer guide also allows a backslash, but the official schema does not, so it is dropped too.
 */
public final class Names {
    public static final int MAX_LENGTH = 200;

    private Names() {
    }

    /** Drops the characters X-Ray rejects; an empty result becomes {@code fallback}. */
    public static String sanitize(String name, String fallback) {
        if (name == null) {
            return fallback;
        }
        int length = Math.min(name.length(), MAX_LENGTH);
        boolean clean = name.length() <= MAX_LENGTH;
        for (int i = 0; i < length && clean; i++) {
            clean = allowed(name.charAt(i));
        }
        if (clean && length > 0) {
            return name;
        }
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < name.length() && out.length() < MAX_LENGTH; i++) {
            char c = name.charAt(i);
            if (allowed(c)) {
                out.append(c);
            }
        }
        String result = out.toString().trim();
        return result.isEmpty() ? fallback : result;
    }

    private static boolean allowed(char c) {
        if (Character.isLetterOrDigit(c) || Character.isSpaceChar(c)) {
            return true;
        }
        switch (c) {
            case '_': case '.': case ':': case '/': case '%': case '&': case '#': case '=': case '+': case '-': case '@':
                return true;
            default:
                return false;
        }
    }
}
