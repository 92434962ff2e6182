package io.xrayagent.benchmarks.process;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole-process cost of the JDBC instrumentation per statement: JdbcHelloApp (JDK HTTP server, H2) in one JVM
 * per variant, requests of 0 and of 20 prepared queries; the process CPU (utime + stime from /proc) of the
 * 20-query requests less that of the empty ones, per query, compared with the same difference without the
 * agent. Variants run interleaved (A, B, C, D, A, ...) so that drift of the machine affects them alike.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.xrayagent.benchmarks.process.JdbcOverhead \
 *     agent/target/xray-agent.jar [rounds] [requests]
 * </pre>
 */
public final class JdbcOverhead {
    private static final int STATEMENTS = 20;

    private JdbcOverhead() {
    }

    public static void main(String[] args) throws Exception {
        Path agent = Paths.get(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 5000;
        String daemon = "daemonAddress=127.0.0.1:9";
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("no agent", List.of());
        variants.put("agent, 100% sampled", List.of("-javaagent:" + agent + "=samplingStrategy=ALL," + daemon));
        variants.put("agent, 100% sampled, collectSqlQueries", List.of("-javaagent:" + agent
                + "=samplingStrategy=ALL,collectSqlQueries=true," + daemon));
        variants.put("agent, none sampled", List.of("-javaagent:" + agent + "=samplingStrategy=NONE," + daemon));
        Map<String, List<Double>> perStatement = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
                double micros = run(variant.getValue(), requests);
                perStatement.computeIfAbsent(variant.getKey(), k -> new ArrayList<>()).add(micros);
                System.out.printf("round %d, %s: %.2f us of process CPU per statement%n", round + 1, variant.getKey(), micros);
            }
        }
        double base = PerUnitCpu.median(perStatement.get("no agent"));
        System.out.println("| variant | process CPU per statement (us), median [min-max] | agent's share per statement (us) |");
        System.out.println("|---|---|---|");
        for (Map.Entry<String, List<Double>> entry : perStatement.entrySet()) {
            double[] sorted = entry.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("| %s | %.2f [%.2f-%.2f] | %s |%n", entry.getKey(), PerUnitCpu.median(entry.getValue()), sorted[0],
                    sorted[sorted.length - 1], entry.getKey().equals("no agent") ? "-"
                            : String.format("%+.2f", PerUnitCpu.median(entry.getValue()) - base));
        }
    }

    /** Process CPU per statement: (CPU of requests with 20 queries - CPU of empty requests) / (20 x requests). */
    private static double run(List<String> agentArgs, int requests) throws Exception {
        return PerUnitCpu.measure(agentArgs, List.of("-cp", AppClassPath.of(org.h2.Driver.class),
                "io.xrayagent.benchmarks.apps.JdbcHelloApp", "0"), n -> "/q?n=" + n, STATEMENTS, requests);
    }
}
