package io.xrayagent.instrumentation.okhttp;

import io.xrayagent.benchmarks.Fixtures;
import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.core.config.DaemonAddress;
import io.xrayagent.core.emit.AgentIdentity;
import io.xrayagent.core.emit.UdpEmitter;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.UnsampledTrace;
import io.xrayagent.core.trace.Tracer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Not a JMH benchmark: the calls of {@link OkHttpCallBenchmark} measured by CPU clock, which other work on
 * a shared machine disturbs far less than JMH's wall-clock scores. Two clocks per variant: the calling
 * thread's, and the whole JVM's (the emitter thread serializing and sending the subsegments to a local socket
 * nobody reads, and the collector of what the calls allocated, included). Variants run interleaved, rounds
 * after warm-up rounds; the medians are printed.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.xrayagent.instrumentation.okhttp.OkHttpCallCpuTime [rounds] [calls]
 * </pre>
 */
public final class OkHttpCallCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    /** Calls per segment: a request making a few calls, the segment sent as one document. */
    private static final int CALLS_PER_SEGMENT = 10;

    private OkHttpCallCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        try (DatagramSocket daemon = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            UdpEmitter emitter = new UdpEmitter(DaemonAddress.parse("127.0.0.1:" + daemon.getLocalPort()), 2048,
                    64512, AgentIdentity.ofThisJvm("benchmark"));
            Tracer tracer = Fixtures.tracer(emitter);
            OkHttpFixture fixture = new OkHttpFixture(tracer);
            Map<String, Variant> variants = new LinkedHashMap<>();
            variants.put("plain call (no agent interceptor)", () -> call(fixture.plain, fixture));
            variants.put("traced call, sampled", new Sampled(tracer, fixture));
            variants.put("traced call, unsampled", new Unsampled(fixture));
            Map<String, List<double[]>> results = new LinkedHashMap<>();
            for (int round = -2; round < rounds; round++) {
                for (Map.Entry<String, Variant> variant : variants.entrySet()) {
                    double[] perCall = measure(variant.getValue(), emitter, calls);
                    if (round >= 0) {
                        results.computeIfAbsent(variant.getKey(), k -> new ArrayList<>()).add(perCall);
                        System.out.printf("round %d, %s: thread %.0f ns, process %.0f ns per call%n", round + 1,
                                variant.getKey(), perCall[0], perCall[1]);
                    }
                }
            }
            double[] base = medians(results.get("plain call (no agent interceptor)"));
            System.out.println("| variant | thread CPU per call (ns) | process CPU per call (ns) | agent's share: thread / process (ns) |");
            System.out.println("|---|---:|---:|---:|");
            for (Map.Entry<String, List<double[]>> entry : results.entrySet()) {
                double[] median = medians(entry.getValue());
                boolean isBase = entry.getKey().startsWith("plain");
                System.out.printf("| %s | %,.0f | %,.0f | %s |%n", entry.getKey(), median[0], median[1],
                        isBase ? "-" : String.format("%+,.0f / %+,.0f", median[0] - base[0], median[1] - base[1]));
            }
            emitter.shutdown(1, TimeUnit.SECONDS);
        }
        OkHttpFixture.uninstall();
    }

    interface Variant {
        void call() throws IOException;
    }

    /** Thread and process CPU per call, in ns; the emitter has sent everything when the process clock stops. */
    private static double[] measure(Variant variant, UdpEmitter emitter, int calls) throws IOException {
        System.gc();
        long process = PROCESS.getProcessCpuTime();
        long thread = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            variant.call();
        }
        long threadNanos = THREADS.getCurrentThreadCpuTime() - thread;
        emitter.flush(10, TimeUnit.SECONDS);
        long processNanos = PROCESS.getProcessCpuTime() - process;
        return new double[] {threadNanos / (double) calls, processNanos / (double) calls};
    }

    private static void call(OkHttpClient client, OkHttpFixture fixture) throws IOException {
        try (Response response = client.newCall(fixture.request).execute()) {
            if (response.code() != 200) {
                throw new IllegalStateException("status " + response.code());
            }
        }
    }

    /** Inside sampled segments of {@link #CALLS_PER_SEGMENT} calls each, which the emitter serializes and sends. */
    private static final class Sampled implements Variant {
        private final Tracer tracer;
        private final OkHttpFixture fixture;
        private Segment segment;
        private int inSegment;

        Sampled(Tracer tracer, OkHttpFixture fixture) {
            this.tracer = tracer;
            this.fixture = fixture;
        }

        @Override
        public void call() throws IOException {
            if (segment == null) {
                segment = tracer.beginSegment("bench", Fixtures.TRACE_ID, null, null, null);
            }
            Object previous = CurrentContext.swap(segment);
            try {
                OkHttpCallCpuTime.call(fixture.traced, fixture);
            } finally {
                CurrentContext.restore(previous);
            }
            if (++inSegment == CALLS_PER_SEGMENT) {
                tracer.endSegment(segment);
                segment = null;
                inSegment = 0;
            }
        }
    }

    private static final class Unsampled implements Variant {
        private static final UnsampledTrace TRACE = new UnsampledTrace(Fixtures.TRACE_ID, null);
        private final OkHttpFixture fixture;

        Unsampled(OkHttpFixture fixture) {
            this.fixture = fixture;
        }

        @Override
        public void call() throws IOException {
            Object previous = CurrentContext.swap(TRACE);
            try {
                OkHttpCallCpuTime.call(fixture.traced, fixture);
            } finally {
                CurrentContext.restore(previous);
            }
        }
    }

    private static double[] medians(List<double[]> values) {
        double[] medians = new double[2];
        for (int column = 0; column < 2; column++) {
            final int c = column;
            double[] sorted = values.stream().mapToDouble(v -> v[c]).sorted().toArray();
            medians[column] = sorted[sorted.length / 2];
        }
        return medians;
    }
}
