package io.xrayagent.benchmarks.process;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole-process cost of an HTTP-client instrumentation per outgoing call: the client's calls app
 * (JdkHttpClientCallsApp for {@code jdk-http-client}, OkHttpCallsApp for {@code okhttp}) in one JVM per
 * variant, requests of 0 and of 20 calls, in its sync and async modes; the process CPU (utime + stime from
 * /proc) of the 20-call requests less that of the empty ones, per call, compared with the same difference
 * without the agent. Variants run interleaved so that drift of the machine affects them alike.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.xrayagent.benchmarks.process.ClientCallOverhead \
 *     (jdk-http-client | okhttp) agent/target/xray-agent.jar [rounds] [requests]
 * </pre>
 */
public final class ClientCallOverhead {
    private static final int CALLS = 20;
    private static final Map<String, String> APPS = Map.of(
            "jdk-http-client", "io.xrayagent.benchmarks.apps.JdkHttpClientCallsApp",
            "okhttp", "io.xrayagent.benchmarks.apps.OkHttpCallsApp");

    private static String app;

    private ClientCallOverhead() {
    }

    public static void main(String[] args) throws Exception {
        app = APPS.get(args[0]);
        if (app == null) {
            throw new IllegalArgumentException("the client is one of " + APPS.keySet() + ", not " + args[0]);
        }
        Path agent = Paths.get(args[1]).toAbsolutePath();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        String daemon = "daemonAddress=127.0.0.1:9";
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("no agent", List.of());
        variants.put("agent, 100% sampled", List.of("-javaagent:" + agent + "=samplingStrategy=ALL," + daemon));
        variants.put("agent, none sampled", List.of("-javaagent:" + agent + "=samplingStrategy=NONE," + daemon));
        Map<String, List<Double>> perCall = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (String mode : new String[] {"sync", "async"}) {
                for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
                    double micros = run(variant.getValue(), mode, requests);
                    String key = mode + ", " + variant.getKey();
                    perCall.computeIfAbsent(key, k -> new ArrayList<>()).add(micros);
                    System.out.printf("round %d, %s: %.2f us of process CPU per call%n", round + 1, key, micros);
                }
            }
        }
        System.out.println("| mode, variant | process CPU per call (us), median [min-max] | agent's share per call (us) |");
        System.out.println("|---|---|---|");
        for (Map.Entry<String, List<Double>> entry : perCall.entrySet()) {
            String mode = entry.getKey().substring(0, entry.getKey().indexOf(','));
            double base = PerUnitCpu.median(perCall.get(mode + ", no agent"));
            double[] sorted = entry.getValue().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("| %s | %.1f [%.1f-%.1f] | %s |%n", entry.getKey(), PerUnitCpu.median(entry.getValue()), sorted[0],
                    sorted[sorted.length - 1], entry.getKey().endsWith("no agent") ? "-"
                            : String.format("%+.1f", PerUnitCpu.median(entry.getValue()) - base));
        }
    }

    /** Process CPU per call: (CPU of requests with 20 calls - CPU of empty requests) / (20 x requests). */
    private static double run(List<String> agentArgs, String mode, int requests) throws Exception {
        return PerUnitCpu.measure(agentArgs, List.of("-cp", ownJar(), app), n -> "/q?n=" + n + "&mode=" + mode,
                CALLS, requests);
    }

    private static String ownJar() throws Exception {
        return Paths.get(ClientCallOverhead.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
