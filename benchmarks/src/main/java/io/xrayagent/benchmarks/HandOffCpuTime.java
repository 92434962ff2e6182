package io.xrayagent.benchmarks;

import io.xrayagent.core.config.DaemonAddress;
import io.xrayagent.core.emit.AgentIdentity;
import io.xrayagent.core.emit.UdpEmitter;
import io.xrayagent.core.model.Segment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Not a JMH benchmark: side checks of the emitter's costs that JMH's wall-clock scores do not separate.
 * <ol>
 * <li>Each hand-off to a napping sender, and each bare ArrayBlockingQueue offer to a blocked taker, timed
 * with both {@link System#nanoTime()} and the calling thread's CPU clock (is the time spent or waited?).</li>
 * <li>The CPU the sender thread itself burns after one segment: napping between looks at its queue for
 * about a second, then blocked.</li>
 * </ol>
 * Run: {@code java -cp benchmarks/target/benchmarks.jar io.xrayagent.benchmarks.HandOffCpuTime [calls]}
 * (default 5000 measured calls after as many warm-up calls; takes about a minute).
 */
public final class HandOffCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private HandOffCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        System.out.println("1. one call at a time, ns over " + calls + " calls");
        try (DatagramSocket daemon = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            UdpEmitter emitter = new UdpEmitter(DaemonAddress.parse("127.0.0.1:" + daemon.getLocalPort()), 2048,
                    64512, AgentIdentity.ofThisJvm("benchmark"));
            Segment segment = Fixtures.finishedHttpSegment(Fixtures.tracer(new Fixtures.DiscardingEmitter()));
            measureNappingSender(emitter, segment, calls);
            measurePlainQueue(calls);
            long[] probe = new long[calls];
            for (int i = 0; i < calls; i++) {
                long c0 = THREADS.getCurrentThreadCpuTime();
                probe[i] = THREADS.getCurrentThreadCpuTime() - c0;
            }
            print("CPU-clock probe alone (included in the CPU rows above)", null, probe);
            measureSenderThread(emitter, segment);
            emitter.shutdown(1, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static void measureNappingSender(UdpEmitter emitter, Segment segment, int calls) {
        long[] offered = {sent(emitter)};
        long[][] times = timeEach(calls, () -> sent(emitter) >= offered[0], () -> {
            emitter.sendSegment(segment);
            offered[0]++;
        });
        print("UdpEmitter.sendSegment, sender napping (no wake-up)", times[0], times[1]);
    }

    private static void measurePlainQueue(int calls) {
        ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(2048);
        AtomicLong taken = new AtomicLong();
        Thread taker = Fixtures.startIdleTaker(queue, taken);
        Object item = new Object();
        long[] offered = {0};
        long[][] times = timeEach(calls, () -> taken.get() >= offered[0], () -> {
            queue.offer(item);
            offered[0]++;
        });
        taker.interrupt();
        print("ArrayBlockingQueue.offer to a taker blocked in take() (wakes it)", times[0], times[1]);
    }

    /**
     * Times {@code offer} one call at a time, {@code calls} of warm-up then {@code calls} measured: before each
     * call it waits until the consumer has taken everything ({@code drained}) and then a little longer, and it
     * reads both the wall clock and this thread's CPU clock around the call. Returns {wall, cpu} in ns.
     */
    private static long[][] timeEach(int calls, BooleanSupplier drained, Runnable offer) {
        long[] wall = new long[calls];
        long[] cpu = new long[calls];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < calls; i++) {
                while (!drained.getAsBoolean()) {
                    Thread.onSpinWait();
                }
                LockSupport.parkNanos(UdpEmitterBenchmark.PARK_NANOS);
                long c0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                offer.run();
                long t1 = System.nanoTime();
                long c1 = THREADS.getCurrentThreadCpuTime();
                wall[i] = t1 - t0;
                cpu[i] = c1 - c0;
            }
        }
        return new long[][] {wall, cpu};
    }

    /** CPU of the sender thread in the 1.5 s after one segment (napping), then in the next 1.5 s (blocked). */
    private static void measureSenderThread(UdpEmitter emitter, Segment segment) {
        long sender = senderThreadId();
        if (sender < 0 || !THREADS.isThreadCpuTimeSupported()) {
            System.out.println("2. sender thread not found or no thread CPU clock: skipped");
            return;
        }
        System.out.println("2. the sender thread's CPU after one segment, 3 rounds");
        for (int round = 0; round < 3; round++) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2_500)); // let it reach the blocked state
            long before = sent(emitter);
            long c0 = THREADS.getThreadCpuTime(sender);
            emitter.sendSegment(segment);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1_500));
            long c1 = THREADS.getThreadCpuTime(sender);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1_500));
            long c2 = THREADS.getThreadCpuTime(sender);
            System.out.printf("  round %d: %d datagram(s); first 1.5 s (send, then naps): %.0f us CPU;"
                    + " next 1.5 s: %.0f us CPU%n", round + 1, sent(emitter) - before, (c1 - c0) / 1e3,
                    (c2 - c1) / 1e3);
        }
    }

    private static long senderThreadId() {
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && "xray-agent-emitter".equals(info.getThreadName())) {
                return info.getThreadId();
            }
        }
        return -1;
    }

    private static long sent(UdpEmitter emitter) {
        UdpEmitter.Stats stats = emitter.stats();
        return stats.sent + stats.failed + stats.dropped;
    }

    private static void print(String what, long[] wall, long[] cpu) {
        System.out.println("  " + what);
        if (wall != null) {
            System.out.println("    wall " + summary(wall));
        }
        System.out.println("    CPU  " + summary(cpu));
    }

    private static String summary(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return String.format("p50 %d  p90 %d  p99 %d  mean %.0f", sorted[n / 2], sorted[n * 9 / 10],
                sorted[n * 99 / 100], Arrays.stream(sorted).average().orElse(0));
    }
}
