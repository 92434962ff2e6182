package io.xrayagent.benchmarks.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Properties;

/** The lines that make a run's figures comparable with another's: when, on what, under what load. */
final class MachineDescription {
    private MachineDescription() {
    }

    static String describe(Path javaHome) {
        return "date: " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\nmachine: " + cpuModel() + ", "
                + Runtime.getRuntime().availableProcessors() + " CPU(s) for this JVM, online " + read("/sys/devices/system/cpu/online")
                + ", memory " + memory() + "\napplication JDK: " + jdk(javaHome) + "\n" + loadAverage();
    }

    static String loadAverage() {
        String[] load = read("/proc/loadavg").split(" ");
        return load.length >= 3 ? "load average: " + load[0] + " " + load[1] + " " + load[2] : "load average: unknown";
    }

    private static String cpuModel() {
        for (String line : read("/proc/cpuinfo").split("\n")) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    private static String memory() {
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith("MemTotal:")) {
                long kb = Long.parseLong(line.replaceAll("\\D", ""));
                return String.format("%.1f GiB", kb / 1048576.0);
            }
        }
        return "unknown";
    }

    private static String jdk(Path javaHome) {
        Properties release = new Properties();
        try (var in = Files.newBufferedReader(javaHome.resolve("release"))) {
            release.load(in);
        } catch (IOException e) {
            return javaHome.toString();
        }
        return release.getProperty("IMPLEMENTOR", "").replace("\"", "") + " " + release.getProperty("JAVA_RUNTIME_VERSION",
                release.getProperty("JAVA_VERSION", "?")).replace("\"", "") + " (" + javaHome + ")";
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
