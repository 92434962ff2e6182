package io.xrayagent.benchmarks;

import io.xrayagent.core.config.DaemonAddress;
import io.xrayagent.core.emit.AgentIdentity;
import io.xrayagent.core.emit.UdpEmitter;
import io.xrayagent.core.model.Segment;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@link UdpEmitter#sendSegment} costs the application thread: offering a finished segment to the
 * emitter's queue. Serializing and sending happen on the emitter's own thread and are not in the score;
 * the datagrams go to a local UDP socket that nobody reads.
 *
 * <p>The sender naps 20 ms between looks at the queue for about a second after its last document, and only
 * then blocks on the queue. So a hand-off normally wakes no thread ({@link #sendSegmentToNappingSender});
 * the first segment after a quiet second does, and {@link #plainQueueOfferToIdleTaker} prices that case.
 *
 * <p>Note that {@code -prof gc}'s {@code gc.alloc.rate.norm} counts the allocations of every thread of the JVM
 * (JMH 1.37 reads the JVM-wide total on JDK 14+), so here it includes the sender thread's serialization.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UdpEmitterBenchmark {
    /** The agent's defaults (AgentConfig). */
    static final int QUEUE_SIZE = 2048;
    static final int MAX_DATAGRAM_BYTES = 64512;
    /** Once the consumer's counters say it is done, time for it to get back to waiting on the queue. */
    static final long PARK_NANOS = 50_000;

    /** A UdpEmitter sending to a local socket that nobody reads, and the segment it is handed. */
    @State(Scope.Thread)
    public static class Emitting {
        DatagramSocket daemon;
        UdpEmitter emitter;
        Segment segment;
        long offered;

        @Setup(Level.Trial)
        public void setUp() throws SocketException {
            daemon = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            emitter = new UdpEmitter(DaemonAddress.parse("127.0.0.1:" + daemon.getLocalPort()), QUEUE_SIZE,
                    MAX_DATAGRAM_BYTES, AgentIdentity.ofThisJvm("benchmark"));
            segment = Fixtures.finishedHttpSegment(Fixtures.tracer(new Fixtures.DiscardingEmitter()));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            emitter.shutdown(1, TimeUnit.SECONDS);
            daemon.close();
        }
    }

    /**
     * Before each call, waits until the sender has sent everything (it is napping again, for up to 20 ms), as
     * in an application that does not saturate it. Level.Invocation set-up adds JMH's per-call timestamps
     * (some tens of ns) to the score, and each call waits for the sender's next look, so few calls are made.
     */
    @State(Scope.Thread)
    public static class NappingSender extends Emitting {
        @Setup(Level.Invocation)
        public void waitUntilSent() {
            while (true) {
                UdpEmitter.Stats stats = emitter.stats();
                if (stats.sent + stats.failed + stats.dropped >= offered) {
                    break;
                }
                Thread.onSpinWait();
            }
            LockSupport.parkNanos(PARK_NANOS);
        }
    }

    /** Back-to-back calls; prints, after each iteration, how many of them were dropped on a full queue. */
    @State(Scope.Thread)
    public static class Saturated extends Emitting {
        private long offeredBefore;
        private long droppedBefore;

        @Setup(Level.Iteration)
        public void countFrom() {
            offeredBefore = offered;
            droppedBefore = emitter.stats().dropped;
        }

        @TearDown(Level.Iteration)
        public void reportDrops() {
            long offers = offered - offeredBefore;
            long drops = emitter.stats().dropped - droppedBefore;
            System.out.printf("[%d segments offered, %d dropped because the queue was full: %.2f%%] ",
                    offers, drops, offers == 0 ? 0.0 : 100.0 * drops / offers);
        }
    }

    /**
     * A bare {@link ArrayBlockingQueue#offer} to a thread blocked in {@code take()}, with the same wait
     * before each call: the price of waking a blocked thread on this machine, which is what a hand-off costs
     * when the emitter's sender has been idle for about a second and blocks on its queue.
     */
    @State(Scope.Thread)
    public static class IdleQueueTaker {
        final ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE_SIZE);
        final AtomicLong taken = new AtomicLong();
        final Object item = new Object();
        long offered;
        Thread taker;

        @Setup(Level.Trial)
        public void start() {
            taker = Fixtures.startIdleTaker(queue, taken);
        }

        @TearDown(Level.Trial)
        public void stop() {
            taker.interrupt();
        }

        @Setup(Level.Invocation)
        public void waitUntilIdle() {
            while (taken.get() < offered) {
                Thread.onSpinWait();
            }
            LockSupport.parkNanos(PARK_NANOS);
        }
    }

    /** The normal hand-off: the offer to a queue whose sender is napping, so no thread is woken. */
    @Benchmark
    public void sendSegmentToNappingSender(NappingSender state) {
        state.offered++;
        state.emitter.sendSegment(state.segment);
    }

    /**
     * Calls back to back, far faster than the one sender thread serializes and sends: the queue is full
     * almost at once and nearly every call takes the drop path. The cost under overload, not the normal
     * hand-off.
     */
    @Benchmark
    public void sendSegmentBackToBack(Saturated state) {
        state.offered++;
        state.emitter.sendSegment(state.segment);
    }

    @Benchmark
    public boolean plainQueueOfferToIdleTaker(IdleQueueTaker state) {
        state.offered++;
        return state.queue.offer(state.item);
    }
}
