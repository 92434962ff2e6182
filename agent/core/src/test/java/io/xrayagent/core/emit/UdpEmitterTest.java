package io.xrayagent.core.emit;

import io.xrayagent.core.config.DaemonAddress;
import io.xrayagent.core.model.HttpRequestData;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.model.Tree;
import io.xrayagent.receiver.LocalReceiver;
import io.xrayagent.receiver.ReceivedDocument;
import io.xrayagent.testing.SchemaValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.xrayagent.core.emit.BigTrees.START;
import static io.xrayagent.core.emit.SegmentWriterTest.IDENTITY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UdpEmitterTest {
    private static final int MAX_DATAGRAM = 64512;
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final List<UdpEmitter> emitters = new ArrayList<UdpEmitter>();
    private LocalReceiver receiver;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stopAll() {
        for (UdpEmitter emitter : emitters) {
            emitter.shutdown(1, TimeUnit.SECONDS);
        }
        receiver.close();
    }

    private UdpEmitter emitter(String daemonAddress, int queueSize) {
        UdpEmitter emitter = new UdpEmitter(DaemonAddress.parse(daemonAddress), queueSize, MAX_DATAGRAM, IDENTITY);
        emitters.add(emitter);
        return emitter;
    }

    private static Segment smallSegment(String name) {
        Segment segment = BigTrees.segment(name);
        segment.setRequest(HttpRequestData.incoming("GET", "http://localhost/health", "probe", "127.0.0.1", false));
        segment.setResponse(200, 2);
        Tree.endSegment(segment, START + 1000);
        return segment;
    }

    @Test
    void aSegmentArrivesAsOneDatagramWithTheDaemonHeader() throws InterruptedException {
        UdpEmitter emitter = emitter(receiver.daemonAddress(), 64);
        Segment segment = smallSegment("health-api");

        emitter.sendSegment(segment);

        assertTrue(emitter.flush(10, TimeUnit.SECONDS));
        List<ReceivedDocument> documents = receiver.awaitDocuments(d -> d.size() >= 1, WAIT);
        assertEquals(1, documents.size());
        ReceivedDocument document = documents.get(0);
        assertEquals("{\"format\":\"json\",\"version\":1}", document.header());
        assertEquals("health-api", document.name());
        assertEquals(segment.id(), document.id());
        assertEquals(segment.traceId(), document.traceId());
        assertEquals("53995c3f42cd8ad8", document.parentId());
        assertFalse(document.isIndependentSubsegment());
        assertFalse(document.isInProgress());
        SchemaValidator.assertValid(document.body());
        assertTrue(receiver.rejected().isEmpty(), receiver.rejected().toString());
        UdpEmitter.Stats stats = emitter.stats();
        assertEquals(1, stats.sent);
        assertEquals(0, stats.dropped);
        assertEquals(0, stats.failed);
    }

    @Test
    void anIndependentSubsegmentArrivesWithItsParentLink() throws InterruptedException {
        UdpEmitter emitter = emitter(receiver.daemonAddress(), 64);
        Segment segment = BigTrees.segment("svc");
        Subsegment late = Tree.begin(segment, "late.example.com", "remote", START + 1);
        Tree.endSegment(segment, START + 2);
        List<Subsegment> independent = Tree.endSubsegment(late, START + 3, 100);

        emitter.sendSegment(segment);
        emitter.sendSubsegment(independent.get(0));

        List<ReceivedDocument> documents = receiver.awaitDocuments(d -> d.size() >= 2, WAIT);
        ReceivedDocument sub = documents.get(0).isIndependentSubsegment() ? documents.get(0) : documents.get(1);
        assertTrue(sub.isIndependentSubsegment());
        assertEquals(late.id(), sub.id());
        assertEquals(segment.id(), sub.parentId());
        assertEquals(segment.traceId(), sub.traceId());
        for (ReceivedDocument document : documents) {
            SchemaValidator.assertValid(document.body());
        }
    }

    @Test
    void aSegmentWithFiveHundredCallsArrivesSplitWithNothingLost() throws InterruptedException {
        UdpEmitter emitter = emitter(receiver.daemonAddress(), 64);
        Segment segment = BigTrees.segment("orders-api");
        // Calls without a cause: the overflow goes out as one datagram per call, in a burst, and the test's
        // receiver must be able to buffer the burst (UDP loss on the receiving side is not the emitter's).
        final List<Subsegment> calls = BigTrees.urlCalls(segment, 500);
        Tree.endSegment(segment, START + 10_000);

        emitter.sendSegment(segment);

        assertTrue(emitter.flush(20, TimeUnit.SECONDS));
        final long sent = emitter.stats().sent;
        assertTrue(sent > 1, "split into several datagrams: " + emitter.stats());
        List<ReceivedDocument> documents = receiver.awaitDocuments(d -> d.size() >= sent, WAIT);
        assertEquals(sent, documents.size());
        BigTrees.Census census = new BigTrees.Census();
        for (ReceivedDocument document : documents) {
            assertTrue(document.datagramBytes() <= MAX_DATAGRAM, document.datagramBytes() + " bytes");
            assertEquals("{\"format\":\"json\",\"version\":1}", document.header());
            assertEquals(segment.traceId(), document.traceId());
            census.add(document.json());
        }
        assertEquals(1, census.segments.size());
        census.assertEachOnceUnderItsParent(calls);
        for (ReceivedDocument document : documents) {
            if (document.isIndependentSubsegment()) {
                assertEquals(segment.id(), document.parentId());
            }
        }
        assertTrue(receiver.rejected().isEmpty(), receiver.rejected().toString());
        UdpEmitter.Stats stats = emitter.stats();
        assertEquals(1, stats.split);
        assertEquals(0, stats.failed);
        assertEquals(0, stats.truncated);
    }

    @Test
    void aFloodedQueueDropsInsteadOfBlockingOrThrowing() {
        UdpEmitter emitter = emitter(receiver.daemonAddress(), 16);
        // Segments heavy enough that the sender thread cannot keep up with the producer.
        List<Segment> segments = new ArrayList<Segment>();
        for (int i = 0; i < 200; i++) {
            Segment segment = BigTrees.segment("flood");
            BigTrees.fatCalls(segment, 10);
            Tree.endSegment(segment, START + 10_000);
            segments.add(segment);
        }

        int offered = 0;
        for (int round = 0; round < 25; round++) {
            for (Segment segment : segments) {
                emitter.sendSegment(segment);
                offered++;
            }
        }

        UdpEmitter.Stats afterOffer = emitter.stats();
        assertTrue(afterOffer.dropped > 0, "expected drops with a queue of 16: " + afterOffer);
        assertTrue(emitter.flush(30, TimeUnit.SECONDS));
        UdpEmitter.Stats stats = emitter.stats();
        // Each of these segments fits one datagram: everything offered was either sent or counted as dropped.
        assertEquals(0, stats.split, "each segment fits one datagram: " + stats);
        assertEquals(offered, stats.sent + stats.dropped, stats.toString());
        assertEquals(0, stats.failed);
    }

    @Test
    void withNoDaemonListeningSendingNeverThrowsAndFlushReturns() throws IOException {
        int deadPort;
        DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        try {
            deadPort = probe.getLocalPort();
        } finally {
            probe.close();
        }
        UdpEmitter emitter = emitter("127.0.0.1:" + deadPort, 64);

        for (int i = 0; i < 20; i++) {
            emitter.sendSegment(smallSegment("nobody-listens"));
        }

        assertTrue(emitter.flush(20, TimeUnit.SECONDS));
        UdpEmitter.Stats stats = emitter.stats();
        assertEquals(20, stats.sent + stats.failed, stats.toString());
        assertEquals(0, stats.dropped);
        // The emitter is still usable afterwards: a daemon that starts later gets the next segments.
        emitter.sendSegment(smallSegment("still-alive"));
        assertTrue(emitter.flush(20, TimeUnit.SECONDS));
    }

    @Test
    void aDaemonThatStartsAfterFailedSendsReceivesTheNextSegments() throws IOException, InterruptedException {
        int port;
        DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        try {
            port = probe.getLocalPort();
        } finally {
            probe.close();
        }
        UdpEmitter emitter = emitter("127.0.0.1:" + port, 64);
        // A connected channel learns of the missing listener (port unreachable) and fails a later send.
        for (int i = 0; i < 20; i++) {
            emitter.sendSegment(smallSegment("before-the-daemon"));
            assertTrue(emitter.flush(20, TimeUnit.SECONDS));
        }
        assertTrue(emitter.stats().failed > 0, "sends to a closed port fail: " + emitter.stats());

        LocalReceiver late = LocalReceiver.start(new InetSocketAddress("127.0.0.1", port));
        try {
            Segment segment = smallSegment("after-the-daemon");
            emitter.sendSegment(segment);
            emitter.sendSegment(smallSegment("after-the-daemon"));
            List<ReceivedDocument> documents = late.awaitDocuments(d -> d.size() >= 1, WAIT);
            assertEquals("after-the-daemon", documents.get(0).name());
        } finally {
            late.close();
        }
    }

    @Test
    void aDaemonAddressGivenByDnsNameWorks() throws IOException, InterruptedException {
        InetAddress localhost = InetAddress.getByName("localhost");
        LocalReceiver named = LocalReceiver.start(new InetSocketAddress(localhost, 0));
        try {
            UdpEmitter emitter = emitter("localhost:" + named.address().getPort(), 64);
            Segment segment = smallSegment("dns-api");

            emitter.sendSegment(segment);

            List<ReceivedDocument> documents = named.awaitDocuments(d -> d.size() >= 1, WAIT);
            assertEquals(segment.id(), documents.get(0).id());
            assertEquals("dns-api", documents.get(0).name());
        } finally {
            named.close();
        }
    }

    @Test
    void shutdownSendsWhatIsQueued() throws InterruptedException {
        UdpEmitter emitter = new UdpEmitter(DaemonAddress.parse(receiver.daemonAddress()), 64, MAX_DATAGRAM, IDENTITY);
        List<String> ids = new ArrayList<String>();
        for (int i = 0; i < 10; i++) {
            Segment segment = smallSegment("shutdown");
            ids.add(segment.id());
            emitter.sendSegment(segment);
        }

        emitter.shutdown(10, TimeUnit.SECONDS);

        List<ReceivedDocument> documents = receiver.awaitDocuments(d -> d.size() >= 10, WAIT);
        List<String> received = new ArrayList<String>();
        for (ReceivedDocument document : documents) {
            received.add(document.id());
        }
        assertTrue(received.containsAll(ids), received.toString());
    }
}
