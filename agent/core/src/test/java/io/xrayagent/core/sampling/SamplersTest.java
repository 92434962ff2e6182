package io.xrayagent.core.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.core.log.AgentLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplersTest {
    private static final String RULES = "{\"version\": 2, \"rules\": [{\"description\": \"from-file\","
            + " \"host\": \"*\", \"http_method\": \"*\", \"url_path\": \"/file/*\", \"fixed_target\": 0,"
            + " \"rate\": 1}], \"default\": {\"fixed_target\": 0, \"rate\": 0}}";
    private static final SamplingRequest FILE_REQUEST = new SamplingRequest("h", "GET", "/file/x", "s", null);

    @TempDir
    Path tempDir;

    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private AgentLog.Level previousLevel;

    @BeforeEach
    void captureLog() throws UnsupportedEncodingException {
        previousLevel = AgentLog.level();
        AgentLog.setLevel(AgentLog.Level.INFO);
        AgentLog.setOutput(new PrintStream(logged, true, "UTF-8"));
    }

    @AfterEach
    void restoreLog() {
        AgentLog.setOutput(System.err);
        AgentLog.setLevel(previousLevel);
    }

    private String log() {
        return new String(logged.toByteArray(), StandardCharsets.UTF_8);
    }

    /** The one warning line, checked to be exactly one line. */
    private String singleWarning() {
        String[] lines = log().split("\\R");
        assertEquals(1, lines.length, "expected one line, got: " + log());
        assertTrue(lines[0].startsWith("[xray-agent] WARN "), lines[0]);
        return lines[0];
    }

    private static void assertBuiltInDefault(Sampler sampler) {
        SamplingDecision decision = sampler.decide(FILE_REQUEST);
        assertEquals("default", decision.ruleName());
        assertTrue(decision.sampled(), "the built-in default takes one per second");
    }

    private static void assertRulesFromFile(Sampler sampler) {
        SamplingDecision decision = sampler.decide(FILE_REQUEST);
        assertEquals("from-file", decision.ruleName());
        assertTrue(decision.sampled());
    }

    private Path write(String name, String content) throws IOException {
        Path file = tempDir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    @Test
    void allAndNoneIgnoreTheManifest() {
        assertSame(Samplers.all(), Samplers.create("ALL", "/no/such/rules.json", null));
        assertSame(Samplers.none(), Samplers.create(" none ", "/no/such/rules.json", null));
        assertSame(Samplers.all(), Samplers.create("all", null, null));
        assertEquals("", log());
    }

    @Test
    void noManifestMeansTheBuiltInDefault() {
        assertBuiltInDefault(Samplers.create("LOCAL", null, null));
        assertBuiltInDefault(Samplers.create("CENTRAL", "  ", null));
        assertBuiltInDefault(Samplers.create(null, null, null));
        assertEquals("", log());
    }

    @Test
    void readsAFilePath() throws IOException {
        Path file = write("rules.json", RULES);
        assertRulesFromFile(Samplers.create("LOCAL", file.toString(), null));
        assertRulesFromFile(Samplers.create("central", file.toString(), null));
        assertEquals("", log());
    }

    @Test
    void readsAFileUrl() throws IOException {
        Path file = write("dir with space/rules.json", RULES);
        assertRulesFromFile(Samplers.create("LOCAL", file.toUri().toString(), null));
        assertEquals("", log());
    }

    @Test
    void missingFileWarnsOnceAndFallsBack() {
        String location = tempDir.resolve("absent.json").toString();
        assertBuiltInDefault(Samplers.create("LOCAL", location, null));
        String warning = singleWarning();
        assertTrue(warning.contains("'" + location + "'"), warning);
        assertTrue(warning.contains("was not found (no such file or class-path resource)"), warning);
        assertTrue(warning.contains("using the built-in default rules"), warning);
    }

    @Test
    void missingFileUrlWarnsOnceAndFallsBack() {
        String location = tempDir.resolve("absent.json").toUri().toString();
        assertBuiltInDefault(Samplers.create("LOCAL", location, null));
        String warning = singleWarning();
        assertTrue(warning.contains("'" + location + "' was not found (no such file: "), warning);
    }

    @Test
    void invalidManifestWarnsOnceWithTheProblemAndFallsBack() throws IOException {
        Path file = write("bad.json", "{\"version\": 2, \"default\": {\"fixed_target\": 1, \"rate\": 0.05},"
                + " \"rules\": [{\"host\": \"*\", \"http_method\": \"GET\", \"url\": \"/x\"}]}");
        assertBuiltInDefault(Samplers.create("CENTRAL", file.toString(), null));
        String warning = singleWarning();
        assertTrue(warning.contains("'" + file + "' is invalid: rules[0]: unknown field 'url'"), warning);
    }

    @Test
    void malformedJsonStillGivesOneLine() throws IOException {
        Path file = write("broken.json", "{\n\"version\": 2,\n\"default\": {\n");
        assertBuiltInDefault(Samplers.create("LOCAL", file.toString(), null));
        String warning = singleWarning();
        assertTrue(warning.contains("is invalid: malformed JSON at line "), warning);
    }

    @Test
    void directoryCannotBeRead() {
        assertBuiltInDefault(Samplers.create("LOCAL", tempDir.toString(), null));
        String warning = singleWarning();
        assertTrue(warning.contains("could not be read (not a regular file: "), warning);
    }

    @Test
    void oversizedFileIsRefused() throws IOException {
        char[] filler = new char[ManifestSource.MAX_BYTES];
        java.util.Arrays.fill(filler, ' ');
        Path file = write("huge.json", RULES + new String(filler));
        assertBuiltInDefault(Samplers.create("LOCAL", file.toString(), null));
        assertTrue(singleWarning().contains("could not be read (larger than 1048576 bytes"), log());
    }

    @Test
    void unknownStrategyWarnsAndUsesLocalRules() throws IOException {
        Path file = write("rules.json", RULES);
        assertRulesFromFile(Samplers.create("SOMETIMES", file.toString(), null));
        String warning = singleWarning();
        assertTrue(warning.contains("unknown sampling strategy 'SOMETIMES'"), warning);
    }

    @Test
    void classPathResourceThroughTheGivenLoader() throws IOException {
        write("config/sampling.json", RULES);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tempDir.toUri().toURL()}, null)) {
            assertRulesFromFile(Samplers.create("LOCAL", "config/sampling.json", loader));
            assertRulesFromFile(Samplers.create("LOCAL", "/config/sampling.json", loader));
        }
        assertEquals("", log());
    }

    @Test
    void missingClassPathResourceWarnsAndFallsBack() throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tempDir.toUri().toURL()}, null)) {
            assertBuiltInDefault(Samplers.create("LOCAL", "config/absent.json", loader));
        }
        String warning = singleWarning();
        assertTrue(warning.contains("'config/absent.json' was not found"), warning);
    }

    @Test
    void invalidClassPathResourceWarnsAndFallsBack() throws IOException {
        write("config/bad.json", "{\"version\": 3, \"default\": {\"fixed_target\": 1, \"rate\": 0.05}}");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tempDir.toUri().toURL()}, null)) {
            assertBuiltInDefault(Samplers.create("LOCAL", "config/bad.json", loader));
        }
        assertTrue(singleWarning().contains("'config/bad.json' is invalid: 'version' must be 1 or 2, got 3"),
                log());
    }

    @Test
    void localFromJsonThrowsForAnInvalidManifest() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> Samplers.localFromJson("{\"version\": 2}"));
        assertEquals("'default' is missing", error.getMessage());
        assertEquals("", log());
    }

    @Test
    void localFromJsonBuildsTheRules() {
        assertRulesFromFile(Samplers.localFromJson(RULES));
        assertFalse(Samplers.localFromJson(RULES).decide(new SamplingRequest("h", "GET", "/x", null, null))
                .sampled());
    }
}
