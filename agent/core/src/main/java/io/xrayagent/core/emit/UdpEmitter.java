package io.xrayagent.core.emit;

import io.xrayagent.core.config.DaemonAddress;
import io.xrayagent.core.log.AgentLog;
import io.xrayagent.core.model.Entity;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends documents to the X-Ray daemon over UDP. Application threads only offer the finished entity to a
 * bounded queue (never blocking; when it is full the entity is dropped and counted); one daemon thread
 * serializes, splits to fit the datagram limit, and sends. A DNS name is resolved again every
 * {@link #RESOLVE_INTERVAL_NANOS}, because a Kubernetes Service or a restarted sidecar may move, and within
 * {@link #RESOLVE_AFTER_FAILURE_NANOS} of a failed send (a daemon container restarted at a new address).
 */
public final class UdpEmitter implements Emitter {
    static final byte[] HEADER = "{\"format\":\"json\",\"version\":1}\n".getBytes(StandardCharsets.US_ASCII);
    static final long RESOLVE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** After a failed send the name is looked up again this soon: a restarted sidecar comes back elsewhere. */
    static final long RESOLVE_AFTER_FAILURE_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long the sender naps between looks at the queue while documents keep coming. */
    private static final long DRAIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** About one second of empty looks, after which the sender blocks until the next document. */
    private static final int IDLE_POLLS_BEFORE_BLOCKING = 50;
    private static final int BURST = 32;
    private static final long BURST_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long STATS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final DaemonAddress address;
    private final BlockingQueue<Object> queue;
    private final DocumentSplitter splitter;
    private final ByteBuffer datagram;
    private final Thread sender;

    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong split = new AtomicLong();
    private final AtomicLong truncated = new AtomicLong();
    private final AtomicLong handled = new AtomicLong();

    private DatagramChannel channel;
    private InetSocketAddress connectedTo;
    private InetSocketAddress resolved;
    private long resolvedAt;
    private long lastStats = System.nanoTime();
    private volatile boolean running = true;

    public UdpEmitter(DaemonAddress address, int queueSize, int maxDatagramBytes, AgentIdentity identity) {
        this.address = address;
        this.queue = new ArrayBlockingQueue<Object>(queueSize);
        this.splitter = new DocumentSplitter(new SegmentWriter(identity), maxDatagramBytes - HEADER.length);
        // Direct, so that a send does not first copy the datagram into a temporary native buffer.
        this.datagram = ByteBuffer.allocateDirect(maxDatagramBytes);
        this.sender = new Thread(new Runnable() {
            @Override
            public void run() {
                sendLoop();
            }
        }, "xray-agent-emitter");
        sender.setDaemon(true);
        sender.start();
    }

    @Override
    public void sendSegment(Segment segment) {
        offer(segment);
    }

    @Override
    public void sendSubsegment(Subsegment subsegment) {
        offer(subsegment);
    }

    private void offer(Object entity) {
        if (queue.offer(entity)) {
            queued.incrementAndGet();
        } else {
            dropped.incrementAndGet();
        }
    }

    /** Waits until everything queued so far was handled, or the timeout passed; true when drained. */
    public boolean flush(long timeout, TimeUnit unit) {
        long target = queued.get();
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (handled.get() < target) {
            if (System.nanoTime() > deadline || !sender.isAlive()) {
                return false;
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Sends what is queued (for at most the timeout) and stops the sender thread. */
    public void shutdown(long timeout, TimeUnit unit) {
        flush(timeout, unit);
        running = false;
        // Interrupting also ends a nap (parkNanos) or a wait on the queue.
        sender.interrupt();
        logStats();
    }

    public Stats stats() {
        return new Stats(sent.get(), dropped.get(), failed.get(), split.get(), truncated.get());
    }

    private void sendLoop() {
        int idlePolls = 0;
        while (running) {
            Object entity;
            if (idlePolls < IDLE_POLLS_BEFORE_BLOCKING) {
                // While busy the sender naps instead of waiting on the queue, so that offering a segment
                // never has to wake a thread: that wake-up would cost the application more than the rest.
                entity = queue.poll();
                if (entity == null) {
                    idlePolls++;
                    LockSupport.parkNanos(DRAIN_INTERVAL_NANOS);
                    continue;
                }
            } else {
                try {
                    entity = queue.poll(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    continue;
                }
                if (entity == null) {
                    logStatsWhenDue();
                    continue;
                }
            }
            idlePolls = 0;
            try {
                send(entity);
            } catch (Throwable t) {
                failed.incrementAndGet();
                AgentLog.debug("could not send a document", t);
            } finally {
                handled.incrementAndGet();
            }
            logStatsWhenDue();
        }
    }

    private void logStatsWhenDue() {
        if (AgentLog.isDebugEnabled() && System.nanoTime() - lastStats > STATS_INTERVAL_NANOS) {
            logStats();
        }
    }

    private void send(Object entity) throws IOException {
        Segment segment = entity instanceof Segment ? (Segment) entity : ((Subsegment) entity).segment();
        SegmentWriter.Form form = entity instanceof Segment ? SegmentWriter.Form.SEGMENT : SegmentWriter.Form.INDEPENDENT;
        InetSocketAddress target = target();
        List<byte[]> documents;
        synchronized (segment) {
            // Nearly every tree fits one datagram: written straight into it, with no copy of the document.
            datagram.clear();
            datagram.put(HEADER);
            if (splitter.writeWhole((Entity) entity, form, datagram)) {
                datagram.flip();
                documents = null;
            } else {
                documents = splitter.documents((Entity) entity, form);
            }
        }
        if (documents == null) {
            sendDatagram(target);
            return;
        }
        if (splitter.takeSplitCount() > 0) {
            split.incrementAndGet();
        }
        truncated.addAndGet(splitter.takeTruncatedCount());
        for (int i = 0; i < documents.size(); i++) {
            datagram.clear();
            datagram.put(HEADER).put(documents.get(i)).flip();
            if (i > 0 && i % BURST == 0) {
                // A tree split into hundreds of datagrams would overrun the daemon's socket buffer at once.
                LockSupport.parkNanos(BURST_PAUSE_NANOS);
            }
            sendDatagram(target);
        }
    }

    private void sendDatagram(InetSocketAddress target) {
        if (target == null) {
            failed.incrementAndGet();
            return;
        }
        try {
            channel(target).write(datagram);
            sent.incrementAndGet();
        } catch (IOException e) {
            failed.incrementAndGet();
            AgentLog.debug("could not send to the daemon at " + target, e);
            closeChannel();
            long soon = System.nanoTime() - RESOLVE_INTERVAL_NANOS + RESOLVE_AFTER_FAILURE_NANOS;
            if (resolvedAt - soon > 0) {
                resolvedAt = soon;
            }
        }
    }

    private InetSocketAddress target() {
        long now = System.nanoTime();
        if (resolved == null || now - resolvedAt > RESOLVE_INTERVAL_NANOS) {
            resolvedAt = now;
            try {
                InetAddress host = InetAddress.getByName(address.udpHost());
                InetSocketAddress fresh = new InetSocketAddress(host, address.udpPort());
                if (resolved != null && !fresh.equals(resolved)) {
                    AgentLog.debug("daemon address " + address.udpHost() + " now resolves to " + host.getHostAddress());
                }
                resolved = fresh;
            } catch (IOException e) {
                // Keep the last good address: a DNS hiccup should not stop tracing.
                AgentLog.debug("could not resolve the daemon host " + address.udpHost(), e);
            }
        }
        return resolved;
    }

    /**
     * A channel connected to the daemon: the kernel then checks and routes the address once, not on every
     * send. A daemon that is not listening makes a later write fail (port unreachable); the channel is then
     * closed and the next document opens a new one.
     */
    private DatagramChannel channel(InetSocketAddress target) throws IOException {
        if (channel != null && !target.equals(connectedTo)) {
            closeChannel();
        }
        if (channel == null) {
            DatagramChannel fresh = DatagramChannel.open();
            try {
                fresh.connect(target);
            } catch (IOException e) {
                fresh.close();
                throw e;
            }
            channel = fresh;
            connectedTo = target;
        }
        return channel;
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing to do: a new channel is opened for the next document.
            }
            channel = null;
        }
    }

    private void logStats() {
        lastStats = System.nanoTime();
        if (AgentLog.isDebugEnabled()) {
            AgentLog.debug("emitter to " + address + ": " + stats());
        }
    }

    /** Counters since start. */
    public static final class Stats {
        public final long sent;
        public final long dropped;
        public final long failed;
        public final long split;
        public final long truncated;

        Stats(long sent, long dropped, long failed, long split, long truncated) {
            this.sent = sent;
            this.dropped = dropped;
            this.failed = failed;
            this.split = split;
            this.truncated = truncated;
        }

        @Override
        public String toString() {
            return "sent " + sent + " datagrams, dropped " + dropped + " (queue full), failed " + failed
                    + ", split " + split + " trees, truncated " + truncated + " documents";
        }
    }
}
