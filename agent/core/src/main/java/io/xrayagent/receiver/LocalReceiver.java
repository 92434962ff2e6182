package io.xrayagent.receiver;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Stands in for the X-Ray daemon: receives segment datagrams on UDP and keeps them, in arrival order, for
 * tests to inspect and for {@code xray-agent listen} to print.
 */
public final class LocalReceiver implements AutoCloseable {
    static final String THREAD_NAME = "xray-agent-receiver";
    // Larger than any UDP payload, so a datagram is never truncated before it is checked.
    private static final int BUFFER_BYTES = 65535;
    private static final int SUMMARY_LIMIT = 20;

    private final DatagramSocket socket;
    private final InetSocketAddress address;
    private final Thread reader;
    private final Object lock = new Object();
    private final List<ReceivedDocument> documents = new ArrayList<ReceivedDocument>();
    private final List<String> rejected = new ArrayList<String>();
    private final List<Consumer<ReceivedDocument>> documentListeners =
            new CopyOnWriteArrayList<Consumer<ReceivedDocument>>();
    private final List<Consumer<String>> rejectionListeners = new CopyOnWriteArrayList<Consumer<String>>();
    private volatile boolean closed;

    private LocalReceiver(DatagramSocket socket) {
        this.socket = socket;
        this.address = (InetSocketAddress) socket.getLocalSocketAddress();
        this.reader = new Thread(new Runnable() {
            @Override
            public void run() {
                readUntilClosed();
            }
        }, THREAD_NAME);
        reader.setDaemon(true);
    }

    /** Binds the socket (port 0 picks a free port) and starts reading. */
    public static LocalReceiver start(InetSocketAddress bind) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.bind(bind);
            // A burst of segments at the end of a test must not overflow the kernel's default buffer.
            socket.setReceiveBufferSize(1 << 20);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        LocalReceiver receiver = new LocalReceiver(socket);
        receiver.reader.start();
        return receiver;
    }

    public InetSocketAddress address() {
        return address;
    }

    /**
     * The address an agent should send to, in {@code AWS_XRAY_DAEMON_ADDRESS} form. A wildcard bind is
     * reported as the loopback address of the same family, the one that reaches it from this machine.
     */
    public String daemonAddress() {
        InetAddress host = address.getAddress();
        String text;
        if (host.isAnyLocalAddress()) {
            text = host instanceof Inet6Address ? "[::1]" : "127.0.0.1";
        } else if (host instanceof Inet6Address) {
            text = "[" + host.getHostAddress() + "]";
        } else {
            text = host.getHostAddress();
        }
        return text + ":" + address.getPort();
    }

    public List<ReceivedDocument> documents() {
        synchronized (lock) {
            return Collections.unmodifiableList(new ArrayList<ReceivedDocument>(documents));
        }
    }

    /** Each entry says why the daemon would drop the datagram and shows its start. */
    public List<String> rejected() {
        synchronized (lock) {
            return Collections.unmodifiableList(new ArrayList<String>(rejected));
        }
    }

    /**
     * Waits until {@code condition} holds for the documents received so far and returns them.
     *
     * @throws IllegalStateException on timeout, listing what did arrive, so a failing test shows why
     */
    public List<ReceivedDocument> awaitDocuments(Predicate<List<ReceivedDocument>> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (true) {
                List<ReceivedDocument> snapshot = documents();
                if (condition.test(snapshot)) {
                    return snapshot;
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new IllegalStateException(timeoutMessage(timeout, snapshot));
                }
                TimeUnit.NANOSECONDS.timedWait(lock, remaining);
            }
        }
    }

    public void clear() {
        synchronized (lock) {
            documents.clear();
            rejected.clear();
        }
    }

    /** Called on the receiver thread for each accepted document, after it is stored. */
    public void onDocument(Consumer<ReceivedDocument> listener) {
        documentListeners.add(listener);
    }

    /** Called on the receiver thread with the reason for each rejected datagram, after it is stored. */
    public void onRejected(Consumer<String> listener) {
        rejectionListeners.add(listener);
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        if (Thread.currentThread() != reader) {
            try {
                reader.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void readUntilClosed() {
        byte[] buffer = new byte[BUFFER_BYTES];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!closed) {
            packet.setData(buffer);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                // close() makes a blocked receive() throw; other errors concern one datagram only.
                if (closed || socket.isClosed()) {
                    return;
                }
                continue;
            }
            handle(packet);
        }
    }

    private void handle(DatagramPacket packet) {
        ReceivedDocument document;
        try {
            document = DatagramDecoder.decode(packet.getData(), packet.getOffset(), packet.getLength());
        } catch (RejectedDatagramException e) {
            String reason = e.reason() + " (" + packet.getLength() + " bytes from "
                    + packet.getAddress().getHostAddress() + ":" + packet.getPort() + "): " + e.preview();
            synchronized (lock) {
                rejected.add(reason);
                lock.notifyAll();
            }
            deliver(rejectionListeners, reason);
            return;
        }
        synchronized (lock) {
            documents.add(document);
            lock.notifyAll();
        }
        deliver(documentListeners, document);
    }

    private static <T> void deliver(List<Consumer<T>> listeners, T value) {
        for (Consumer<T> listener : listeners) {
            try {
                listener.accept(value);
            } catch (RuntimeException e) {
                // A faulty listener must not stop the receiver; the stack trace is the only way to see it.
                e.printStackTrace();
            }
        }
    }

    private String timeoutMessage(Duration timeout, List<ReceivedDocument> snapshot) {
        StringBuilder message = new StringBuilder(256);
        message.append("timed out after ").append(timeout.toMillis()).append(" ms waiting for documents on udp ")
                .append(daemonAddress()).append("; received ").append(snapshot.size()).append(':');
        int shown = 0;
        for (ReceivedDocument document : snapshot) {
            if (shown++ == SUMMARY_LIMIT) {
                message.append("\n  ... ").append(snapshot.size() - SUMMARY_LIMIT).append(" more");
                break;
            }
            message.append("\n  ").append(document);
        }
        List<String> rejections = rejected();
        if (!rejections.isEmpty()) {
            message.append("\nrejected ").append(rejections.size()).append(':');
            for (int i = 0; i < rejections.size() && i < SUMMARY_LIMIT; i++) {
                message.append("\n  ").append(rejections.get(i));
            }
        }
        return message.toString();
    }
}
