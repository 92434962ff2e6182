package io.xrayagent.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.xrayagent.core.log.AgentLog;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Gathers the sources, reports what cannot be used, and resolves every typed key. */
final class AgentConfigLoader {
    private final String agentArgs;
    private final Map<String, String> systemProperties;
    private final Map<String, String> environment;
    private final ClassLoader resourceLoader;

    AgentConfigLoader(String agentArgs, Map<String, String> systemProperties, Map<String, String> environment,
            ClassLoader resourceLoader) {
        this.agentArgs = agentArgs;
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.resourceLoader = resourceLoader;
    }

    AgentConfig load() {
        Map<String, String> arguments = AgentArgumentsParser.parse(agentArgs);
        warnAboutUnknownKeys(arguments, ConfigSources.AGENT_ARGUMENTS);
        ConfigFile file = ConfigFileLocator.locate(systemProperties, resourceLoader);
        Map<String, String> fileValues = file == null ? null : read(file);
        if (fileValues != null) {
            warnAboutUnknownKeys(fileValues, file.description);
        }
        ConfigSources sources = new ConfigSources(arguments, systemProperties, environment, fileValues,
                fileValues == null ? null : file.description);
        return resolve(new SettingResolver(sources));
    }

    private static Map<String, String> read(ConfigFile file) {
        try {
            InputStream in = file.open();
            try {
                return JsonConfigReader.read(in, file.description);
            } finally {
                in.close();
            }
        } catch (JsonProcessingException e) {
            AgentLog.warn("invalid JSON in " + file.description + ": " + oneLine(e.getOriginalMessage())
                    + location(e) + "; continuing without it");
        } catch (IOException e) {
            AgentLog.warn("cannot read " + file.description + ": " + oneLine(String.valueOf(e.getMessage()))
                    + "; continuing without it");
        }
        return null;
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    private static String oneLine(String message) {
        return message.replace('\n', ' ').replace('\r', ' ');
    }

    private static void warnAboutUnknownKeys(Map<String, String> values, String where) {
        for (String key : values.keySet()) {
            if (ConfigKeys.isKnown(key)) {
                continue;
            }
            String suggestion = ConfigKeys.caseInsensitiveMatch(key);
            AgentLog.warn("unknown configuration key " + LogText.quote(key) + " in " + where + "; ignored"
                    + (suggestion == null ? "" : " (did you mean " + suggestion + "?)"));
        }
    }

    private static AgentConfig resolve(SettingResolver r) {
        AgentConfig.Builder b = new AgentConfig.Builder();
        b.resolver = r;
        b.serviceName = r.resolve(ConfigKeys.SERVICE_NAME, ValueTypes.SERVICE_NAME, b.serviceName);
        b.contextMissingStrategy = r.resolve(ConfigKeys.CONTEXT_MISSING_STRATEGY, ValueTypes.CONTEXT_MISSING,
                b.contextMissingStrategy);
        warnIfRuntimeError(r.chosen(ConfigKeys.CONTEXT_MISSING_STRATEGY.name));
        b.daemonAddress = r.resolve(ConfigKeys.DAEMON_ADDRESS, ValueTypes.DAEMON_ADDRESS, b.daemonAddress);
        b.samplingStrategy = r.resolve(ConfigKeys.SAMPLING_STRATEGY, ValueTypes.SAMPLING_STRATEGY, b.samplingStrategy);
        b.samplingRulesManifest = r.resolve(ConfigKeys.SAMPLING_RULES_MANIFEST, ValueTypes.LOCATION,
                b.samplingRulesManifest);
        b.maxStackTraceLength = r.resolve(ConfigKeys.MAX_STACK_TRACE_LENGTH,
                ValueTypes.integer(0, Integer.MAX_VALUE), b.maxStackTraceLength);
        b.streamingThreshold = r.resolve(ConfigKeys.STREAMING_THRESHOLD,
                ValueTypes.integer(1, Integer.MAX_VALUE), b.streamingThreshold);
        b.tracingEnabled = r.resolve(ConfigKeys.TRACING_ENABLED, ValueTypes.BOOLEAN, b.tracingEnabled);
        b.collectSqlQueries = r.resolve(ConfigKeys.COLLECT_SQL_QUERIES, ValueTypes.BOOLEAN, b.collectSqlQueries);
        b.traceIncomingRequests = r.resolve(ConfigKeys.TRACE_INCOMING_REQUESTS, ValueTypes.BOOLEAN,
                b.traceIncomingRequests);
        b.contextPropagation = r.resolve(ConfigKeys.CONTEXT_PROPAGATION, ValueTypes.BOOLEAN, b.contextPropagation);
        b.traceIdInjection = r.resolve(ConfigKeys.TRACE_ID_INJECTION, ValueTypes.BOOLEAN, b.traceIdInjection);
        b.traceIdInjectionPrefix = r.resolve(ConfigKeys.TRACE_ID_INJECTION_PREFIX, ValueTypes.VERBATIM,
                b.traceIdInjectionPrefix);
        b.pluginsEnabled = r.resolve(ConfigKeys.PLUGINS_ENABLED, ValueTypes.BOOLEAN, b.pluginsEnabled);
        b.awsSdkVersion = r.resolve(ConfigKeys.AWS_SDK_VERSION, ValueTypes.integer(1, 2), b.awsSdkVersion);
        b.awsServiceHandlerManifest = r.resolve(ConfigKeys.AWS_SERVICE_HANDLER_MANIFEST, ValueTypes.LOCATION,
                b.awsServiceHandlerManifest);
        b.logLevel = r.resolve(ConfigKeys.LOG_LEVEL, ValueTypes.LOG_LEVEL, b.logLevel);
        b.maxDatagramBytes = r.resolve(ConfigKeys.MAX_DATAGRAM_BYTES, ValueTypes.integer(1024, 65507),
                b.maxDatagramBytes);
        b.emitterQueueSize = r.resolve(ConfigKeys.EMITTER_QUEUE_SIZE, ValueTypes.integer(16, 1000000),
                b.emitterQueueSize);
        b.segmentNaming = r.resolve(ConfigKeys.SEGMENT_NAMING, ValueTypes.SEGMENT_NAMING, b.segmentNaming);
        b.dynamicNamingRecognizedHosts = r.resolve(ConfigKeys.DYNAMIC_NAMING_RECOGNIZED_HOSTS, ValueTypes.VERBATIM,
                b.dynamicNamingRecognizedHosts);
        return b.build();
    }

    private static void warnIfRuntimeError(Setting used) {
        if (used != null && used.value.trim().equalsIgnoreCase(ValueTypes.RUNTIME_ERROR)) {
            AgentLog.warn("contextMissingStrategy " + ValueTypes.RUNTIME_ERROR + " (from " + used.origin
                    + ") is treated as LOG_ERROR: the agent never throws into the application");
        }
    }
}
