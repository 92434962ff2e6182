package io.xrayagent.benchmarks.overhead;

import io.xrayagent.benchmarks.process.AppClassPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark's settings. Defaults: 4 rounds (about 14 minutes); per start a warm-up of 200,000 requests (at
 * most 45 s), then 10 s of measured load; 2 hello-world starts per round and variant; 4 connections.
 * {@code --quick}: 1 round, 4 s of warm-up and 4 s measured, 1 hello world.
 *
 * @param warmupRequests requests the application serves before the measured load: the JIT compiles by invocation
 *     counts, so a variant that serves fewer requests per second needs longer to warm up as far
 * @param warmupSeconds the longest the warm-up may take
 * @param xrayAgent xray-agent's jar; by default the one built beside this module, with the same build directory
 * @param otelAgent the OpenTelemetry Java agent's jar; by default the one Maven copied into the build directory
 * @param variants the keys of the variants to run ({@link Variant}); they run in the order of {@link Variant#all}
 * @param jfrDir when set, every application start records a JFR profile there (figures then include its cost)
 * @param jfrSettings the recordings' settings: {@code profile} (the JDK's), or a .jfc file, e.g. with a shorter
 *     sampling period
 */
record Options(boolean quick, int rounds, int warmupRequests, int warmupSeconds, int measureSeconds, int helloRuns, int connections,
        Path xrayAgent, Path otelAgent, Path javaHome, List<String> variants, Path jfrDir, String jfrSettings) {

    static final String USAGE = "usage: OverheadBenchmark [--quick] [--rounds N] [--warmup-requests N] [--warmup MAX_SECONDS]"
            + " [--measure SECONDS]"
            + " [--hello N] [--connections N] [--agent XRAY_AGENT_JAR] [--otel OTEL_AGENT_JAR] [--java JAVA_HOME]"
            + " [--variants none,xray-all,xray-default,otel] [--jfr DIR [--jfr-settings profile|FILE.jfc]]";

    static Options parse(String... args) throws IOException {
        boolean quick = List.of(args).contains("--quick");
        int rounds = quick ? 1 : 4;
        int warmupRequests = quick ? 0 : 200_000;
        int warmup = quick ? 4 : 45;
        int measure = quick ? 4 : 10;
        int hello = quick ? 1 : 2;
        int connections = 4;
        Path buildDir = AppClassPath.codeSource(Options.class).getParent();
        Path xray = null;
        Path otel = null;
        Path javaHome = Path.of(System.getProperty("java.home"));
        List<String> variants = null;
        Path jfr = null;
        String jfrSettings = "profile";
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--quick")) {
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
            }
            String value = args[++i];
            switch (option) {
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--warmup-requests" -> warmupRequests = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--measure" -> measure = Integer.parseInt(value);
                case "--hello" -> hello = Integer.parseInt(value);
                case "--connections" -> connections = Integer.parseInt(value);
                case "--agent" -> xray = Path.of(value);
                case "--otel" -> otel = Path.of(value);
                case "--java" -> javaHome = Path.of(value);
                case "--variants" -> variants = List.of(value.split(","));
                case "--jfr" -> jfr = Path.of(value);
                case "--jfr-settings" -> jfrSettings = value;
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        List<String> known = List.of(Variant.NO_AGENT, Variant.XRAY_ALL, Variant.XRAY_DEFAULT, Variant.OTEL);
        if (variants == null) {
            variants = known;
        }
        if (variants.isEmpty() || !known.containsAll(variants)) {
            throw new IllegalArgumentException("--variants takes a list of " + known + "\n" + USAGE);
        }
        if (xray == null) {
            // benchmarks/<build dir>/benchmarks.jar (or classes/) -> agent/<build dir>/xray-agent.jar
            xray = buildDir.getParent().resolveSibling("agent").resolve(buildDir.getFileName()).resolve("xray-agent.jar");
        }
        if (otel == null) {
            otel = onlyJar(buildDir.resolve("peers"));
        }
        for (Path jar : List.of(xray, otel)) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no agent jar at " + jar.toAbsolutePath()
                        + " (build with ./mvnw -pl benchmarks -am package, or give --agent/--otel)");
            }
        }
        return new Options(quick, rounds, warmupRequests, warmup, measure, hello, connections, xray.toAbsolutePath(),
                otel.toAbsolutePath(), javaHome, variants, jfr, jfrSettings);
    }

    private static Path onlyJar(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return dir.resolve("opentelemetry-javaagent.jar");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> jars = new ArrayList<>(files.filter(f -> f.getFileName().toString().startsWith("opentelemetry-javaagent"))
                    .toList());
            if (jars.size() != 1) {
                throw new IllegalArgumentException("expected one OpenTelemetry agent jar in " + dir + ", found " + jars);
            }
            return jars.get(0);
        }
    }

    String describe() {
        String warmup = warmupRequests > 0
                ? String.format("a warm-up of %,d requests (at most %d s)", warmupRequests, warmupSeconds)
                : String.format("%d s of warm-up", warmupSeconds);
        return String.format("%s: %d round(s); per start %s, then %d s measured; %d hello-world start(s) per round;"
                + " wrk, 1 thread, %d connections", quick ? "quick mode" : "default mode", rounds, warmup, measureSeconds,
                helloRuns, connections);
    }
}
