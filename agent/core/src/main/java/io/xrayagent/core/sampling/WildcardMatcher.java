package io.xrayagent.core.sampling;

/**
 * Case-insensitive wildcard match over a whole string, as X-Ray sampling rules define it: {@code *} is zero
 * or more characters, {@code ?} exactly one, everything else literal. An empty pattern matches only an empty
 * value.
 *
 * <p>A pattern is compiled once per rule into the cheapest way to test it, and matching compares characters
 * in place: no regex, no lower-cased copies, no allocation per request.
 */
public final class WildcardMatcher {
    private static final WildcardMatcher MATCH_ALL = new WildcardMatcher("*", Kind.ANY, 0);

    private enum Kind { ANY, LITERAL, GLOB }

    private final String pattern;
    private final Kind kind;
    /** Characters other than {@code *}: a shorter value cannot match, whatever the stars absorb. */
    private final int minLength;

    private WildcardMatcher(String pattern, Kind kind, int minLength) {
        this.pattern = pattern;
        this.kind = kind;
        this.minLength = minLength;
    }

    static WildcardMatcher matchAll() {
        return MATCH_ALL;
    }

    public static WildcardMatcher compile(String pattern) {
        if (pattern == null) {
            throw new IllegalArgumentException("pattern is null");
        }
        int stars = 0;
        boolean wildcard = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*') {
                stars++;
                wildcard = true;
            } else if (c == '?') {
                wildcard = true;
            }
        }
        if (stars > 0 && stars == pattern.length()) {
            return MATCH_ALL;
        }
        return new WildcardMatcher(pattern, wildcard ? Kind.GLOB : Kind.LITERAL, pattern.length() - stars);
    }

    /** One-off match; rules use {@link #compile(String)} so the pattern is examined only once. */
    static boolean matches(String pattern, String value) {
        return compile(pattern).matches(value);
    }

    public boolean matches(String value) {
        String text = value == null ? "" : value;
        switch (kind) {
            case ANY:
                return true;
            case LITERAL:
                return pattern.equalsIgnoreCase(text);
            default:
                return text.length() >= minLength && globMatches(pattern, text);
        }
    }

    String pattern() {
        return pattern;
    }

    /**
     * Greedy scan that remembers only the last {@code *}: when a later literal fails, that star absorbs one
     * more character and the scan resumes. Earlier stars never need revisiting, because the last one can
     * absorb anything they could, so the cost stays bounded by pattern length times value length.
     */
    private static boolean globMatches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int starAt = -1;
        int resumeAt = 0;
        int patternLength = pattern.length();
        int textLength = text.length();
        while (t < textLength) {
            if (p < patternLength) {
                char pc = pattern.charAt(p);
                if (pc == '*') {
                    starAt = p++;
                    resumeAt = t;
                    continue;
                }
                if (pc == '?' || sameIgnoringCase(pc, text.charAt(t))) {
                    p++;
                    t++;
                    continue;
                }
            }
            if (starAt < 0) {
                return false;
            }
            p = starAt + 1;
            t = ++resumeAt;
        }
        while (p < patternLength && pattern.charAt(p) == '*') {
            p++;
        }
        return p == patternLength;
    }

    /** The comparison of {@link String#equalsIgnoreCase}, so literal and wildcard patterns agree. */
    private static boolean sameIgnoringCase(char a, char b) {
        if (a == b) {
            return true;
        }
        char upperA = Character.toUpperCase(a);
        char upperB = Character.toUpperCase(b);
        return upperA == upperB || Character.toLowerCase(upperA) == Character.toLowerCase(upperB);
    }

    @Override
    public String toString() {
        return pattern;
    }
}
