package io.xrayagent.benchmarks.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the application on one CPU and everything else (wrk, the price service, the daemon stand-in, this
 * JVM) on another, with {@code taskset}, so that the load does not compete with what it measures.
 */
final class CpuAffinity implements AutoCloseable {
    static final String APPLICATION_CPU = "0";
    static final String LOAD_CPU = "1";

    private final String originalMask;

    private CpuAffinity(String originalMask) {
        this.originalMask = originalMask;
    }

    /** Whether the machine has the two CPUs the split needs (this JVM may already be pinned to one). */
    static boolean available() throws IOException {
        String online = Files.readString(Path.of("/sys/devices/system/cpu/online")).trim();
        return !online.equals("0");
    }

    /** Moves every thread of this JVM to the load CPU; threads started later inherit it. */
    static CpuAffinity pinThisJvmToLoadCpu() throws IOException, InterruptedException {
        String pid = Long.toString(ProcessHandle.current().pid());
        String current = taskset("-p", pid);
        String mask = current.substring(current.lastIndexOf(':') + 1).trim();
        taskset("-a", "-p", "-c", LOAD_CPU, pid);
        return new CpuAffinity(mask);
    }

    /** Gives this JVM's threads back the CPUs they had. */
    @Override
    public void close() throws IOException {
        try {
            taskset("-a", "-p", originalMask, Long.toString(ProcessHandle.current().pid()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while restoring the CPU affinity", e);
        }
    }

    private static String taskset(String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = "taskset";
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
