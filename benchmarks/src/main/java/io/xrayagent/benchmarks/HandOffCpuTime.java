package io.xrayagent.benchmarks;

import io.xrayagent.core.config.DaemonAddress;
import io.xrayagent.core.emit.AgentIdentity;
import io.xrayagent.core.emit.UdpEmitter;
import io.xrayagent.core.model.Segment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Not a JMH benchmark: a side check of whether UdpEmitterBenchmark.sendSegmentToIdleSender's time is CPU
 * spent by the calling thread or time it waited. It measures each hand-off to an idle sender with both
 * {@link System#nanoTime()} and the calling thread's CPU clock, and does the same for a bare
 * ArrayBlockingQueue with a parked taker. Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.xrayagent.benchmarks.HandOffCpuTime [calls]} (default 20000 measured calls after as many warm-up calls).
 */
public final class HandOffCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private HandOffCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        System.out.println("one call each, sender/taker parked before it; ns, over " + calls + " calls");
        measureEmitter(calls);
        measurePlainQueue(calls);
        long[] probe = new long[calls];
        for (int i = 0; i < calls; i++) {
            long c0 = THREADS.getCurrentThreadCpuTime();
            probe[i] = THREADS.getCurrentThreadCpuTime() - c0;
        }
        print("CPU-clock probe alone (included in the CPU rows above)", null, probe);
        System.exit(0);
    }

    private static void measureEmitter(int calls) throws Exception {
        try (DatagramSocket daemon = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            UdpEmitter emitter = new UdpEmitter(DaemonAddress.parse("127.0.0.1:" + daemon.getLocalPort()), 2048,
                    64512, AgentIdentity.ofThisJvm("benchmark"));
            Segment segment = Fixtures.finishedHttpSegment(Fixtures.tracer(new Fixtures.DiscardingEmitter()));
            long[] wall = new long[calls];
            long[] cpu = new long[calls];
            long offered = 0;
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < calls; i++) {
                    while (true) {
                        UdpEmitter.Stats stats = emitter.stats();
                        if (stats.sent + stats.failed + stats.dropped >= offered) {
                            break;
                        }
                        Thread.onSpinWait();
                    }
                    LockSupport.parkNanos(UdpEmitterBenchmark.PARK_NANOS);
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    emitter.sendSegment(segment);
                    long t1 = System.nanoTime();
                    long c1 = THREADS.getCurrentThreadCpuTime();
                    offered++;
                    wall[i] = t1 - t0;
                    cpu[i] = c1 - c0;
                }
            }
            emitter.shutdown(1, TimeUnit.SECONDS);
            print("UdpEmitter.sendSegment to an idle sender", wall, cpu);
        }
    }

    private static void measurePlainQueue(int calls) {
        ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(2048);
        AtomicLong taken = new AtomicLong();
        Thread taker = new Thread(() -> {
            while (true) {
                try {
                    queue.take();
                    taken.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "idle-queue-taker");
        taker.setDaemon(true);
        taker.start();
        Object item = new Object();
        long[] wall = new long[calls];
        long[] cpu = new long[calls];
        long offered = 0;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < calls; i++) {
                while (taken.get() < offered) {
                    Thread.onSpinWait();
                }
                LockSupport.parkNanos(UdpEmitterBenchmark.PARK_NANOS);
                long c0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                queue.offer(item);
                long t1 = System.nanoTime();
                long c1 = THREADS.getCurrentThreadCpuTime();
                offered++;
                wall[i] = t1 - t0;
                cpu[i] = c1 - c0;
            }
        }
        taker.interrupt();
        print("ArrayBlockingQueue.offer to a parked taker", wall, cpu);
    }

    private static void print(String what, long[] wall, long[] cpu) {
        System.out.println(what);
        if (wall != null) {
            System.out.println("  wall " + summary(wall));
        }
        System.out.println("  CPU  " + summary(cpu));
    }

    private static String summary(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return String.format("p50 %d  p90 %d  p99 %d  mean %.0f", sorted[n / 2], sorted[n * 9 / 10],
                sorted[n * 99 / 100], Arrays.stream(sorted).average().orElse(0));
    }
}
