package io.xrayagent.receiver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UnsupportedEncodingException;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListenCommandTest {
    private static final long WAIT_MILLIS = 10_000;
    private static final Pattern START_LINE =
            Pattern.compile("^xray-agent receiver listening on udp 127\\.0\\.0\\.1:(\\d+) \\(Ctrl-C to stop\\)\n");

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<Throwable>();
    private Thread command;

    @AfterEach
    void stopCommand() throws InterruptedException {
        stop.countDown();
        if (command != null) {
            command.join(WAIT_MILLIS);
        }
    }

    @Test
    void printsATraceOnceItHasBeenQuietForASecond() throws Exception {
        InetSocketAddress address = startCommand(false);

        Udp.send(address, TwoServiceTrace.datagramsInSendingOrder());

        String output = awaitOutputContaining("    render  30.0 ms\n");
        assertEquals(startLine(address) + "\n" + TwoServiceTrace.RENDERED, output);
    }

    @Test
    void printsRawDocumentsUnderTheTreeWithJsonAndOneLinePerBadDatagram() throws Exception {
        InetSocketAddress address = startCommand(true);

        String badHeader = "{\"format\":\"json\",\"version\":7}\n{}";
        Udp.send(address, badHeader);
        awaitOutputContaining("rejected datagram: invalid header: version must be 1 (");
        Udp.send(address, ProtocolExamples.datagram(ProtocolExamples.SUBSEGMENT));

        String output = awaitOutputContaining(ProtocolExamples.SUBSEGMENT + "\n");
        assertTrue(output.contains("rejected datagram: invalid header: version must be 1 ("
                + badHeader.length() + " bytes from 127.0.0.1:"), output);
        assertTrue(output.endsWith(""
                + "\ntrace 1-6650f3a1-0c4e2d9e8f1a2b3c4d5e6f70  (1 document)\n"
                + "  payments.example.com [remote]  POST https://payments.example.com/charge  503 FAULT  130.0 ms"
                + "  traced  (parent 6b55dcc497934f1a not received)\n"
                + ProtocolExamples.SUBSEGMENT + "\n"), output);
    }

    @Test
    void printsWhatIsPendingWhenStoppedAndThenReturns() throws Exception {
        InetSocketAddress address = startCommand(false);
        Udp.send(address, ProtocolExamples.datagram(ProtocolExamples.SEGMENT));
        waitUntilReceivedBy(address);

        stop.countDown();
        command.join(WAIT_MILLIS);

        assertFalse(command.isAlive());
        assertNull(failure.get());
        assertTrue(output().contains("\ntrace 1-6650f3a1-0c4e2d9e8f1a2b3c4d5e6f70  (1 document)\n  orders-api  POST"),
                output());
    }

    private InetSocketAddress startCommand(final boolean json) throws Exception {
        final PrintStream out = new PrintStream(bytes, true, "UTF-8");
        command = new Thread(() -> {
            try {
                ListenCommand.run(new InetSocketAddress("127.0.0.1", 0), out, json, stop);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "listen-command-under-test");
        command.start();
        Matcher matcher = START_LINE.matcher(awaitOutputContaining("(Ctrl-C to stop)\n"));
        assertTrue(matcher.find(), output());
        return new InetSocketAddress("127.0.0.1", Integer.parseInt(matcher.group(1)));
    }

    /**
     * The command signals nothing on receipt, but it reports a bad datagram at once, and loopback queues
     * datagrams at the receiving socket in the order they were sent: once the probe is reported, the
     * document sent before it is in.
     */
    private void waitUntilReceivedBy(InetSocketAddress address) throws Exception {
        Udp.send(address, "probe");
        awaitOutputContaining("rejected datagram: missing newline");
    }

    private static String startLine(InetSocketAddress address) {
        return "xray-agent receiver listening on udp 127.0.0.1:" + address.getPort() + " (Ctrl-C to stop)\n";
    }

    private String awaitOutputContaining(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            String output = output();
            if (output.contains(text)) {
                return output;
            }
            if (failure.get() != null) {
                throw new AssertionError("listen command failed", failure.get());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no \"" + text + "\" in the output within " + WAIT_MILLIS + " ms:\n" + output());
    }

    private String output() {
        try {
            return bytes.toString("UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
