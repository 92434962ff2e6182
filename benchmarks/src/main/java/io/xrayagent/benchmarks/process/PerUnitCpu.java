package io.xrayagent.benchmarks.process;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The method shared by the whole-process runners that price one unit of work (a JDBC statement, an outgoing
 * call): an application that prints {@code LISTENING <port>} is started in its own JVM and warmed up; then
 * the process CPU (utime + stime from /proc) of requests doing N units, less that of requests doing none,
 * divided by N x requests.
 */
final class PerUnitCpu {
    private PerUnitCpu() {
    }

    /**
     * @param jvmArguments agent and other options
     * @param application class path, main class and its arguments
     * @param path the request path doing {@code n} units
     */
    static double measure(List<String> jvmArguments, List<String> application, IntFunction<String> path, int units,
            int requests) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dsun.net.httpserver.nodelay=true");
        command.addAll(jvmArguments);
        command.addAll(application);
        Path out = Files.createTempFile("per-unit-cpu", ".out");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            URI full = URI.create("http://127.0.0.1:" + awaitPort(out) + path.apply(units));
            URI empty = full.resolve(path.apply(0));
            get(full, requests * 2);
            get(empty, requests * 2);
            long start = ProcFs.cpuTicks(process.pid());
            get(empty, requests);
            long emptyTicks = ProcFs.cpuTicks(process.pid()) - start;
            start = ProcFs.cpuTicks(process.pid());
            get(full, requests);
            long fullTicks = ProcFs.cpuTicks(process.pid()) - start;
            return (fullTicks - emptyTicks) * ProcFs.MICROS_PER_TICK / ((double) units * requests);
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(out);
        }
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static void get(URI uri, int requests) throws IOException {
        for (int i = 0; i < requests; i++) {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            if (connection.getResponseCode() != 200) {
                throw new IllegalStateException("status " + connection.getResponseCode());
            }
            try (InputStream in = connection.getInputStream()) {
                in.readAllBytes();
            }
        }
    }

    private static int awaitPort(Path out) throws Exception {
        for (int i = 0; i < 600; i++) {
            for (String line : Files.readAllLines(out)) {
                if (line.startsWith("LISTENING ")) {
                    return Integer.parseInt(line.substring("LISTENING ".length()).trim());
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the application did not start");
    }
}
