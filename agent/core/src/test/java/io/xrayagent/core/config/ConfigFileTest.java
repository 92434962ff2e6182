package io.xrayagent.core.config;

import io.xrayagent.testing.LogCapture;
import static io.xrayagent.core.config.Sources.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {
    private final LogCapture log = new LogCapture();

    @TempDir
    Path dir;

    @BeforeEach
    void captureLog() {
        log.start();
    }

    @AfterEach
    void restoreLog() {
        log.stop();
    }

    @Test
    void classPathResource() throws Exception {
        Sources.write(dir.resolve("xray-agent.json"), "{\"serviceName\": \"on-class-path\"}");
        try (URLClassLoader loader = loaderOver(dir)) {
            AgentConfig config = AgentConfig.load(null, null, null, loader);
            assertEquals("on-class-path", config.serviceName());
            assertTrue(config.configFileUsed().startsWith("class-path resource xray-agent.json at file:"),
                    config.configFileUsed());
        }
        assertTrue(log.lines().isEmpty(), log.lines().toString());
    }

    @Test
    void springBootFatJarLocation() throws Exception {
        Sources.write(dir.resolve("BOOT-INF/classes/xray-agent.json"), "{\"serviceName\": \"in-boot-inf\"}");
        try (URLClassLoader loader = loaderOver(dir)) {
            AgentConfig config = AgentConfig.load(null, null, null, loader);
            assertEquals("in-boot-inf", config.serviceName());
            assertTrue(config.configFileUsed().startsWith("class-path resource BOOT-INF/classes/xray-agent.json"),
                    config.configFileUsed());
        }
    }

    @Test
    void plainResourceComesBeforeSpringBootLocation() throws Exception {
        Sources.write(dir.resolve("xray-agent.json"), "{\"serviceName\": \"plain\"}");
        Sources.write(dir.resolve("BOOT-INF/classes/xray-agent.json"), "{\"serviceName\": \"boot\"}");
        try (URLClassLoader loader = loaderOver(dir)) {
            assertEquals("plain", AgentConfig.load(null, null, null, loader).serviceName());
        }
    }

    @Test
    void configuredFilePathComesBeforeClassPath() throws Exception {
        Sources.write(dir.resolve("cp/xray-agent.json"), "{\"serviceName\": \"class-path\"}");
        Path file = Sources.write(dir.resolve("elsewhere/my-config.json"), "{\"serviceName\": \"configured\"}");
        try (URLClassLoader loader = loaderOver(dir.resolve("cp"))) {
            AgentConfig config = AgentConfig.load(null, Sources.configFileProperty(file), null, loader);
            assertEquals("configured", config.serviceName());
            assertEquals("file " + file.toAbsolutePath(), config.configFileUsed());
        }
    }

    @Test
    void configuredFilePathWorksWithoutAClassLoader() throws Exception {
        Path file = Sources.write(dir.resolve("my-config.json"), "{\"serviceName\": \"configured\"}");
        assertEquals("configured", AgentConfig.load(null, Sources.configFileProperty(file), null, null).serviceName());
    }

    @Test
    void configuredClassPathResourceWithOrWithoutLeadingSlash() throws Exception {
        Sources.write(dir.resolve("config/custom.json"), "{\"serviceName\": \"custom-resource\"}");
        try (URLClassLoader loader = loaderOver(dir)) {
            for (String name : new String[] {"config/custom.json", "/config/custom.json"}) {
                AgentConfig config = AgentConfig.load(null,
                        map(ConfigFileLocator.CONFIG_FILE_PROPERTY, name), null, loader);
                assertEquals("custom-resource", config.serviceName());
                assertTrue(config.configFileUsed().startsWith("class-path resource config/custom.json at "),
                        config.configFileUsed());
            }
        }
        assertTrue(log.lines().isEmpty(), log.lines().toString());
    }

    @Test
    void missingConfiguredFileWarnsOnceAndOtherSourcesStillApply() throws Exception {
        Sources.write(dir.resolve("xray-agent.json"), "{\"serviceName\": \"default-resource\"}");
        Map<String, String> properties = map(ConfigFileLocator.CONFIG_FILE_PROPERTY, "/no/such/file.json",
                "xrayagent.streamingThreshold", "5");
        try (URLClassLoader loader = loaderOver(dir)) {
            AgentConfig config = AgentConfig.load(null, properties, map("AWS_XRAY_TRACING_NAME", "env-name"), loader);
            assertEquals("env-name", config.serviceName());
            assertEquals(5, config.streamingThreshold());
            assertNull(config.configFileUsed());
        }
        String warning = log.singleWarning();
        assertTrue(warning.contains("\"/no/such/file.json\""), warning);
        assertTrue(warning.contains(ConfigFileLocator.CONFIG_FILE_PROPERTY), warning);
    }

    @Test
    void noFileAnywhereIsSilent() throws Exception {
        try (URLClassLoader loader = loaderOver(dir)) {
            AgentConfig config = AgentConfig.load(null, null, null, loader);
            assertNull(config.configFileUsed());
        }
        assertTrue(log.lines().isEmpty(), log.lines().toString());
    }

    @Test
    void nestedObjectsAreFlattenedAndCommentsAllowed() throws Exception {
        Path file = Sources.write(dir.resolve("xray-agent.json"), "// the agent's settings\n"
                + "{\n"
                + "  /* block comments work too */\n"
                + "  \"serviceName\": \"nested\", // trailing comment\n"
                + "  \"instrumentation\": {\n"
                + "    \"jdk-httpserver\": { \"enabled\": false },\n"
                + "    \"http-url-connection\": { \"enabled\": \"TRUE\" }\n"
                + "  },\n"
                + "  \"instrumentation.some-other.enabled\": false,\n"
                + "  \"samplingRulesManifest\": null\n"
                + "}\n");
        AgentConfig config = AgentConfig.load(null, Sources.configFileProperty(file), null, null);
        assertEquals("nested", config.serviceName());
        assertFalse(config.instrumentationEnabled("jdk-httpserver"));
        assertTrue(config.instrumentationEnabled("http-url-connection"));
        assertFalse(config.instrumentationEnabled("some-other"));
        assertNull(config.samplingRulesManifest());
        assertEquals("false", config.get("instrumentation.jdk-httpserver.enabled"));
        assertTrue(log.lines().isEmpty(), log.lines().toString());
    }

    @Test
    void invalidJsonWarnsOnceAndIsIgnoredAsAWhole() throws Exception {
        Path file = Sources.write(dir.resolve("xray-agent.json"), "{\"serviceName\": \"half\", \"tracingEnabled\": }");
        AgentConfig config = AgentConfig.load(null, Sources.configFileProperty(file),
                map("AWS_XRAY_DAEMON_ADDRESS", "d:1"), null);
        assertEquals("XRayInstrumentedService", config.serviceName());
        assertEquals("d:1", config.daemonAddress().toString());
        assertNull(config.configFileUsed());
        String warning = log.singleWarning();
        assertTrue(warning.startsWith("invalid JSON in file " + file.toAbsolutePath()), warning);
        assertTrue(warning.contains("line 1"), warning);
        assertTrue(warning.endsWith("continuing without it"), warning);
    }

    @Test
    void jsonThatIsNotAnObjectIsInvalid() throws Exception {
        for (String content : new String[] {"", "[1, 2]", "\"text\"", "{} {}"}) {
            log.stop();
            log.start();
            Path file = Sources.write(dir.resolve("xray-agent.json"), content);
            AgentConfig config = AgentConfig.load(null, Sources.configFileProperty(file), null, null);
            assertNull(config.configFileUsed());
            assertTrue(log.singleWarning().startsWith("invalid JSON in file "), log.lines().toString());
        }
    }

    @Test
    void unknownKeysAndArraysInTheFileWarnOneLineEach() throws Exception {
        Path file = Sources.write(dir.resolve("xray-agent.json"), "{\"servicename\": \"x\", \"colour\": \"red\","
                + " \"serviceName\": \"ok\", \"samplingRulesManifest\": [\"a\"], \"instrumentation\": {\"x\": true}}");
        AgentConfig config = AgentConfig.load(null, Sources.configFileProperty(file), null, null);
        assertEquals("ok", config.serviceName());
        String where = "file " + file.toAbsolutePath();
        assertEquals(java.util.Arrays.asList(
                "unsupported array value for key \"samplingRulesManifest\" in " + where + "; ignored",
                "unknown configuration key \"servicename\" in " + where + "; ignored (did you mean serviceName?)",
                "unknown configuration key \"colour\" in " + where + "; ignored",
                "unknown configuration key \"instrumentation.x\" in " + where + "; ignored"),
                log.warnings());
    }

    @Test
    void fileValuesAreOverriddenByEveryOtherSource() throws Exception {
        Path file = Sources.write(dir.resolve("xray-agent.json"), "{\"maxStackTraceLength\": 10, "
                + "\"streamingThreshold\": 20, \"awsSdkVersion\": 1, \"emitterQueueSize\": 40}");
        Map<String, String> properties = Sources.configFileProperty(file);
        properties.put("xrayagent.streamingThreshold", "21");
        AgentConfig config = AgentConfig.load("awsSdkVersion=2", properties, map("XRAY_AGENT_EMITTER_QUEUE_SIZE", "41"),
                null);
        assertEquals(10, config.maxStackTraceLength());
        assertEquals(21, config.streamingThreshold());
        assertEquals(2, config.awsSdkVersion());
        assertEquals(41, config.emitterQueueSize());
    }

    private static URLClassLoader loaderOver(Path root) throws Exception {
        // No parent: the test's own class path must not leak an xray-agent.json into the lookup.
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
    }
}
