package io.xrayagent.benchmarks.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

/** What Linux's /proc says about another process: the CPU time and memory of the measured application. */
public final class ProcFs {
    /** USER_HZ: /proc counts CPU time in ticks of 10 ms on every Linux architecture the benchmarks run on. */
    public static final double MICROS_PER_TICK = 10_000;

    private ProcFs() {
    }

    /** utime + stime of the whole process (all its threads, also those that ended), in clock ticks. */
    public static long cpuTicks(long pid) throws IOException {
        return cpuTicks(Paths.get("/proc", Long.toString(pid), "stat"));
    }

    /** utime + stime from a {@code stat} file of /proc: a process's, or one thread's under {@code task/}. */
    public static long cpuTicks(Path statFile) throws IOException {
        String stat = Files.readString(statFile);
        // The command name in parentheses may contain spaces: fields are counted after its closing parenthesis.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * utime + stime of the JIT compiler's threads, in clock ticks: the part of a process's CPU time that goes
     * to compiling rather than to the requests, large while a JVM has not finished warming up.
     */
    public static long compilerThreadTicks(long pid) throws IOException {
        return threadTicks(pid, "CompilerThre");
    }

    /**
     * utime + stime of the live threads whose name contains {@code namePart}, in clock ticks. Linux keeps the first
     * 15 characters of a thread's name.
     */
    public static long threadTicks(long pid, String namePart) throws IOException {
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(Paths.get("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (Files.readString(task.resolve("comm")).contains(namePart)) {
                        ticks += cpuTicks(task.resolve("stat"));
                    }
                } catch (IOException threadEnded) {
                    // A thread that ended between the listing and the read.
                }
            }
        }
        return ticks;
    }

    /** The resident set size (VmRSS) in bytes. */
    public static long rssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim()) * 1024;
            }
        }
        throw new IOException("no VmRSS line for process " + pid);
    }
}
