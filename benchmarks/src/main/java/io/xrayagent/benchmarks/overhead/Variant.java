package io.xrayagent.benchmarks.overhead;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One way of starting the application: with no agent, with xray-agent at 100% and at default sampling, or with
 * the OpenTelemetry Java agent with its exporters off (it still records every span, it sends none).
 *
 * @param key short name for {@code --variants}
 * @param agentJar the jar whose size the table shows; null with no agent
 * @param tracesToDaemon whether segments should reach the daemon stand-in
 */
record Variant(String key, String name, List<String> jvmArguments, Path agentJar, boolean tracesToDaemon) {
    static final String NO_AGENT = "none";
    static final String XRAY_ALL = "xray-all";
    static final String XRAY_DEFAULT = "xray-default";
    static final String OTEL = "otel";

    static List<Variant> all(Path xrayAgent, Path otelAgent, int daemonPort) {
        String daemon = "daemonAddress=127.0.0.1:" + daemonPort;
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant(NO_AGENT, "no agent", List.of(), null, false));
        variants.add(new Variant(XRAY_ALL, "xray-agent, 100% sampled",
                List.of("-javaagent:" + xrayAgent + "=samplingStrategy=ALL," + daemon), xrayAgent, true));
        variants.add(new Variant(XRAY_DEFAULT, "xray-agent, default sampling",
                List.of("-javaagent:" + xrayAgent + "=" + daemon), xrayAgent, true));
        variants.add(new Variant(OTEL, "OpenTelemetry " + otelVersion(otelAgent) + ", exporters none",
                List.of("-javaagent:" + otelAgent, "-Dotel.traces.exporter=none", "-Dotel.metrics.exporter=none",
                        "-Dotel.logs.exporter=none"),
                otelAgent, false));
        return variants;
    }

    /** The version in a Maven file name such as {@code opentelemetry-javaagent-2.33.1.jar}. */
    static String otelVersion(Path jar) {
        String name = jar.getFileName().toString();
        String prefix = "opentelemetry-javaagent-";
        return name.startsWith(prefix) && name.endsWith(".jar")
                ? name.substring(prefix.length(), name.length() - ".jar".length()) : "Java agent";
    }
}
