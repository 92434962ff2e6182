package io.xrayagent.receiver;

import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar xray-agent.jar listen [--json] [host:port]}: lets a user see their traces with no AWS
 * account and no daemon. Each trace is printed once it has been quiet for a second, like the daemon's idle
 * flush, so its streamed subsegments and the segments of the services it called are printed together.
 */
public final class ListenCommand {
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long POLL_MILLIS = 100;
    private static final long SHUTDOWN_WAIT_SECONDS = 2;

    private ListenCommand() {
    }

    public static void main(String[] args) {
        ListenOptions options;
        try {
            options = ListenOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("xray-agent listen: " + e.getMessage());
            System.err.println(ListenOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(ListenOptions.USAGE);
            return;
        }
        final CountDownLatch stop = new CountDownLatch(1);
        final CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C runs this hook; waiting for the final flush prints the traces still pending.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "xray-agent-listen-shutdown"));
        int exitCode = 0;
        try {
            run(options.bind, System.out, options.json, stop);
        } catch (IOException e) {
            System.err.println("xray-agent listen: cannot listen on udp " + hostPort(options.bind) + ": "
                    + e.getMessage() + " (is an X-Ray daemon or another receiver using it?)");
            exitCode = 1;
        } catch (InterruptedException e) {
            exitCode = 130;
        } finally {
            finished.countDown();
        }
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /**
     * Receives on {@code bind} and prints to {@code out} until {@code stop} is counted down, then prints
     * whatever is still pending and returns.
     */
    static void run(InetSocketAddress bind, final PrintStream out, boolean json, CountDownLatch stop)
            throws IOException, InterruptedException {
        final PendingTraces pending = new PendingTraces();
        try (LocalReceiver receiver = LocalReceiver.start(bind)) {
            receiver.onDocument(document -> pending.add(document, System.nanoTime()));
            print(out, "xray-agent receiver listening on udp " + hostPort(receiver.address()) + " (Ctrl-C to stop)");
            // Registered after the start line, so the first line is always the start line.
            receiver.onRejected(reason -> print(out, "rejected datagram: " + reason));
            while (!stop.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                printTraces(pending.drainIdle(System.nanoTime(), IDLE_NANOS), out, json);
            }
            printTraces(pending.drainAll(), out, json);
        }
    }

    /** Each trace after a blank line, the tree first, then (with --json) its raw documents. */
    private static void printTraces(List<List<ReceivedDocument>> traces, PrintStream out, boolean json) {
        for (List<ReceivedDocument> trace : traces) {
            StringBuilder block = new StringBuilder("\n").append(TraceTreePrinter.render(trace));
            if (json) {
                for (ReceivedDocument document : trace) {
                    block.append(document.body().trim()).append('\n');
                }
            }
            print(out, block.toString());
        }
    }

    /** One call per block, so a rejection line printed by the receiver thread never splits a trace. */
    private static void print(PrintStream out, String text) {
        synchronized (out) {
            out.print(text.endsWith("\n") ? text : text + "\n");
            out.flush();
        }
    }

    private static String hostPort(InetSocketAddress address) {
        if (address.getAddress() == null) {
            return address.getHostString() + ":" + address.getPort();
        }
        String host = address.getAddress().getHostAddress();
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
