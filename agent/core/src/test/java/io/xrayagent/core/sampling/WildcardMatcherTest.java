package io.xrayagent.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WildcardMatcherTest {

    static Stream<Arguments> table() {
        return Stream.of(
                // "*" matches anything, including nothing
                Arguments.of("*", "", true),
                Arguments.of("*", "anything at all", true),
                Arguments.of("**", "", true),
                Arguments.of("***", "abc", true),
                // empty pattern versus empty value
                Arguments.of("", "", true),
                Arguments.of("", "a", false),
                Arguments.of("a", "", false),
                // literals, case-insensitively
                Arguments.of("GET", "GET", true),
                Arguments.of("GET", "get", true),
                Arguments.of("gEt", "GeT", true),
                Arguments.of("POST", "GET", false),
                Arguments.of("GET", "GETS", false),
                Arguments.of("/api/users", "/api/users/", false),
                Arguments.of("ÄPFEL", "äpfel", true),
                // "?" is exactly one character
                Arguments.of("?", "", false),
                Arguments.of("?", "a", true),
                Arguments.of("?", "ab", false),
                Arguments.of("??", "ab", true),
                Arguments.of("a?c", "abc", true),
                Arguments.of("a?c", "ABC", true),
                Arguments.of("a?c", "ac", false),
                Arguments.of("a?c", "abbc", false),
                Arguments.of("*?*", "", false),
                Arguments.of("*?*", "x", true),
                Arguments.of("?*", "", false),
                // "*" at either end and in the middle
                Arguments.of("*a", "a", true),
                Arguments.of("*a", "ba", true),
                Arguments.of("*a", "ab", false),
                Arguments.of("a*", "a", true),
                Arguments.of("a*", "abc", true),
                Arguments.of("a*", "ba", false),
                Arguments.of("*b*", "abc", true),
                Arguments.of("*b*", "ac", false),
                // several stars, where a greedy first guess must be undone
                Arguments.of("a*b*c", "abc", true),
                Arguments.of("a*b*c", "aXXbYYc", true),
                Arguments.of("a*b*c", "acb", false),
                Arguments.of("a*a*a", "aa", false),
                Arguments.of("a*a*a", "aaa", true),
                Arguments.of("*ab*ab*", "xabyab", true),
                Arguments.of("*ab*ab*", "xaby", false),
                Arguments.of("*a?c*", "xxabcyy", true),
                Arguments.of("*a?c*", "xxacyy", false),
                Arguments.of("a*?*c", "ac", false),
                Arguments.of("a*?*c", "abc", true),
                // what real rules look like
                Arguments.of("/api/*", "/api/users", true),
                Arguments.of("/API/*", "/api/users", true),
                Arguments.of("/api/*/orders", "/api/1/2/orders", true),
                Arguments.of("/api/*/orders", "/api/1/2/orders/x", false),
                Arguments.of("*.example.com", "WWW.Example.COM", true),
                Arguments.of("*.example.com", "example.com", false),
                Arguments.of("/api/*", "http://shop.example.com/api/users", false));
    }

    @ParameterizedTest(name = "\"{0}\" vs \"{1}\" -> {2}")
    @MethodSource("table")
    void matchesAsTheTableSays(String pattern, String value, boolean expected) {
        assertEquals(expected, WildcardMatcher.matches(pattern, value));
        assertEquals(expected, WildcardMatcher.compile(pattern).matches(value), "compiled once, used again");
    }

    @Test
    void missingValueIsEmpty() {
        assertTrue(WildcardMatcher.matches("*", null));
        assertTrue(WildcardMatcher.matches("", null));
        assertFalse(WildcardMatcher.matches("?", null));
        assertFalse(WildcardMatcher.matches("a*", null));
    }

    @Test
    void patternOfOnlyStarsIsTheSharedMatchAll() {
        assertSame(WildcardMatcher.matchAll(), WildcardMatcher.compile("*"));
        assertSame(WildcardMatcher.matchAll(), WildcardMatcher.compile("***"));
        assertEquals("*", WildcardMatcher.matchAll().pattern());
    }

    @Test
    void nullPatternIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> WildcardMatcher.compile(null));
    }

    @Test
    void longInputsMatchWithoutBlowingUp() {
        char[] as = new char[100_000];
        Arrays.fill(as, 'a');
        String manyA = new String(as);
        String manyAThenB = manyA + "b";
        char[] pattern = new char[61];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = i % 2 == 0 ? '*' : 'a';
        }
        String starsAndAs = new String(pattern);

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertTrue(WildcardMatcher.matches(starsAndAs, manyA));
            assertFalse(WildcardMatcher.matches(starsAndAs + "c", manyAThenB));
            assertTrue(WildcardMatcher.matches(starsAndAs + "b", manyAThenB));
            assertTrue(WildcardMatcher.matches("*b", manyAThenB));
            assertFalse(WildcardMatcher.matches("*c", manyAThenB));
            assertTrue(WildcardMatcher.matches("a*", manyA));
            assertTrue(WildcardMatcher.matches(manyA.toUpperCase(), manyA));
            assertFalse(WildcardMatcher.matches(manyA + "?", manyA));
            assertTrue(WildcardMatcher.matches(manyA.replace('a', '?'), manyA));
        });
    }
}
