package io.xrayagent.benchmarks.overhead;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a tracing agent costs a small servlet application (issue 6): the bookstore application
 * ({@link io.xrayagent.benchmarks.apps.BookstoreApp}: Tomcat, one H2 query and one outgoing HTTP call per
 * request) started as a separate JVM with no agent, with xray-agent at 100% and at default sampling, and with the
 * OpenTelemetry Java agent, in rounds of A, B, C, D so that drift of the machine affects all alike. Prints the
 * figures of every start, then one markdown table of medians.
 *
 * <pre>
 * ./mvnw -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.xrayagent.benchmarks.overhead.OverheadBenchmark [--quick]
 * </pre>
 *
 * See {@link Options} for the settings; benchmarks/README.md for how to read the figures.
 */
public final class OverheadBenchmark {
    private OverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String table = run(options, System.out);
        System.out.println();
        System.out.println(table);
    }

    /** Runs every round, logging each start's figures to {@code log}, and returns the markdown table. */
    static String run(Options options, PrintStream log) throws IOException, InterruptedException {
        Wrk.checkInstalled();
        Instant start = Instant.now();
        log.println("overhead benchmark, " + options.describe());
        log.println(MachineDescription.describe(options.javaHome()));
        boolean pinned = CpuAffinity.available();
        if (!pinned) {
            log.println("only one CPU: the application and the load share it (figures are not comparable with pinned runs)");
        }
        Path workDir = Files.createTempDirectory("overhead-benchmark");
        boolean succeeded = false;
        CpuAffinity affinity = pinned ? CpuAffinity.pinThisJvmToLoadCpu() : null;
        try (DaemonStandIn daemon = DaemonStandIn.start(); PriceService prices = PriceService.start()) {
            List<Variant> variants = new ArrayList<>();
            for (Variant variant : Variant.all(options.xrayAgent(), options.otelAgent(), daemon.port())) {
                if (options.variants().contains(variant.key())) {
                    variants.add(variant);
                }
            }
            JvmLauncher launcher = new JvmLauncher(options.javaHome(), pinned ? CpuAffinity.APPLICATION_CPU : null, workDir);
            Wrk wrk = new Wrk(options.connections(), pinned ? CpuAffinity.LOAD_CPU : null);
            ApplicationRun runs = new ApplicationRun(launcher, wrk, daemon, prices.port());
            ResultTable table = new ResultTable(variants);
            for (int round = 1; round <= options.rounds(); round++) {
                for (Variant variant : variants) {
                    for (int i = 0; i < options.helloRuns(); i++) {
                        double millis = runs.helloWorld(variant);
                        table.addHelloWorld(variant, millis);
                        log.printf("round %d, %s: hello world %.0f ms%n", round, variant.name(), millis);
                    }
                    RunFigures figures = runs.application(variant, jfr(options, variant, round), options.warmupRequests(),
                            options.warmupSeconds(), options.measureSeconds());
                    table.add(variant, figures);
                    log.printf("round %d, %s: %s%n", round, variant.name(), figures.raw());
                }
            }
            log.printf("finished in %d s; %s%n", ChronoUnit.SECONDS.between(start, Instant.now()),
                    MachineDescription.loadAverage());
            succeeded = true;
            return table.markdown();
        } finally {
            if (affinity != null) {
                affinity.close();
            }
            if (succeeded) {
                deleteTree(workDir);
            } else {
                log.println("the applications' output is kept in " + workDir);
            }
        }
    }

    private static List<String> jfr(Options options, Variant variant, int round) {
        if (options.jfrDir() == null) {
            return List.of();
        }
        Path file = options.jfrDir().toAbsolutePath().resolve(variant.key() + "-round" + round + ".jfr");
        return List.of("-XX:StartFlightRecording=filename=" + file + ",settings=" + options.jfrSettings());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
