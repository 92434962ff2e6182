package io.xrayagent.benchmarks.overhead;

import io.xrayagent.benchmarks.apps.BookstoreApp;
import io.xrayagent.benchmarks.apps.HelloWorld;
import io.xrayagent.benchmarks.process.AppClassPath;
import io.xrayagent.benchmarks.process.ProcFs;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One start of one variant: of the bookstore application (start-up, load, costs) or of the hello-world main. */
final class ApplicationRun {
    private static final Pattern STAT = Pattern.compile("\"(\\w+)\":(\\d+)");
    /** xray-agent's thread that serializes and sends segments, as /proc shows its name (15 characters at most). */
    private static final String XRAY_SENDER_THREAD = "xray-agent-emit";
    private static final long STARTUP_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(120);

    private final JvmLauncher launcher;
    private final Wrk wrk;
    private final DaemonStandIn daemon;
    private final int pricePort;
    private final String classPath;

    ApplicationRun(JvmLauncher launcher, Wrk wrk, DaemonStandIn daemon, int pricePort) {
        this.launcher = launcher;
        this.wrk = wrk;
        this.daemon = daemon;
        this.pricePort = pricePort;
        // HelloWorld lives beside the application: the same class path, though it loads none of the libraries.
        this.classPath = AppClassPath.of(org.apache.catalina.startup.Tomcat.class, jakarta.servlet.Servlet.class,
                jakarta.annotation.PostConstruct.class, org.h2.Driver.class, com.zaxxer.hikari.HikariDataSource.class,
                org.slf4j.LoggerFactory.class, org.slf4j.nop.NOPServiceProvider.class);
    }

    /** Milliseconds from starting the JVM to its exit. */
    double helloWorld(Variant variant) throws IOException, InterruptedException {
        long started = System.nanoTime();
        JvmLauncher.Started jvm = launcher.start("hello-" + variant.key(), variant.jvmArguments(), classPath, HelloWorld.class);
        if (!jvm.process().waitFor(2, TimeUnit.MINUTES)) {
            jvm.process().destroyForcibly();
            throw new IllegalStateException("hello world did not exit with " + variant.name());
        }
        double millis = (System.nanoTime() - started) / 1e6;
        if (jvm.process().exitValue() != 0 || !jvm.output().contains("hello")) {
            throw new IllegalStateException("hello world failed with " + variant.name() + ":\n" + jvm.output());
        }
        return millis;
    }

    RunFigures application(Variant variant, List<String> extraJvmArguments, int warmupRequests, int warmupSeconds,
            int measureSeconds) throws IOException, InterruptedException {
        int port = freePort();
        URI book = URI.create("http://127.0.0.1:" + port + "/book?id=42");
        URI stats = URI.create("http://127.0.0.1:" + port + "/stats");
        List<String> jvmArguments = new ArrayList<>(variant.jvmArguments());
        jvmArguments.addAll(extraJvmArguments);
        long segmentsBefore = daemon.segments();
        long started = System.nanoTime();
        JvmLauncher.Started jvm = launcher.start("app-" + variant.key(), jvmArguments, classPath, BookstoreApp.class,
                Integer.toString(port), Integer.toString(pricePort));
        try {
            while (get(book) != 200) {
                if (!jvm.process().isAlive() || System.nanoTime() - started > STARTUP_TIMEOUT_NANOS) {
                    throw new IllegalStateException("the application did not answer with " + variant.name() + ":\n"
                            + jvm.output());
                }
                Thread.sleep(2);
            }
            double startupMillis = (System.nanoTime() - started) / 1e6;

            long pid = jvm.process().pid();
            long[] before = warmUp(book, stats, warmupRequests, warmupSeconds);
            long cpuBefore = ProcFs.cpuTicks(pid);
            long jitBefore = ProcFs.compilerThreadTicks(pid);
            long senderBefore = ProcFs.threadTicks(pid, XRAY_SENDER_THREAD);
            Wrk.Result load = wrk.run(book.toString(), measureSeconds);
            long cpuAfter = ProcFs.cpuTicks(pid);
            long jitAfter = ProcFs.compilerThreadTicks(pid);
            long senderAfter = ProcFs.threadTicks(pid, XRAY_SENDER_THREAD);
            long[] after = stats(stats);
            long rss = ProcFs.rssBytes(pid);
            // Everything between the two statistics requests but the second one itself.
            long measured = after[0] - before[0] - 1;
            // The agent's sender thread sends within tens of milliseconds of a request's end.
            Thread.sleep(500);
            return new RunFigures(startupMillis, before[0], load.requestsPerSecond(), load.p50Millis(), load.p99Millis(),
                    (cpuAfter - cpuBefore) * ProcFs.MICROS_PER_TICK / measured,
                    (jitAfter - jitBefore) * ProcFs.MICROS_PER_TICK / measured,
                    (senderAfter - senderBefore) * ProcFs.MICROS_PER_TICK / measured, (double) (after[1] - before[1]) / measured,
                    rss, after[2], daemon.segments() - segmentsBefore, after[0]);
        } catch (RuntimeException | IOException e) {
            throw new IllegalStateException(variant.name() + ": " + e.getMessage() + "\napplication output:\n" + jvm.output(), e);
        } finally {
            jvm.process().destroy();
            if (!jvm.process().waitFor(20, TimeUnit.SECONDS)) {
                jvm.process().destroyForcibly().waitFor();
            }
        }
    }

    /** wrk in runs of at most 5 s until the application has served enough requests or the time is up; the stats then. */
    private long[] warmUp(URI book, URI stats, int requests, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime() + 999_999_999L);
            if (left <= 0) {
                return stats(stats);
            }
            wrk.run(book.toString(), (int) Math.min(5, left));
            long[] now = stats(stats);
            if (now[0] >= requests) {
                return now;
            }
        }
    }

    /** {requests served, bytes allocated by live threads, loaded classes}, from the application's /stats. */
    private static long[] stats(URI stats) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) stats.toURL().openConnection();
        String body;
        try (InputStream in = connection.getInputStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        long[] values = new long[3];
        Matcher field = STAT.matcher(body);
        int found = 0;
        while (field.find()) {
            int index = List.of("requests", "allocatedBytes", "loadedClasses").indexOf(field.group(1));
            if (index >= 0) {
                values[index] = Long.parseLong(field.group(2));
                found++;
            }
        }
        if (found != 3) {
            throw new IOException("unexpected /stats answer: " + body);
        }
        return values;
    }

    private static int get(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(30_000);
            int status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            return status;
        } catch (IOException notYet) {
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
