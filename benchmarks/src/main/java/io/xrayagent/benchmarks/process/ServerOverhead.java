package io.xrayagent.benchmarks.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Whole-process overhead of the agent on a sample application: CPU time of the server process per request
 * (from /proc), with no agent, with the agent sampling every request, at its default sampling, and sampling
 * none; the time from JVM start to the first response; and throughput. Variants run interleaved (A, B, C,
 * A, B, C, ...) so that drift of the machine affects them alike.
 *
 * <p>The application is either the JDK-HTTP-server sample service (give the smoke tests' compiled classes) or
 * the embedded Tomcat 10.1 servlet application in this jar (give {@code tomcat}). With {@code -Dpin=true}
 * the server runs on CPU 0 (taskset); start this JVM on CPU 1 ({@code taskset -c 1 java ...}) so that load
 * and server do not share a core.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.xrayagent.benchmarks.process.ServerOverhead \
 *     agent/target/xray-agent.jar (smoke-tests/target/test-classes | tomcat) [rounds] [requests] [agent args...]
 * </pre>
 */
public final class ServerOverhead {
    private ServerOverhead() {
    }

    public static void main(String[] args) throws Exception {
        Path agent = Paths.get(args[0]).toAbsolutePath();
        List<String> app = args[1].equals("tomcat")
                ? List.of("-cp", AppClassPath.of(org.apache.catalina.startup.Tomcat.class, jakarta.servlet.Servlet.class,
                        jakarta.annotation.PostConstruct.class), "io.xrayagent.benchmarks.apps.TomcatHelloApp", "0")
                : List.of("-cp", Paths.get(args[1]).toAbsolutePath().toString(), "io.xrayagent.smoke.apps.HttpServiceApp", "0");
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 20000;
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("no agent", List.of());
        variants.put("agent, 100% sampled", List.of("-javaagent:" + agent + "=samplingStrategy=ALL,daemonAddress=127.0.0.1:9"));
        variants.put("agent, default sampling", List.of("-javaagent:" + agent + "=daemonAddress=127.0.0.1:9"));
        variants.put("agent, none sampled", List.of("-javaagent:" + agent + "=samplingStrategy=NONE,daemonAddress=127.0.0.1:9"));
        for (int i = 4; i < args.length; i++) {
            // Extra variants for profiling: agent arguments, e.g. "instrumentation.jdk-httpserver.enabled=false".
            variants.put("agent, " + args[i], List.of("-javaagent:" + agent + "=daemonAddress=127.0.0.1:9," + args[i]));
        }
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
                results.computeIfAbsent(variant.getKey(), k -> new ArrayList<>())
                        .add(run(variant.getValue(), app, requests));
            }
        }
        System.out.println("| variant | process CPU per request (us), median of " + rounds
                + " [min-max] | without JIT threads (us) [min-max] | start to first response (ms) | requests/s |");
        System.out.println("|---|---|---|---|---|");
        for (Map.Entry<String, List<double[]>> entry : results.entrySet()) {
            double[] cpu = column(entry.getValue(), 0);
            double[] noJit = column(entry.getValue(), 3);
            System.out.printf("| %s | %.1f [%.1f-%.1f] | %.1f [%.1f-%.1f] | %.0f | %.0f |%n", entry.getKey(), median(cpu),
                    cpu[0], cpu[cpu.length - 1], median(noJit), noJit[0], noJit[noJit.length - 1],
                    median(column(entry.getValue(), 1)), median(column(entry.getValue(), 2)));
        }
    }

    /** Returns {CPU us per request, ms from start to first response, requests per second}. */
    private static double[] run(List<String> agentArgs, List<String> app, int requests) throws Exception {
        List<String> command = new ArrayList<>();
        if (Boolean.getBoolean("pin")) {
            command.addAll(Arrays.asList("taskset", "-c", "0"));
        }
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dsun.net.httpserver.nodelay=true");
        command.addAll(agentArgs);
        command.addAll(app);
        Path out = Files.createTempFile("overhead", ".out");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            int port = awaitPort(out);
            while (status(port) != 200) {
                Thread.sleep(1);
            }
            double startupMs = (System.nanoTime() - started) / 1e6;
            // Warm-up: the JIT compiles for tens of thousands of requests on this server; measured before
            // it settles, its compiler threads dominate the figure.
            load(port, requests * 3);
            long[] before = cpuTicks(process.pid());
            long loadStart = System.nanoTime();
            load(port, requests);
            double seconds = (System.nanoTime() - loadStart) / 1e9;
            long[] after = cpuTicks(process.pid());
            double tick = ProcFs.MICROS_PER_TICK / requests;
            return new double[] {(after[0] - before[0]) * tick, startupMs, requests / seconds,
                (after[1] - before[1]) * tick};
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(out);
        }
    }

    private static void load(int port, int requests) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            done.add(clients.submit(() -> {
                for (int i = 0; i < requests / 2; i++) {
                    if (status(port) != 200) {
                        throw new IllegalStateException("request failed");
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        clients.shutdown();
    }

    private static int status(int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/hello").toURL()
                    .openConnection();
            int status = connection.getResponseCode();
            try (InputStream in = connection.getInputStream()) {
                in.readAllBytes();
            }
            return status;
        } catch (IOException e) {
            return -1;
        }
    }

    private static int awaitPort(Path out) throws Exception {
        for (int i = 0; i < 3000; i++) {
            String text = Files.readString(out);
            int at = text.indexOf("LISTENING ");
            if (at >= 0 && text.indexOf('\n', at) > 0) {
                return Integer.parseInt(text.substring(at + 10, text.indexOf('\n', at)).trim());
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("the application did not start");
    }

    /**
     * utime + stime in clock ticks, from /proc: of the whole process, and of its threads other than the JIT
     * compiler's (what the requests themselves cost, without compilation still going on).
     */
    private static long[] cpuTicks(long pid) throws IOException {
        long all = ProcFs.cpuTicks(pid);
        return new long[] {all, all - ProcFs.compilerThreadTicks(pid)};
    }

    private static double[] column(List<double[]> rows, int index) {
        double[] values = new double[rows.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rows.get(i)[index];
        }
        Arrays.sort(values);
        return values;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
