package io.xrayagent.benchmarks.overhead;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load: wrk (Debian's package), one thread and a fixed number of keep-alive connections, each sending its
 * next request as soon as the previous one is answered. Runs on the given CPU, away from the application's.
 */
final class Wrk {
    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE);
    private static final Pattern ERRORS = Pattern.compile("(Non-2xx or 3xx responses: \\d+|Socket errors: [^\\n]*)");

    /** Requests per second and latency percentiles of one wrk run. */
    record Result(double requestsPerSecond, double p50Millis, double p99Millis) {
    }

    private final int connections;
    private final String cpu;

    Wrk(int connections, String cpu) {
        this.connections = connections;
        this.cpu = cpu;
    }

    static void checkInstalled() throws InterruptedException {
        try {
            Process process = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            process.waitFor();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed; on Debian or Ubuntu: apt-get install wrk", e);
        }
    }

    Result run(String url, int seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (cpu != null) {
            command.addAll(List.of("taskset", "-c", cpu));
        }
        command.addAll(List.of("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "--latency", url));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("wrk failed:\n" + output);
        }
        return parse(output);
    }

    static Result parse(String output) {
        Matcher errors = ERRORS.matcher(output);
        if (errors.find()) {
            throw new IllegalStateException("wrk saw failed requests (" + errors.group(1) + "):\n" + output);
        }
        Matcher rate = REQUESTS_PER_SECOND.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("no Requests/sec in wrk's output:\n" + output);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double millis = toMillis(Double.parseDouble(percentile.group(2)), percentile.group(3));
            if (percentile.group(1).equals("50")) {
                p50 = millis;
            } else {
                p99 = millis;
            }
        }
        if (Double.isNaN(p50) || Double.isNaN(p99)) {
            throw new IllegalStateException("no latency distribution in wrk's output:\n" + output);
        }
        return new Result(Double.parseDouble(rate.group(1)), p50, p99);
    }

    private static double toMillis(double value, String unit) {
        return switch (unit) {
            case "us" -> value / 1000;
            case "ms" -> value;
            case "s" -> value * 1000;
            default -> value * 60_000;
        };
    }
}
