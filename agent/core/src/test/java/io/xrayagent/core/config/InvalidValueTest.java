package io.xrayagent.core.config;

import io.xrayagent.testing.LogCapture;
import static io.xrayagent.core.config.Sources.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.core.log.AgentLog;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvalidValueTest {
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
    void invalidDaemonAddressFallsBackToTheDefaultWithOneWarning() {
        AgentConfig config = AgentConfig.load(null, null, map("AWS_XRAY_DAEMON_ADDRESS", "::1:2000"), null);
        assertEquals(DaemonAddress.DEFAULT, config.daemonAddress());
        String warning = log.singleWarning();
        assertTrue(warning.startsWith("invalid value \"::1:2000\" for daemonAddress (from environment variable "
                + "AWS_XRAY_DAEMON_ADDRESS); using 127.0.0.1:2000 instead; "), warning);
        assertTrue(warning.contains("[::1]:2000"), warning);
    }

    @Test
    void invalidValueFallsBackToTheNextValidSource() throws Exception {
        Path file = Sources.write(dir.resolve("xray-agent.json"), "{\"maxStackTraceLength\": 30}");
        Map<String, String> properties = Sources.configFileProperty(file);
        properties.put("xrayagent.maxStackTraceLength", "many");
        AgentConfig config = AgentConfig.load(null, properties, null, null);
        assertEquals(30, config.maxStackTraceLength());
        assertEquals("invalid value \"many\" for maxStackTraceLength (from system property "
                + "xrayagent.maxStackTraceLength); using 30 instead; expected a whole number of at least 0",
                log.singleWarning());
    }

    @Test
    void everyInvalidSettingIsReportedEvenWhenShadowed() {
        AgentConfig config = AgentConfig.load("tracingEnabled=maybe", map("com.amazonaws.xray.tracingEnabled", "false"),
                map("AWS_XRAY_TRACING_ENABLED", "yes"), null);
        assertEquals(false, config.tracingEnabled());
        assertEquals(Arrays.asList(
                "invalid value \"maybe\" for tracingEnabled (from agent arguments); using false instead; "
                        + "expected true or false",
                "invalid value \"yes\" for tracingEnabled (from environment variable AWS_XRAY_TRACING_ENABLED); "
                        + "using false instead; expected true or false"),
                log.warnings());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "serviceName           | bad*name   | \"XRayInstrumentedService\"",
        "contextMissingStrategy| THROW      | LOG_ERROR",
        "daemonAddress         | localhost  | 127.0.0.1:2000",
        "samplingStrategy      | SOME       | CENTRAL",
        "maxStackTraceLength   | -1         | 50",
        "streamingThreshold    | 0          | 100",
        "tracingEnabled        | 1          | true",
        "collectSqlQueries     | on         | false",
        "traceIncomingRequests | no         | true",
        "contextPropagation    | t          | true",
        "traceIdInjection      | truee      | true",
        "pluginsEnabled        | off        | true",
        "awsSdkVersion         | 3          | 2",
        "logLevel              | loud       | INFO",
        "maxDatagramBytes      | 65508      | 64512",
        "maxDatagramBytes      | 1023       | 64512",
        "emitterQueueSize      | 15         | 2048",
        "emitterQueueSize      | 1000001    | 2048",
        "emitterQueueSize      | 2147483648 | 2048",
        "streamingThreshold    | 1.5        | 100",
    })
    void eachTypedKeyRejectsBadValuesWithOneWarning(String key, String value, String shownDefault) {
        AgentConfig config = AgentConfig.load(key + "=" + value, null, null, null);
        String warning = log.singleWarning();
        assertTrue(warning.startsWith("invalid value \"" + value + "\" for " + key
                + " (from agent arguments); using " + shownDefault + " instead; "), warning);
        assertEquals(null, config.get(key));
        assertEquals(AgentConfig.defaults().toString(), config.toString());
    }

    @Test
    void serviceNameLongerThanXRayAcceptsIsRejected() {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 201; i++) {
            name.append('a');
        }
        AgentConfig config = AgentConfig.load(null, map("xrayagent.serviceName", name.toString()), null, null);
        assertEquals("XRayInstrumentedService", config.serviceName());
        assertTrue(log.singleWarning().contains("\"" + name.substring(0, 200) + "...\""), log.lines().toString());
    }

    @Test
    void serviceNameAllowsXRaysCharacters() {
        String name = "Orders API_v2.1:/%&#=+\\-@ é 東京";
        assertEquals(name, AgentConfig.load(null, map("xrayagent.serviceName", name), null, null).serviceName());
        assertTrue(log.warnings().isEmpty(), log.lines().toString());
    }

    @Test
    void valuesWithLineBreaksStayOnOneWarningLine() {
        AgentConfig.load(null, null, map("XRAY_AGENT_LOG_LEVEL", "debug\nWARN fake line"), null);
        assertEquals(1, log.lines().size(), log.lines().toString());
        assertTrue(log.singleWarning().startsWith("invalid value \"debug\\nWARN fake line\" for logLevel"));
    }

    @Test
    void enumsAndBooleansIgnoreCaseAndSurroundingSpace() {
        AgentConfig config = AgentConfig.load("samplingStrategy= All ,tracingEnabled=fAlSe,logLevel=Warning",
                null, null, null);
        assertEquals(SamplingStrategy.ALL, config.samplingStrategy());
        assertEquals(false, config.tracingEnabled());
        assertEquals(AgentLog.Level.WARN, config.logLevel());
        assertTrue(log.warnings().isEmpty(), log.lines().toString());
    }

    @Test
    void loadingDoesNotApplyTheLogLevel() {
        AgentConfig.load("logLevel=off", null, null, null);
        assertEquals(AgentLog.Level.INFO, AgentLog.level());
    }
}
