package io.xrayagent.core.config;

import io.xrayagent.testing.LogCapture;
import static io.xrayagent.core.config.Sources.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstrumentationSwitchTest {
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
    void enabledByDefault() {
        AgentConfig config = AgentConfig.load(null, null, null, null);
        assertTrue(config.instrumentationEnabled("jdk-httpserver"));
        assertTrue(config.instrumentationEnabled("http-url-connection"));
    }

    @Test
    void fromAgentArguments() {
        AgentConfig config = AgentConfig.load("instrumentation.jdk-httpserver.enabled=false", null, null, null);
        assertFalse(config.instrumentationEnabled("jdk-httpserver"));
        assertTrue(config.instrumentationEnabled("http-url-connection"));
        assertTrue(log.warnings().isEmpty(), log.lines().toString());
    }

    @Test
    void fromSystemProperty() {
        AgentConfig config = AgentConfig.load(null,
                map("xrayagent.instrumentation.http-url-connection.enabled", "FALSE"), null, null);
        assertFalse(config.instrumentationEnabled("http-url-connection"));
        assertTrue(config.instrumentationEnabled("jdk-httpserver"));
    }

    @Test
    void fromEnvironmentVariable() {
        AgentConfig config = AgentConfig.load(null, null,
                map("XRAY_AGENT_INSTRUMENTATION_JDK_HTTPSERVER_ENABLED", "false"), null);
        assertFalse(config.instrumentationEnabled("jdk-httpserver"));
        assertTrue(config.instrumentationEnabled("http-url-connection"));
    }

    @Test
    void fromTheFile() throws Exception {
        Path file = Sources.write(dir.resolve("xray-agent.json"),
                "{\"instrumentation\": {\"http-url-connection\": {\"enabled\": false}}}");
        AgentConfig config = AgentConfig.load(null, Sources.configFileProperty(file), null, null);
        assertFalse(config.instrumentationEnabled("http-url-connection"));
        assertTrue(config.instrumentationEnabled("jdk-httpserver"));
    }

    @Test
    void followsThePrecedenceOfTheOtherKeys() throws Exception {
        Path file = Sources.write(dir.resolve("xray-agent.json"),
                "{\"instrumentation\": {\"jdk-httpserver\": {\"enabled\": false}}}");
        Map<String, String> properties = Sources.configFileProperty(file);
        Map<String, String> environment = map("XRAY_AGENT_INSTRUMENTATION_JDK_HTTPSERVER_ENABLED", "true");
        assertTrue(AgentConfig.load(null, properties, environment, null).instrumentationEnabled("jdk-httpserver"));
        properties.put("xrayagent.instrumentation.jdk-httpserver.enabled", "false");
        assertFalse(AgentConfig.load(null, properties, environment, null).instrumentationEnabled("jdk-httpserver"));
        assertTrue(AgentConfig.load("instrumentation.jdk-httpserver.enabled=true", properties, environment, null)
                .instrumentationEnabled("jdk-httpserver"));
    }

    @Test
    void invalidSwitchWarnsOnceAndKeepsTheInstrumentationOn() {
        AgentConfig config = AgentConfig.load(null, null,
                map("XRAY_AGENT_INSTRUMENTATION_JDK_HTTPSERVER_ENABLED", "disabled"), null);
        assertTrue(config.instrumentationEnabled("jdk-httpserver"));
        assertTrue(config.instrumentationEnabled("jdk-httpserver"));
        assertEquals("invalid value \"disabled\" for instrumentation.jdk-httpserver.enabled (from environment variable "
                + "XRAY_AGENT_INSTRUMENTATION_JDK_HTTPSERVER_ENABLED); using true instead; expected true or false",
                log.singleWarning());
    }

    @Test
    void defaultsConfigHasEveryInstrumentationOn() {
        assertTrue(AgentConfig.defaults().instrumentationEnabled("anything-new"));
    }
}
