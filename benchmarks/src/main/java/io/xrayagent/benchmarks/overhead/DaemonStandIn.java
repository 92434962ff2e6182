package io.xrayagent.benchmarks.overhead;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for the X-Ray daemon: a UDP socket on loopback that counts the segment documents it receives, so
 * that a fast run of an agent that traced nothing shows in the table.
 *
 * <p>It only looks at the first bytes of each document, not at the JSON: it runs on the load generator's core,
 * and what it spends there should not depend on how much the measured agent sends.
 */
final class DaemonStandIn implements AutoCloseable {
    /** How the agent starts an independent subsegment document; everything else it sends is a segment. */
    private static final byte[] SUBSEGMENT = "{\"type\":\"subsegment\"".getBytes(StandardCharsets.US_ASCII);

    private final DatagramChannel channel;
    private final AtomicLong segments = new AtomicLong();
    private final Thread reader;

    private DaemonStandIn(DatagramChannel channel) {
        this.channel = channel;
        this.reader = new Thread(this::read, "daemon-stand-in");
        reader.setDaemon(true);
    }

    static DaemonStandIn start() throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        // The kernel drops what does not fit while this thread waits for the core: make room for bursts.
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 8 << 20);
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        DaemonStandIn daemon = new DaemonStandIn(channel);
        daemon.reader.start();
        return daemon;
    }

    int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    /** Segment documents received since the start. */
    long segments() {
        return segments.get();
    }

    private void read() {
        ByteBuffer buffer = ByteBuffer.allocate(65_536);
        try {
            while (true) {
                buffer.clear();
                channel.receive(buffer);
                if (isSegment(buffer.array(), buffer.position())) {
                    segments.incrementAndGet();
                }
            }
        } catch (ClosedChannelException closed) {
            // close() ends the reader.
        } catch (IOException e) {
            throw new IllegalStateException("the daemon stand-in stopped reading", e);
        }
    }

    /** A datagram is a header line, a newline and one document. */
    private static boolean isSegment(byte[] data, int length) {
        int body = 0;
        while (body < length && data[body] != '\n') {
            body++;
        }
        body++;
        if (body >= length) {
            return false;
        }
        for (int i = 0; i < SUBSEGMENT.length; i++) {
            if (body + i >= length || data[body + i] != SUBSEGMENT[i]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
