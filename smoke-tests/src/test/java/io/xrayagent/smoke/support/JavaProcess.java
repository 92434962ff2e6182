package io.xrayagent.smoke.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A separate JVM, started the way users start theirs, with its output kept in files for assertions. */
public final class JavaProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("LISTENING (\\d+)");

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final String description;

    private JavaProcess(Process process, Path stdout, Path stderr, String description) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.description = description;
    }

    public static Builder on(Path javaHome) {
        return new Builder(javaHome);
    }

    /** The built agent jar (agent/target/xray-agent.jar). */
    public static Path agentJar() {
        String configured = System.getProperty("xrayagent.jar");
        Path jar = configured != null ? Paths.get(configured) : Paths.get("../agent/target/xray-agent.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the agent jar is not built: " + jar.toAbsolutePath()
                    + " (run ./mvnw verify from the repository root)");
        }
        return jar.toAbsolutePath();
    }

    /** The compiled sample applications (this module's test classes). */
    public static String appClasses() {
        return Paths.get(System.getProperty("smoke.apps.classes", "target/test-classes")).toAbsolutePath().toString();
    }

    public static Path workDir() {
        Path dir = Paths.get(System.getProperty("smoke.build.dir", "target"), "smoke-runs");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return dir;
    }

    /** Waits for the application's {@code LISTENING <port>} line and returns the port. */
    public int awaitPort(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = LISTENING.matcher(stdout());
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(description + " exited with " + process.exitValue() + "\nstdout:\n"
                        + stdout() + "\nstderr:\n" + stderr());
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(description + " did not listen within " + timeout + "\nstdout:\n" + stdout()
                + "\nstderr:\n" + stderr());
    }

    /** Waits for the process to exit and returns its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(description + " still runs after " + timeout + "\nstdout:\n" + stdout()
                    + "\nstderr:\n" + stderr());
        }
        return process.exitValue();
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    /** Lines the agent printed: those that start with {@code [xray-agent]}. */
    public List<String> agentLines() {
        List<String> lines = new ArrayList<>();
        for (String line : (stdout() + "\n" + stderr()).split("\n")) {
            if (line.startsWith("[xray-agent]")) {
                lines.add(line);
            }
        }
        return lines;
    }

    /** Lines with a warning of the JVM or the JDK, from whatever source. */
    public List<String> warningLines() {
        List<String> lines = new ArrayList<>();
        for (String line : stderr().split("\n")) {
            if (line.startsWith("WARNING") || line.contains("VM warning")) {
                lines.add(line);
            }
        }
        return lines;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? new String(Files.readAllBytes(file), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }

    public static final class Builder {
        private final Path javaHome;
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> command = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String classPath;
        private String name = "app";

        Builder(Path javaHome) {
            this.javaHome = javaHome;
            jvmArgs.add("-Xshare:auto");
            jvmArgs.add("-Dsun.net.httpserver.nodelay=true");
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        /** {@code -javaagent:<jar>[=args]}. */
        public Builder agent(Path jar, String args) {
            jvmArgs.add("-javaagent:" + jar + (args == null || args.isEmpty() ? "" : "=" + args));
            return this;
        }

        public Builder agent(String args) {
            return agent(agentJar(), args);
        }

        public Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        public Builder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        public Builder classPath(String... entries) {
            classPath = String.join(File.pathSeparator, entries);
            return this;
        }

        public Builder main(String mainClass, String... args) {
            command.clear();
            command.add(mainClass);
            command.addAll(List.of(args));
            return this;
        }

        /** Runs {@code java -jar <jar> args...}. */
        public Builder jar(Path jar, String... args) {
            command.clear();
            command.add("-jar");
            command.add(jar.toString());
            command.addAll(List.of(args));
            return this;
        }

        public JavaProcess start() throws IOException {
            List<String> full = new ArrayList<>();
            full.add(javaHome.resolve("bin").resolve("java").toString());
            full.addAll(jvmArgs);
            if (classPath != null) {
                full.add("-cp");
                full.add(classPath);
            }
            full.addAll(command);
            String tag = name + "-" + System.nanoTime();
            Path out = workDir().resolve(tag + ".out");
            Path err = workDir().resolve(tag + ".err");
            ProcessBuilder builder = new ProcessBuilder(full).redirectOutput(out.toFile()).redirectError(err.toFile());
            // Start from a clean slate: the developer's own JAVA_TOOL_OPTIONS or X-Ray settings must not leak in.
            builder.environment().keySet().removeIf(key -> key.startsWith("AWS_XRAY") || key.startsWith("XRAY_AGENT")
                    || key.equals("JAVA_TOOL_OPTIONS") || key.equals("JDK_JAVA_OPTIONS"));
            builder.environment().putAll(environment);
            return new JavaProcess(builder.start(), out, err, name + " " + full);
        }
    }
}
