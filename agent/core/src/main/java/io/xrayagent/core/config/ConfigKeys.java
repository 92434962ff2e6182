package io.xrayagent.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/** Every key the agent knows; anything else in agent arguments or the file is reported as unknown. */
final class ConfigKeys {
    static final ConfigKey SERVICE_NAME = new ConfigKey("serviceName",
            "com.amazonaws.xray.strategy.tracingName", "AWS_XRAY_TRACING_NAME");
    static final ConfigKey CONTEXT_MISSING_STRATEGY = new ConfigKey("contextMissingStrategy",
            "com.amazonaws.xray.strategy.contextMissingStrategy", "AWS_XRAY_CONTEXT_MISSING");
    static final ConfigKey DAEMON_ADDRESS = new ConfigKey("daemonAddress",
            "com.amazonaws.xray.emitters.daemonAddress", "AWS_XRAY_DAEMON_ADDRESS");
    static final ConfigKey SAMPLING_STRATEGY = new ConfigKey("samplingStrategy", null, null);
    static final ConfigKey SAMPLING_RULES_MANIFEST = new ConfigKey("samplingRulesManifest", null, null);
    static final ConfigKey MAX_STACK_TRACE_LENGTH = new ConfigKey("maxStackTraceLength", null, null);
    static final ConfigKey STREAMING_THRESHOLD = new ConfigKey("streamingThreshold", null, null);
    static final ConfigKey TRACING_ENABLED = new ConfigKey("tracingEnabled",
            "com.amazonaws.xray.tracingEnabled", "AWS_XRAY_TRACING_ENABLED");
    static final ConfigKey COLLECT_SQL_QUERIES = new ConfigKey("collectSqlQueries",
            "com.amazonaws.xray.collectSqlQueries", "AWS_XRAY_COLLECT_SQL_QUERIES");
    static final ConfigKey TRACE_INCOMING_REQUESTS = new ConfigKey("traceIncomingRequests", null, null);
    static final ConfigKey CONTEXT_PROPAGATION = new ConfigKey("contextPropagation", null, null);
    static final ConfigKey TRACE_ID_INJECTION = new ConfigKey("traceIdInjection", null, null);
    static final ConfigKey TRACE_ID_INJECTION_PREFIX = new ConfigKey("traceIdInjectionPrefix", null, null);
    static final ConfigKey PLUGINS_ENABLED = new ConfigKey("pluginsEnabled", null, null);
    static final ConfigKey AWS_SDK_VERSION = new ConfigKey("awsSdkVersion", null, null);
    static final ConfigKey AWS_SERVICE_HANDLER_MANIFEST = new ConfigKey("awsServiceHandlerManifest", null, null);
    static final ConfigKey LOG_LEVEL = new ConfigKey("logLevel", null, null);
    static final ConfigKey MAX_DATAGRAM_BYTES = new ConfigKey("maxDatagramBytes", null, null);
    static final ConfigKey EMITTER_QUEUE_SIZE = new ConfigKey("emitterQueueSize", null, null);
    static final ConfigKey SEGMENT_NAMING = new ConfigKey("segmentNaming", null, null);
    static final ConfigKey DYNAMIC_NAMING_RECOGNIZED_HOSTS = new ConfigKey("dynamicNamingRecognizedHosts", null, null);

    static final List<ConfigKey> ALL;

    static {
        List<ConfigKey> all = new ArrayList<ConfigKey>();
        Collections.addAll(all, SERVICE_NAME, CONTEXT_MISSING_STRATEGY, DAEMON_ADDRESS, SAMPLING_STRATEGY,
                SAMPLING_RULES_MANIFEST, MAX_STACK_TRACE_LENGTH, STREAMING_THRESHOLD, TRACING_ENABLED,
                COLLECT_SQL_QUERIES, TRACE_INCOMING_REQUESTS, CONTEXT_PROPAGATION, TRACE_ID_INJECTION,
                TRACE_ID_INJECTION_PREFIX, PLUGINS_ENABLED, AWS_SDK_VERSION, AWS_SERVICE_HANDLER_MANIFEST,
                LOG_LEVEL, MAX_DATAGRAM_BYTES, EMITTER_QUEUE_SIZE, SEGMENT_NAMING, DYNAMIC_NAMING_RECOGNIZED_HOSTS);
        ALL = Collections.unmodifiableList(all);
    }

    /** The instrumentation set grows over time, so any well-formed switch is known. */
    private static final Pattern INSTRUMENTATION_SWITCH = Pattern.compile("instrumentation\\.[A-Za-z0-9_-]+\\.enabled");

    private ConfigKeys() {
    }

    static ConfigKey instrumentationSwitch(String instrumentationName) {
        return new ConfigKey("instrumentation." + instrumentationName + ".enabled", null, null);
    }

    static ConfigKey named(String name) {
        for (ConfigKey key : ALL) {
            if (key.name.equals(name)) {
                return key;
            }
        }
        return null;
    }

    static boolean isKnown(String name) {
        return named(name) != null || INSTRUMENTATION_SWITCH.matcher(name).matches();
    }

    /** The known key that differs only in case, to suggest it; null if there is none. */
    static String caseInsensitiveMatch(String name) {
        for (ConfigKey key : ALL) {
            if (key.name.equalsIgnoreCase(name)) {
                return key.name;
            }
        }
        return null;
    }
}
