package io.xrayagent.core.config;

import io.xrayagent.testing.LogCapture;
import static io.xrayagent.core.config.Sources.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgentConfigPrecedenceTest {
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
    void eachSourceOverridesTheOnesBelowIt() throws Exception {
        Path file = Sources.write(dir.resolve("xray-agent.json"), "{\"serviceName\": \"from-file\"}");
        Map<String, String> properties = Sources.configFileProperty(file);
        properties.put("xrayagent.serviceName", "from-our-property");
        properties.put("com.amazonaws.xray.strategy.tracingName", "from-official-property");
        Map<String, String> environment = map("XRAY_AGENT_SERVICE_NAME", "from-our-variable",
                "AWS_XRAY_TRACING_NAME", "from-official-variable");

        assertEquals("from-args", load("serviceName=from-args", properties, environment).serviceName());
        assertEquals("from-our-property", load(null, properties, environment).serviceName());
        properties.remove("xrayagent.serviceName");
        assertEquals("from-official-property", load(null, properties, environment).serviceName());
        properties.remove("com.amazonaws.xray.strategy.tracingName");
        assertEquals("from-our-variable", load(null, properties, environment).serviceName());
        environment.remove("XRAY_AGENT_SERVICE_NAME");
        assertEquals("from-official-variable", load(null, properties, environment).serviceName());
        environment.remove("AWS_XRAY_TRACING_NAME");
        assertEquals("from-file", load(null, properties, environment).serviceName());
        properties.remove(ConfigFileLocator.CONFIG_FILE_PROPERTY);
        assertEquals("XRayInstrumentedService", load(null, properties, environment).serviceName());
        assertTrue(log.warnings().isEmpty(), log.lines().toString());
    }

    @Test
    void systemPropertiesOverrideEnvironmentVariables() {
        AgentConfig config = load(null, map("com.amazonaws.xray.emitters.daemonAddress", "prop:2000"),
                map("AWS_XRAY_DAEMON_ADDRESS", "env:2000"));
        assertEquals("prop:2000", config.daemonAddress().toString());
    }

    @Test
    void ourPropertyWinsOverTheOfficialAlias() {
        AgentConfig config = load(null, map("xrayagent.tracingEnabled", "true",
                "com.amazonaws.xray.tracingEnabled", "false"), null);
        assertTrue(config.tracingEnabled());
    }

    @Test
    void ourVariableWinsOverTheOfficialAlias() {
        AgentConfig config = load(null, null, map("XRAY_AGENT_COLLECT_SQL_QUERIES", "false",
                "AWS_XRAY_COLLECT_SQL_QUERIES", "true"));
        assertFalse(config.collectSqlQueries());
    }

    @ParameterizedTest
    @CsvSource({
        "com.amazonaws.xray.strategy.tracingName, orders, serviceName",
        "com.amazonaws.xray.strategy.contextMissingStrategy, IGNORE_ERROR, contextMissingStrategy",
        "com.amazonaws.xray.emitters.daemonAddress, daemon:2100, daemonAddress",
        "com.amazonaws.xray.tracingEnabled, false, tracingEnabled",
        "com.amazonaws.xray.collectSqlQueries, true, collectSqlQueries",
    })
    void officialSystemProperties(String property, String value, String key) {
        AgentConfig config = load(null, map(property, value), null);
        assertEquals(value, typedValue(config, key));
        assertEquals(value, config.get(key));
    }

    @ParameterizedTest
    @CsvSource({
        "AWS_XRAY_TRACING_NAME, orders, serviceName",
        "AWS_XRAY_CONTEXT_MISSING, IGNORE_ERROR, contextMissingStrategy",
        "AWS_XRAY_DAEMON_ADDRESS, daemon:2100, daemonAddress",
        "AWS_XRAY_TRACING_ENABLED, false, tracingEnabled",
        "AWS_XRAY_COLLECT_SQL_QUERIES, true, collectSqlQueries",
    })
    void officialEnvironmentVariables(String variable, String value, String key) {
        AgentConfig config = load(null, null, map(variable, value));
        assertEquals(value, typedValue(config, key));
    }

    @Test
    void everyKeyFromOurSystemProperties() {
        AgentConfig config = load(null, map(
                "xrayagent.serviceName", "svc",
                "xrayagent.contextMissingStrategy", "ignore_error",
                "xrayagent.daemonAddress", "udp:u:1 tcp:t:2",
                "xrayagent.samplingStrategy", "local",
                "xrayagent.samplingRulesManifest", "/etc/rules.json",
                "xrayagent.maxStackTraceLength", "0",
                "xrayagent.streamingThreshold", "7",
                "xrayagent.tracingEnabled", "FALSE",
                "xrayagent.collectSqlQueries", "True",
                "xrayagent.traceIncomingRequests", "false",
                "xrayagent.contextPropagation", "false",
                "xrayagent.traceIdInjection", "false",
                "xrayagent.traceIdInjectionPrefix", "app ",
                "xrayagent.pluginsEnabled", "false",
                "xrayagent.awsSdkVersion", "1",
                "xrayagent.awsServiceHandlerManifest", "handlers.json",
                "xrayagent.logLevel", "debug",
                "xrayagent.maxDatagramBytes", "1024",
                "xrayagent.emitterQueueSize", "1000000"), null);
        assertNonDefaults(config);
    }

    @Test
    void everyKeyFromOurEnvironmentVariables() {
        AgentConfig config = load(null, null, map(
                "XRAY_AGENT_SERVICE_NAME", "svc",
                "XRAY_AGENT_CONTEXT_MISSING_STRATEGY", "ignore_error",
                "XRAY_AGENT_DAEMON_ADDRESS", "udp:u:1 tcp:t:2",
                "XRAY_AGENT_SAMPLING_STRATEGY", "local",
                "XRAY_AGENT_SAMPLING_RULES_MANIFEST", "/etc/rules.json",
                "XRAY_AGENT_MAX_STACK_TRACE_LENGTH", "0",
                "XRAY_AGENT_STREAMING_THRESHOLD", "7",
                "XRAY_AGENT_TRACING_ENABLED", "FALSE",
                "XRAY_AGENT_COLLECT_SQL_QUERIES", "True",
                "XRAY_AGENT_TRACE_INCOMING_REQUESTS", "false",
                "XRAY_AGENT_CONTEXT_PROPAGATION", "false",
                "XRAY_AGENT_TRACE_ID_INJECTION", "false",
                "XRAY_AGENT_TRACE_ID_INJECTION_PREFIX", "app ",
                "XRAY_AGENT_PLUGINS_ENABLED", "false",
                "XRAY_AGENT_AWS_SDK_VERSION", "1",
                "XRAY_AGENT_AWS_SERVICE_HANDLER_MANIFEST", "handlers.json",
                "XRAY_AGENT_LOG_LEVEL", "debug",
                "XRAY_AGENT_MAX_DATAGRAM_BYTES", "1024",
                "XRAY_AGENT_EMITTER_QUEUE_SIZE", "1000000"));
        assertNonDefaults(config);
    }

    @Test
    void everyKeyFromAgentArguments() {
        AgentConfig config = load("serviceName=svc,contextMissingStrategy=ignore_error;daemonAddress=udp:u:1 tcp:t:2;"
                + "samplingStrategy=local,samplingRulesManifest=/etc/rules.json,maxStackTraceLength=0,"
                + "streamingThreshold=7,tracingEnabled=FALSE,collectSqlQueries=True,traceIncomingRequests=false,"
                + "contextPropagation=false,traceIdInjection=false,traceIdInjectionPrefix=app ,pluginsEnabled=false,"
                + "awsSdkVersion=1,awsServiceHandlerManifest=handlers.json,logLevel=debug,maxDatagramBytes=1024,"
                + "emitterQueueSize=1000000", null, null);
        assertNonDefaults(config);
    }

    @Test
    void everyKeyFromTheFile() throws Exception {
        Path file = Sources.write(dir.resolve("conf.json"), "{\n"
                + "  \"serviceName\": \"svc\", \"contextMissingStrategy\": \"ignore_error\",\n"
                + "  \"daemonAddress\": \"udp:u:1 tcp:t:2\", \"samplingStrategy\": \"local\",\n"
                + "  \"samplingRulesManifest\": \"/etc/rules.json\", \"maxStackTraceLength\": 0,\n"
                + "  \"streamingThreshold\": 7, \"tracingEnabled\": false, \"collectSqlQueries\": true,\n"
                + "  \"traceIncomingRequests\": false, \"contextPropagation\": false, \"traceIdInjection\": false,\n"
                + "  \"traceIdInjectionPrefix\": \"app \", \"pluginsEnabled\": false, \"awsSdkVersion\": 1,\n"
                + "  \"awsServiceHandlerManifest\": \"handlers.json\", \"logLevel\": \"debug\",\n"
                + "  \"maxDatagramBytes\": 1024, \"emitterQueueSize\": 1000000\n"
                + "}\n");
        assertNonDefaults(load(null, Sources.configFileProperty(file), null));
    }

    @Test
    void defaultsWhenNothingIsSet() {
        AgentConfig loaded = load(null, null, null);
        assertDefaults(loaded);
        assertDefaults(AgentConfig.defaults());
        assertDefaults(AgentConfig.load("", map(), map(), null));
        assertNull(loaded.configFileUsed());
        assertTrue(log.lines().isEmpty(), log.lines().toString());
    }

    @Test
    void emptyValuesCountAsUnset() {
        AgentConfig config = load("serviceName=", map("xrayagent.serviceName", "  "),
                map("AWS_XRAY_TRACING_NAME", "", "AWS_XRAY_DAEMON_ADDRESS", ""));
        assertEquals("XRayInstrumentedService", config.serviceName());
        assertEquals(DaemonAddress.DEFAULT, config.daemonAddress());
        assertTrue(log.warnings().isEmpty(), log.lines().toString());
    }

    @Test
    void getReturnsTheRawValueUsed() {
        AgentConfig config = load("maxStackTraceLength= 12", map("xrayagent.someFutureKey", "p"),
                map("XRAY_AGENT_SOME_FUTURE_KEY", "e"));
        assertEquals(" 12", config.get("maxStackTraceLength"));
        assertEquals(12, config.maxStackTraceLength());
        assertEquals("p", config.get("someFutureKey"));
        assertNull(config.get("streamingThreshold"));
        assertNull(config.get("neverSet"));
    }

    @Test
    void getFindsUntypedKeysInEachSource() throws Exception {
        Path file = Sources.write(dir.resolve("xray-agent.json"), "{\"instrumentation\":{\"x\":{\"enabled\":\"f\"}}}");
        assertEquals("f", load(null, Sources.configFileProperty(file), null).get("instrumentation.x.enabled"));
        assertEquals("e", load(null, null, map("XRAY_AGENT_INSTRUMENTATION_X_ENABLED", "e"))
                .get("instrumentation.x.enabled"));
        assertEquals("a", load("instrumentation.x.enabled=a", null, map("XRAY_AGENT_INSTRUMENTATION_X_ENABLED", "e"))
                .get("instrumentation.x.enabled"));
    }

    private static AgentConfig load(String args, Map<String, String> properties, Map<String, String> environment) {
        return AgentConfig.load(args, properties, environment, null);
    }

    private static String typedValue(AgentConfig config, String key) {
        switch (key) {
            case "serviceName":
                return config.serviceName();
            case "contextMissingStrategy":
                return config.contextMissingStrategy().name();
            case "daemonAddress":
                return config.daemonAddress().toString();
            case "tracingEnabled":
                return String.valueOf(config.tracingEnabled());
            case "collectSqlQueries":
                return String.valueOf(config.collectSqlQueries());
            default:
                throw new IllegalArgumentException(key);
        }
    }

    private static void assertNonDefaults(AgentConfig config) {
        assertEquals("svc", config.serviceName());
        assertEquals(ContextMissingStrategy.IGNORE_ERROR, config.contextMissingStrategy());
        assertEquals("udp:u:1 tcp:t:2", config.daemonAddress().toString());
        assertEquals(SamplingStrategy.LOCAL, config.samplingStrategy());
        assertEquals("/etc/rules.json", config.samplingRulesManifest());
        assertEquals(0, config.maxStackTraceLength());
        assertEquals(7, config.streamingThreshold());
        assertFalse(config.tracingEnabled());
        assertTrue(config.collectSqlQueries());
        assertFalse(config.traceIncomingRequests());
        assertFalse(config.contextPropagation());
        assertFalse(config.traceIdInjection());
        assertEquals("app ", config.traceIdInjectionPrefix());
        assertFalse(config.pluginsEnabled());
        assertEquals(1, config.awsSdkVersion());
        assertEquals("handlers.json", config.awsServiceHandlerManifest());
        assertEquals(io.xrayagent.core.log.AgentLog.Level.DEBUG, config.logLevel());
        assertEquals(1024, config.maxDatagramBytes());
        assertEquals(1000000, config.emitterQueueSize());
    }

    private static void assertDefaults(AgentConfig config) {
        assertEquals("XRayInstrumentedService", config.serviceName());
        assertEquals(ContextMissingStrategy.LOG_ERROR, config.contextMissingStrategy());
        assertEquals(DaemonAddress.DEFAULT, config.daemonAddress());
        assertEquals(SamplingStrategy.CENTRAL, config.samplingStrategy());
        assertNull(config.samplingRulesManifest());
        assertEquals(50, config.maxStackTraceLength());
        assertEquals(100, config.streamingThreshold());
        assertTrue(config.tracingEnabled());
        assertFalse(config.collectSqlQueries());
        assertTrue(config.traceIncomingRequests());
        assertTrue(config.contextPropagation());
        assertTrue(config.traceIdInjection());
        assertEquals("", config.traceIdInjectionPrefix());
        assertTrue(config.pluginsEnabled());
        assertEquals(2, config.awsSdkVersion());
        assertNull(config.awsServiceHandlerManifest());
        assertEquals(io.xrayagent.core.log.AgentLog.Level.INFO, config.logLevel());
        assertEquals(64512, config.maxDatagramBytes());
        assertEquals(2048, config.emitterQueueSize());
        assertTrue(config.instrumentationEnabled("jdk-httpserver"));
        assertNull(config.get("serviceName"));
    }
}
