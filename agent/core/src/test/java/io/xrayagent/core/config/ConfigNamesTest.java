package io.xrayagent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigNamesTest {

    @ParameterizedTest
    @CsvSource({
        "serviceName, XRAY_AGENT_SERVICE_NAME",
        "maxStackTraceLength, XRAY_AGENT_MAX_STACK_TRACE_LENGTH",
        "awsSdkVersion, XRAY_AGENT_AWS_SDK_VERSION",
        "traceIdInjectionPrefix, XRAY_AGENT_TRACE_ID_INJECTION_PREFIX",
        "logLevel, XRAY_AGENT_LOG_LEVEL",
        "instrumentation.jdk-httpserver.enabled, XRAY_AGENT_INSTRUMENTATION_JDK_HTTPSERVER_ENABLED",
        "instrumentation.http-url-connection.enabled, XRAY_AGENT_INSTRUMENTATION_HTTP_URL_CONNECTION_ENABLED",
        "collectSQLQueries, XRAY_AGENT_COLLECT_SQL_QUERIES",
        "s3Client, XRAY_AGENT_S3_CLIENT",
    })
    void environmentVariableNames(String key, String variable) {
        assertEquals(variable, ConfigNames.environmentVariable(key));
    }

    @ParameterizedTest
    @CsvSource({"serviceName, xrayagent.serviceName", "instrumentation.a.enabled, xrayagent.instrumentation.a.enabled"})
    void systemPropertyNames(String key, String property) {
        assertEquals(property, ConfigNames.systemProperty(key));
    }
}
