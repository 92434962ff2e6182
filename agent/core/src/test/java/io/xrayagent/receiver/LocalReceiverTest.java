package io.xrayagent.receiver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalReceiverTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private LocalReceiver receiver;

    @BeforeEach
    void start() throws IOException {
        receiver = LocalReceiver.start(Udp.loopback(0));
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void bindsAnEphemeralPortAndNamesItInDaemonAddressForm() {
        InetSocketAddress address = receiver.address();

        assertNotEquals(0, address.getPort());
        assertEquals("127.0.0.1:" + address.getPort(), receiver.daemonAddress());
    }

    @Test
    void receivesBothProtocolExamplesWithTheirFieldsReadable() throws InterruptedException {
        Udp.send(receiver.address(), ProtocolExamples.datagram(ProtocolExamples.SEGMENT),
                ProtocolExamples.datagram(ProtocolExamples.SUBSEGMENT));

        List<ReceivedDocument> documents = receiver.awaitDocuments(d -> d.size() == 2, WAIT);

        ReceivedDocument segment = documents.get(0);
        assertEquals(ProtocolExamples.HEADER, segment.header());
        assertEquals(ProtocolExamples.SEGMENT, segment.body());
        assertEquals("orders-api", segment.name());
        assertEquals("6b55dcc497934f1a", segment.id());
        assertEquals("53995c3f42cd8ad8", segment.parentId());
        assertEquals("1-6650f3a1-0c4e2d9e8f1a2b3c4d5e6f70", segment.traceId());
        assertFalse(segment.isIndependentSubsegment());
        assertFalse(segment.isInProgress());
        assertEquals(1716581281.123456, (Double) segment.json().get("start_time"), 0.0);
        Map<?, ?> response = (Map<?, ?>) ((Map<?, ?>) segment.json().get("http")).get("response");
        assertEquals(201L, response.get("status"));
        List<?> subsegments = (List<?>) segment.json().get("subsegments");
        assertEquals("PutItem", ((Map<?, ?>) ((Map<?, ?>) subsegments.get(0)).get("aws")).get("operation"));
        int expectedBytes = ProtocolExamples.datagram(ProtocolExamples.SEGMENT).getBytes(StandardCharsets.UTF_8).length;
        assertEquals(expectedBytes, segment.datagramBytes());

        ReceivedDocument subsegment = documents.get(1);
        assertTrue(subsegment.isIndependentSubsegment());
        assertEquals("004f72be19cddc2a", subsegment.id());
        assertEquals("6b55dcc497934f1a", subsegment.parentId());
        assertEquals("payments.example.com", subsegment.name());
        assertEquals(Boolean.TRUE, subsegment.json().get("fault"));
        assertTrue(receiver.rejected().isEmpty(), receiver.rejected().toString());
    }

    @Test
    void acceptsTheSpacedHeaderOfTheJavaAndGoSdksAndAnyCaseOfJson() throws InterruptedException {
        Udp.send(receiver.address(), "{\"format\": \"json\", \"version\": 1}\n" + ProtocolExamples.SUBSEGMENT,
                "{\"format\":\"JSON\",\"version\":1}\n" + ProtocolExamples.SUBSEGMENT + "\n");

        receiver.awaitDocuments(d -> d.size() == 2, WAIT);
        assertTrue(receiver.rejected().isEmpty(), receiver.rejected().toString());
    }

    @Test
    void rejectsWhatTheDaemonWouldDropAndSaysWhy() throws InterruptedException {
        Udp.send(receiver.address(),
                ProtocolExamples.SEGMENT,
                "{\"format\":\"xml\",\"version\":1}\n" + ProtocolExamples.SEGMENT,
                "{\"format\":\"json\",\"version\":2}\n" + ProtocolExamples.SEGMENT,
                "format=json\n" + ProtocolExamples.SEGMENT,
                ProtocolExamples.HEADER + "\n{\"name\":\"orders-api\",",
                ProtocolExamples.HEADER + "\n",
                ProtocolExamples.HEADER + "\n[1,2]");
        Udp.send(receiver.address(), ProtocolExamples.datagram(ProtocolExamples.SUBSEGMENT));

        receiver.awaitDocuments(d -> d.size() == 1, WAIT);
        List<String> rejected = awaitRejected(7);

        assertTrue(rejected.get(0).startsWith("missing newline between header and document ("), rejected.get(0));
        assertTrue(rejected.get(0).contains(" bytes from 127.0.0.1:"), rejected.get(0));
        assertTrue(rejected.get(0).endsWith("): " + ProtocolExamples.SEGMENT.substring(0, 120) + "..."),
                rejected.get(0));
        assertTrue(rejected.get(1).startsWith("invalid header: format must be \"json\""), rejected.get(1));
        assertTrue(rejected.get(2).startsWith("invalid header: version must be 1"), rejected.get(2));
        assertTrue(rejected.get(3).startsWith("invalid header: not JSON"), rejected.get(3));
        assertTrue(rejected.get(4).startsWith("document is not valid JSON: "), rejected.get(4));
        assertTrue(rejected.get(4).contains("\\n{\"name\":\"orders-api\","), rejected.get(4));
        assertTrue(rejected.get(5).startsWith("empty document after the header"), rejected.get(5));
        assertTrue(rejected.get(6).startsWith("document is not a JSON object"), rejected.get(6));
        assertEquals(1, receiver.documents().size());
    }

    @Test
    void awaitDocumentsTimesOutListingWhatDidArrive() throws InterruptedException {
        Udp.send(receiver.address(), ProtocolExamples.datagram(ProtocolExamples.SUBSEGMENT), "no header");
        receiver.awaitDocuments(d -> d.size() == 1, WAIT);
        awaitRejected(1);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> receiver.awaitDocuments(d -> d.size() == 2, Duration.ofMillis(200)));

        String message = e.getMessage();
        assertTrue(message.startsWith("timed out after 200 ms waiting for documents on udp "
                + receiver.daemonAddress() + "; received 1:"), message);
        assertTrue(message.contains("\n  subsegment payments.example.com id=004f72be19cddc2a parent=6b55dcc497934f1a"
                + " trace=1-6650f3a1-0c4e2d9e8f1a2b3c4d5e6f70"), message);
        assertTrue(message.contains("\nrejected 1:\n  missing newline"), message);
    }

    @Test
    void notifiesListenersAndClearForgetsEverything() throws InterruptedException {
        List<String> seen = new CopyOnWriteArrayList<String>();
        receiver.onDocument(d -> seen.add(d.id()));
        receiver.onRejected(reason -> seen.add("rejected"));

        Udp.send(receiver.address(), ProtocolExamples.datagram(ProtocolExamples.SUBSEGMENT), "bad");
        receiver.awaitDocuments(d -> d.size() == 1, WAIT);
        awaitRejected(1);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (seen.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        receiver.clear();

        assertTrue(seen.contains("004f72be19cddc2a") && seen.contains("rejected"), seen.toString());
        assertTrue(receiver.documents().isEmpty());
        assertTrue(receiver.rejected().isEmpty());
        Udp.send(receiver.address(), ProtocolExamples.datagram(ProtocolExamples.SEGMENT));
        assertEquals("6b55dcc497934f1a", receiver.awaitDocuments(d -> d.size() == 1, WAIT).get(0).id());
    }

    @Test
    void aFailingListenerDoesNotStopTheReceiver() throws InterruptedException {
        receiver.onDocument(d -> {
            throw new IllegalStateException("listener bug, expected by this test");
        });

        Udp.send(receiver.address(), ProtocolExamples.datagram(ProtocolExamples.SEGMENT),
                ProtocolExamples.datagram(ProtocolExamples.SUBSEGMENT));

        assertEquals(2, receiver.awaitDocuments(d -> d.size() == 2, WAIT).size());
    }

    @Test
    void receivesADatagramNearTheSizeLimitWhole() throws InterruptedException {
        StringBuilder padding = new StringBuilder();
        while (padding.length() < 64000) {
            padding.append("0123456789");
        }
        String document = "{\"name\":\"big\",\"id\":\"1111111111111111\","
                + "\"trace_id\":\"1-6650f3a1-0c4e2d9e8f1a2b3c4d5e6f70\","
                + "\"start_time\":1.0,\"end_time\":2.0,\"metadata\":{\"default\":{\"padding\":\"" + padding + "\"}}}";

        Udp.send(receiver.address(), ProtocolExamples.datagram(document));

        ReceivedDocument received = receiver.awaitDocuments(d -> d.size() == 1, WAIT).get(0);
        assertEquals(document, received.body());
        assertTrue(received.datagramBytes() > 64000);
    }

    @Test
    void closeStopsTheReaderThreadAndFreesThePort() throws Exception {
        BlockingQueue<Thread> readers = new LinkedBlockingQueue<Thread>();
        receiver.onDocument(d -> readers.add(Thread.currentThread()));
        Udp.send(receiver.address(), ProtocolExamples.datagram(ProtocolExamples.SEGMENT));
        Thread reader = readers.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(LocalReceiver.THREAD_NAME, reader.getName());
        assertTrue(reader.isDaemon());

        receiver.close();

        reader.join(WAIT.toMillis());
        assertFalse(reader.isAlive());
        try (LocalReceiver again = LocalReceiver.start(receiver.address())) {
            assertEquals(receiver.address(), again.address());
        }
    }

    private List<String> awaitRejected(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (receiver.rejected().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<String> rejected = receiver.rejected();
        assertEquals(count, rejected.size(), rejected.toString());
        return rejected;
    }
}
