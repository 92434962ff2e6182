package io.xrayagent.benchmarks.overhead;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts the measured JVMs: on the application's CPU, with a variant's arguments, output kept in files. */
final class JvmLauncher {
    private final Path javaBinary;
    private final String cpu;
    private final Path workDir;

    JvmLauncher(Path javaHome, String cpu, Path workDir) {
        this.javaBinary = javaHome.resolve("bin").resolve("java");
        this.cpu = cpu;
        this.workDir = workDir;
    }

    /** A started JVM and the files that receive its output. */
    record Started(Process process, Path stdout, Path stderr) {
        String output() {
            return read(stdout) + read(stderr);
        }

        private static String read(Path file) {
            try {
                return Files.readString(file);
            } catch (IOException e) {
                return "(" + file + " unreadable: " + e + ")\n";
            }
        }
    }

    Started start(String label, List<String> jvmArguments, String classPath, Class<?> main, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        if (cpu != null) {
            command.addAll(List.of("taskset", "-c", cpu));
        }
        command.add(javaBinary.toString());
        command.addAll(jvmArguments);
        command.addAll(List.of("-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        Path stdout = Files.createTempFile(workDir, label, ".out");
        Path stderr = Files.createTempFile(workDir, label, ".err");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        return new Started(process, stdout, stderr);
    }
}
