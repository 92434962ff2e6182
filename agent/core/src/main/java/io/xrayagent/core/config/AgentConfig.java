package io.xrayagent.core.config;

import io.xrayagent.core.log.AgentLog;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The agent's effective configuration, immutable once loaded.
 *
 * <p>Sources, highest precedence first: agent arguments, system properties, environment variables,
 * {@code xray-agent.json}, defaults. A bad value never stops the application: it is reported and the next
 * source's value, or the default, is used.
 */
public final class AgentConfig {
    private final String serviceName;
    private final ContextMissingStrategy contextMissingStrategy;
    private final DaemonAddress daemonAddress;
    private final SamplingStrategy samplingStrategy;
    private final String samplingRulesManifest;
    private final int maxStackTraceLength;
    private final int streamingThreshold;
    private final boolean tracingEnabled;
    private final boolean collectSqlQueries;
    private final boolean traceIncomingRequests;
    private final boolean contextPropagation;
    private final boolean traceIdInjection;
    private final String traceIdInjectionPrefix;
    private final boolean pluginsEnabled;
    private final int awsSdkVersion;
    private final String awsServiceHandlerManifest;
    private final AgentLog.Level logLevel;
    private final int maxDatagramBytes;
    private final int emitterQueueSize;
    private final SegmentNamingStrategy segmentNaming;
    private final String dynamicNamingRecognizedHosts;
    private final String configFileUsed;
    private final SettingResolver resolver;
    private final ConcurrentMap<String, Boolean> instrumentationSwitches = new ConcurrentHashMap<String, Boolean>();

    private AgentConfig(Builder b) {
        serviceName = b.serviceName;
        contextMissingStrategy = b.contextMissingStrategy;
        daemonAddress = b.daemonAddress;
        samplingStrategy = b.samplingStrategy;
        samplingRulesManifest = b.samplingRulesManifest;
        maxStackTraceLength = b.maxStackTraceLength;
        streamingThreshold = b.streamingThreshold;
        tracingEnabled = b.tracingEnabled;
        collectSqlQueries = b.collectSqlQueries;
        traceIncomingRequests = b.traceIncomingRequests;
        contextPropagation = b.contextPropagation;
        traceIdInjection = b.traceIdInjection;
        traceIdInjectionPrefix = b.traceIdInjectionPrefix;
        pluginsEnabled = b.pluginsEnabled;
        awsSdkVersion = b.awsSdkVersion;
        awsServiceHandlerManifest = b.awsServiceHandlerManifest;
        logLevel = b.logLevel;
        maxDatagramBytes = b.maxDatagramBytes;
        emitterQueueSize = b.emitterQueueSize;
        segmentNaming = b.segmentNaming;
        dynamicNamingRecognizedHosts = b.dynamicNamingRecognizedHosts;
        configFileUsed = b.resolver.sources().fileDescription();
        resolver = b.resolver;
    }

    public static AgentConfig defaults() {
        return new Builder().build();
    }

    /**
     * Builds the configuration from all sources. Never throws: each bad value gets one warning naming the key,
     * the value and what is used instead. Any argument may be null.
     *
     * @param resourceLoader where to look for {@code xray-agent.json} as a class-path resource
     */
    public static AgentConfig load(String agentArgs, Map<String, String> systemProperties,
            Map<String, String> environment, ClassLoader resourceLoader) {
        try {
            return new AgentConfigLoader(agentArgs, systemProperties, environment, resourceLoader).load();
        } catch (RuntimeException e) {
            AgentLog.error("could not read the agent configuration; using the defaults", e);
            return defaults();
        }
    }

    public String serviceName() {
        return serviceName;
    }

    public ContextMissingStrategy contextMissingStrategy() {
        return contextMissingStrategy;
    }

    public DaemonAddress daemonAddress() {
        return daemonAddress;
    }

    public SamplingStrategy samplingStrategy() {
        return samplingStrategy;
    }

    /** Null for the built-in rules; otherwise a file path or class-path resource, resolved by the sampler. */
    public String samplingRulesManifest() {
        return samplingRulesManifest;
    }

    public int maxStackTraceLength() {
        return maxStackTraceLength;
    }

    public int streamingThreshold() {
        return streamingThreshold;
    }

    public boolean tracingEnabled() {
        return tracingEnabled;
    }

    public boolean collectSqlQueries() {
        return collectSqlQueries;
    }

    public boolean traceIncomingRequests() {
        return traceIncomingRequests;
    }

    public boolean contextPropagation() {
        return contextPropagation;
    }

    public boolean traceIdInjection() {
        return traceIdInjection;
    }

    public String traceIdInjectionPrefix() {
        return traceIdInjectionPrefix;
    }

    public boolean pluginsEnabled() {
        return pluginsEnabled;
    }

    public int awsSdkVersion() {
        return awsSdkVersion;
    }

    /** Null for the built-in parameter whitelist. */
    public String awsServiceHandlerManifest() {
        return awsServiceHandlerManifest;
    }

    /** For the caller to apply: loading the configuration must not change the log level as a side effect. */
    public AgentLog.Level logLevel() {
        return logLevel;
    }

    public int maxDatagramBytes() {
        return maxDatagramBytes;
    }

    public int emitterQueueSize() {
        return emitterQueueSize;
    }

    public SegmentNamingStrategy segmentNaming() {
        return segmentNaming;
    }

    /** The Host header pattern that dynamic naming accepts as a segment name. */
    public String dynamicNamingRecognizedHosts() {
        return dynamicNamingRecognizedHosts;
    }

    /**
     * Whether the named instrumentation (e.g. {@code jdk-httpserver}) may be installed: key
     * {@code instrumentation.<name>.enabled}, default true.
     *
     * <p>Resolved on first request and remembered, because the set of names is open and the environment
     * variable cannot be mapped back to a name: {@code XRAY_AGENT_INSTRUMENTATION_JDK_HTTPSERVER_ENABLED}
     * could stand for {@code jdk-httpserver} or {@code jdk_httpserver}.
     */
    public boolean instrumentationEnabled(String name) {
        Boolean enabled = instrumentationSwitches.get(name);
        if (enabled == null) {
            enabled = resolver.resolve(ConfigKeys.instrumentationSwitch(name), ValueTypes.BOOLEAN, Boolean.TRUE);
            Boolean earlier = instrumentationSwitches.putIfAbsent(name, enabled);
            if (earlier != null) {
                enabled = earlier;
            }
        }
        return enabled;
    }

    /**
     * The raw text behind a key, null if unset. For a typed key this is the setting actually used (null
     * when its default applies); for any other key it is the highest-precedence value set, unchecked.
     */
    public String get(String key) {
        Setting used = resolver.chosen(key);
        if (used != null) {
            return used.value;
        }
        if (ConfigKeys.named(key) != null) {
            return null;
        }
        List<Setting> candidates = resolver.sources().candidates(new ConfigKey(key, null, null));
        return candidates.isEmpty() ? null : candidates.get(0).value;
    }

    /** Where {@code xray-agent.json} was read from, or null if none was used. */
    public String configFileUsed() {
        return configFileUsed;
    }

    @Override
    public String toString() {
        return "serviceName=" + serviceName + ", daemonAddress=" + daemonAddress
                + ", samplingStrategy=" + samplingStrategy + ", tracingEnabled=" + tracingEnabled
                + ", contextMissingStrategy=" + contextMissingStrategy + ", logLevel=" + logLevel
                + (configFileUsed == null ? "" : ", configFile=" + configFileUsed);
    }

    /** Holds the defaults until the loader overwrites them; fields are set by {@link AgentConfigLoader}. */
    static final class Builder {
        String serviceName = "XRayInstrumentedService";
        ContextMissingStrategy contextMissingStrategy = ContextMissingStrategy.LOG_ERROR;
        DaemonAddress daemonAddress = DaemonAddress.DEFAULT;
        SamplingStrategy samplingStrategy = SamplingStrategy.CENTRAL;
        String samplingRulesManifest;
        int maxStackTraceLength = 50;
        int streamingThreshold = 100;
        boolean tracingEnabled = true;
        boolean collectSqlQueries;
        boolean traceIncomingRequests = true;
        boolean contextPropagation = true;
        boolean traceIdInjection = true;
        String traceIdInjectionPrefix = "";
        boolean pluginsEnabled = true;
        int awsSdkVersion = 2;
        String awsServiceHandlerManifest;
        AgentLog.Level logLevel = AgentLog.Level.INFO;
        int maxDatagramBytes = 64512;
        int emitterQueueSize = 2048;
        SegmentNamingStrategy segmentNaming = SegmentNamingStrategy.FIXED;
        String dynamicNamingRecognizedHosts = "*";
        SettingResolver resolver = new SettingResolver(ConfigSources.EMPTY);

        AgentConfig build() {
            return new AgentConfig(this);
        }
    }
}
