package io.xrayagent.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestParserTest {
    private static final String DEFAULT = "\"default\": {\"fixed_target\": 1, \"rate\": 0.1}";

    /** A version 2 manifest with the given rules (JSON objects, comma separated). */
    private static String v2(String rules) {
        return "{\"version\": 2, " + DEFAULT + ", \"rules\": [" + rules + "]}";
    }

    private static String v1(String rules) {
        return "{\"version\": 1, " + DEFAULT + ", \"rules\": [" + rules + "]}";
    }

    private static String withDefault(String defaultRule) {
        return "{\"version\": 2, \"default\": " + defaultRule + "}";
    }

    private static void assertRule(RuleDefinition rule, String name, String host, String method, String path,
            int fixedTarget, double rate) {
        assertEquals(name, rule.name(), "name");
        assertEquals(host, rule.host(), "host");
        assertEquals(method, rule.httpMethod(), "http_method");
        assertEquals(path, rule.urlPath(), "url_path");
        assertEquals(fixedTarget, rule.fixedTarget(), "fixed_target");
        assertEquals(rate, rule.rate(), 0.0, "rate");
    }

    @Test
    void version2RulesInArrayOrder() {
        SamplingManifest manifest = ManifestParser.parse("{\n"
                + "  // comments are allowed, as in the Java SDK\n"
                + "  \"version\": 2,\n"
                + "  \"rules\": [\n"
                + "    {\"description\": \"Player moves\", \"host\": \"*\", \"http_method\": \"POST\","
                + " \"url_path\": \"/api/move/*\", \"fixed_target\": 0, \"rate\": 0.05},\n"
                + "    {\"id\": \"health\", \"host\": \"*.example.com\", \"http_method\": \"GET\","
                + " \"url_path\": \"/health\", \"fixed_target\": 2, \"rate\": 0},\n"
                + "    {\"id\": 7, \"host\": \"\", \"http_method\": \"*\", \"url_path\": \"*\","
                + " \"fixed_target\": 10, \"rate\": 1},\n"
                + "    {\"description\": \"  \", \"host\": \"h\", \"http_method\": \"PUT\", \"url_path\": \"/x\","
                + " \"fixed_target\": 2147483647, \"rate\": 1.0}\n"
                + "  ],\n"
                + "  \"default\": {\"fixed_target\": 3, \"rate\": 0.25, \"description\": \"fallback\"}\n"
                + "}");

        assertEquals(2, manifest.version());
        assertRule(manifest.defaultRule(), "default", "*", "*", "*", 3, 0.25);
        List<RuleDefinition> rules = manifest.rules();
        assertEquals(4, rules.size());
        assertRule(rules.get(0), "Player moves", "*", "POST", "/api/move/*", 0, 0.05);
        assertRule(rules.get(1), "health", "*.example.com", "GET", "/health", 2, 0.0);
        assertRule(rules.get(2), "7", "", "*", "*", 10, 1.0);
        assertRule(rules.get(3), "rule-3", "h", "PUT", "/x", Integer.MAX_VALUE, 1.0);
    }

    @Test
    void version1ServiceNameBecomesTheHostPattern() {
        SamplingManifest manifest = ManifestParser.parse(v1(
                "{\"service_name\": \"shop.*\", \"http_method\": \"*\", \"url_path\": \"/cart\","
                        + " \"fixed_target\": 1, \"rate\": 0.5}"));
        assertEquals(1, manifest.version());
        assertRule(manifest.rules().get(0), "rule-0", "shop.*", "*", "/cart", 1, 0.5);
    }

    @Test
    void versionMayComeAfterTheRules() {
        SamplingManifest manifest = ManifestParser.parse("{\"rules\": [{\"service_name\": \"a\","
                + " \"http_method\": \"GET\", \"url_path\": \"/\", \"fixed_target\": 0, \"rate\": 0}], "
                + DEFAULT + ", \"version\": 1}");
        assertEquals("a", manifest.rules().get(0).host());
    }

    @Test
    void rulesAreOptional() {
        SamplingManifest manifest = ManifestParser.parse("{\"version\": 2, \"default\": {\"fixed_target\": 0,"
                + " \"rate\": 0}}");
        assertTrue(manifest.rules().isEmpty());
        assertRule(manifest.defaultRule(), "default", "*", "*", "*", 0, 0.0);
        assertTrue(ManifestParser.parse(v2("")).rules().isEmpty());
    }

    @Test
    void leadingByteOrderMarkIsIgnored() {
        assertEquals(2, ManifestParser.parse("\uFEFF" + v2("")).version());
    }

    static Stream<Arguments> invalidManifests() {
        String longText = "0123456789012345678901234567890123456789012345678901234567890123456789";
        return Stream.of(
                Arguments.of("", "the manifest is empty"),
                Arguments.of("  // nothing but a comment\n", "the manifest is empty"),
                Arguments.of("[]", "the manifest must be a JSON object, got an array"),
                Arguments.of("2", "the manifest must be a JSON object, got 2"),
                Arguments.of("{\"version\": 2, " + DEFAULT + ", \"sampling\": true}",
                        "unknown field 'sampling' (a manifest has only version, default and rules)"),
                Arguments.of("{" + DEFAULT + "}", "'version' is missing (must be 1 or 2)"),
                Arguments.of("{\"version\": 3, " + DEFAULT + "}", "'version' must be 1 or 2, got 3"),
                Arguments.of("{\"version\": 0, " + DEFAULT + "}", "'version' must be 1 or 2, got 0"),
                Arguments.of("{\"version\": \"2\", " + DEFAULT + "}", "'version' must be 1 or 2, got \"2\""),
                Arguments.of("{\"version\": 2.0, " + DEFAULT + "}", "'version' must be 1 or 2, got 2.0"),
                Arguments.of("{\"version\": 99999999999, " + DEFAULT + "}",
                        "'version' must be 1 or 2, got 99999999999"),
                Arguments.of("{\"version\": \"" + longText + "\", " + DEFAULT + "}",
                        "'version' must be 1 or 2, got \"" + longText.substring(0, 60) + "...\""),
                Arguments.of("{\"version\": 2}", "'default' is missing"),
                Arguments.of("{\"version\": 2, \"default\": []}", "default must be a JSON object, got an array"),
                Arguments.of("{\"version\": 2, \"default\": null}", "default must be a JSON object, got null"),
                Arguments.of(withDefault("{\"fixed_target\": 1, \"rate\": 0.1, \"priority\": 1}"),
                        "default: unknown field 'priority'"),
                Arguments.of(withDefault("{\"rate\": 0.1}"), "default: 'fixed_target' is required"),
                Arguments.of(withDefault("{\"fixed_target\": 1}"), "default: 'rate' is required"),
                Arguments.of(withDefault("{\"fixed_target\": -1, \"rate\": 0.1}"),
                        "default: 'fixed_target' must be an integer from 0 to 2147483647, got -1"),
                Arguments.of(withDefault("{\"fixed_target\": 1.5, \"rate\": 0.1}"),
                        "default: 'fixed_target' must be an integer from 0 to 2147483647, got 1.5"),
                Arguments.of(withDefault("{\"fixed_target\": 3000000000, \"rate\": 0.1}"),
                        "default: 'fixed_target' must be an integer from 0 to 2147483647, got 3000000000"),
                Arguments.of(withDefault("{\"fixed_target\": \"1\", \"rate\": 0.1}"),
                        "default: 'fixed_target' must be an integer from 0 to 2147483647, got \"1\""),
                Arguments.of(withDefault("{\"fixed_target\": 1, \"rate\": 1.5}"),
                        "default: 'rate' must be a number from 0 to 1, got 1.5"),
                Arguments.of(withDefault("{\"fixed_target\": 1, \"rate\": -0.1}"),
                        "default: 'rate' must be a number from 0 to 1, got -0.1"),
                Arguments.of(withDefault("{\"fixed_target\": 1, \"rate\": 2}"),
                        "default: 'rate' must be a number from 0 to 1, got 2"),
                Arguments.of(withDefault("{\"fixed_target\": 1, \"rate\": \"0.1\"}"),
                        "default: 'rate' must be a number from 0 to 1, got \"0.1\""),
                Arguments.of(withDefault("{\"fixed_target\": 1, \"rate\": 0.1, \"description\": 5}"),
                        "default: 'description' must be a string, got 5"),
                Arguments.of("{\"version\": 2, " + DEFAULT + ", \"rules\": {}}",
                        "'rules' must be a JSON array, got an object"),
                Arguments.of(v2("1"), "rules[0] must be a JSON object, got 1"),
                Arguments.of(v2(rule("\"url\": \"/x\", \"host\": \"*\"")), "rules[0]: unknown field 'url'"),
                Arguments.of(v2(fullV2() + ", " + rule("\"host\": \"*\", \"url_path\": \"/\", \"http_method\":"
                        + " \"GET\", \"service_type\": \"AWS::EC2::Instance\"")),
                        "rules[1]: unknown field 'service_type'"),
                Arguments.of(v2(rule("\"host\": \"*\", \"http_method\": \"GET\"")),
                        "rules[0]: 'url_path' is required"),
                Arguments.of(v2(rule("\"host\": \"*\", \"url_path\": \"/\"")),
                        "rules[0]: 'http_method' is required"),
                Arguments.of(v2(rule("\"http_method\": \"GET\", \"url_path\": \"/\"")),
                        "rules[0]: 'host' is required in version 2"),
                Arguments.of(v2(rule("\"service_name\": \"*\", \"http_method\": \"GET\", \"url_path\": \"/\"")),
                        "rules[0]: 'service_name' is not allowed in version 2 (use 'host')"),
                Arguments.of(v1(rule("\"http_method\": \"GET\", \"url_path\": \"/\"")),
                        "rules[0]: 'service_name' is required in version 1"),
                Arguments.of(v1(rule("\"host\": \"*\", \"http_method\": \"GET\", \"url_path\": \"/\"")),
                        "rules[0]: 'host' is not allowed in version 1 (use 'service_name', which is matched"
                                + " against the host)"),
                Arguments.of(v2("{\"host\": \"*\", \"http_method\": \"GET\", \"url_path\": \"/\", \"rate\": 0}"),
                        "rules[0]: 'fixed_target' is required"),
                Arguments.of(v2("{\"host\": \"*\", \"http_method\": \"GET\", \"url_path\": \"/\","
                        + " \"fixed_target\": 0}"), "rules[0]: 'rate' is required"),
                Arguments.of(v2("{\"host\": \"*\", \"http_method\": \"GET\", \"url_path\": \"/\","
                        + " \"fixed_target\": -5, \"rate\": 0}"),
                        "rules[0]: 'fixed_target' must be an integer from 0 to 2147483647, got -5"),
                Arguments.of(v2("{\"host\": \"*\", \"http_method\": \"GET\", \"url_path\": \"/\","
                        + " \"fixed_target\": 0, \"rate\": 1.01}"),
                        "rules[0]: 'rate' must be a number from 0 to 1, got 1.01"),
                Arguments.of(v2(rule("\"host\": 5, \"http_method\": \"GET\", \"url_path\": \"/\"")),
                        "rules[0]: 'host' must be a string, got 5"),
                Arguments.of(v2(rule("\"host\": \"*\", \"http_method\": null, \"url_path\": \"/\"")),
                        "rules[0]: 'http_method' must be a string, got null"),
                Arguments.of(v2(rule("\"host\": \"*\", \"http_method\": \"GET\", \"url_path\": [\"/\"]")),
                        "rules[0]: 'url_path' must be a string, got an array"),
                Arguments.of(v1(rule("\"service_name\": false, \"http_method\": \"GET\", \"url_path\": \"/\"")),
                        "rules[0]: 'service_name' must be a string, got false"),
                Arguments.of(v2(rule("\"description\": {}, \"host\": \"*\", \"http_method\": \"GET\","
                        + " \"url_path\": \"/\"")), "rules[0]: 'description' must be a string, got an object"),
                Arguments.of(v2(rule("\"id\": true, \"host\": \"*\", \"http_method\": \"GET\","
                        + " \"url_path\": \"/\"")), "rules[0]: 'id' must be a string or an integer, got true"),
                Arguments.of(v2("") + " {}",
                        "unexpected content after the manifest's closing brace at line 1, column "
                                + (v2("").length() + 2)));
    }

    /** A rule body with a valid allowance plus the given fields. */
    private static String rule(String fields) {
        return "{" + fields + ", \"fixed_target\": 1, \"rate\": 0.5}";
    }

    private static String fullV2() {
        return rule("\"host\": \"*\", \"http_method\": \"GET\", \"url_path\": \"/\"");
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidManifests")
    void invalidManifestIsRejectedWithAPreciseMessage(String json, String expectedMessage) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ManifestParser.parse(json));
        assertEquals(expectedMessage, error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"url_path", "host", "service_name", "http_method", "id"})
    void defaultRuleTakesNoMatchers(String field) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ManifestParser.parse(withDefault("{\"fixed_target\": 1, \"rate\": 0.1, \"" + field
                        + "\": \"*\"}")));
        assertEquals("default: '" + field + "' is not allowed on the default rule, which applies to every"
                + " request (it takes only fixed_target, rate and description)", error.getMessage());
    }

    @Test
    void nullManifestIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ManifestParser.parse(null));
        assertEquals("the manifest is null", error.getMessage());
    }

    @Test
    void malformedJsonReportsWhere() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ManifestParser.parse("{\n  \"version\": 2,\n"
                        + "  \"default\": {\"fixed_target\": 1 \"rate\": 0}\n}"));
        assertTrue(error.getMessage().startsWith("malformed JSON at line 3, column "), error.getMessage());
    }

    @Test
    void truncatedJsonIsMalformed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ManifestParser.parse("{\"version\": 2, \"rules\": ["));
        assertTrue(error.getMessage().startsWith("malformed JSON at line 1, column "), error.getMessage());
    }

    @Test
    void blockCommentsAreAllowedToo() {
        assertEquals(2, ManifestParser.parse("/* Jackson's comment feature takes both styles */ " + v2(""))
                .version());
    }

    @Test
    void duplicateFieldIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ManifestParser.parse("{\"version\": 2, \"version\": 1, " + DEFAULT + "}"));
        assertTrue(error.getMessage().startsWith("malformed JSON at line 1, column "), error.getMessage());
        assertTrue(error.getMessage().contains("'version'"), error.getMessage());
    }
}
