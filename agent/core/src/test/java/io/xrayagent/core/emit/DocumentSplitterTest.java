package io.xrayagent.core.emit;

import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.model.Tree;
import io.xrayagent.receiver.Json;
import io.xrayagent.testing.SchemaValidator;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.xrayagent.core.emit.BigTrees.NO_STREAMING;
import static io.xrayagent.core.emit.BigTrees.START;
import static io.xrayagent.core.emit.SegmentWriterTest.IDENTITY;
import static io.xrayagent.core.emit.SegmentWriterTest.list;
import static io.xrayagent.core.emit.SegmentWriterTest.object;
import static io.xrayagent.core.emit.SegmentWriterTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DocumentSplitterTest {
    /** The Java SDK's datagram limit less the header line, as the emitter configures the splitter. */
    private static final int BUDGET = 64512 - UdpEmitter.HEADER.length;

    @Test
    void theHeaderLineIsThirtyBytes() {
        assertEquals(30, UdpEmitter.HEADER.length);
    }

    @Test
    void aSmallTreeIsOneDocument() throws IOException {
        Segment segment = BigTrees.segment("small");
        List<Subsegment> calls = BigTrees.fatCalls(segment, 3);
        Tree.endSegment(segment, START + 10_000);
        DocumentSplitter splitter = new DocumentSplitter(new SegmentWriter(IDENTITY), BUDGET);

        List<byte[]> documents = splitter.documents(segment);

        assertEquals(1, documents.size());
        assertEquals(0, splitter.takeSplitCount());
        BigTrees.Census census = census(documents, BUDGET);
        census.assertEachOnceUnderItsParent(calls);
        assertTrue(census.independent.isEmpty());
    }

    @Test
    void aTreeThatFitsIsWrittenWholeIntoTheDatagramAsTheSameDocument() {
        Segment segment = BigTrees.segment("small");
        BigTrees.fatCalls(segment, 3);
        Tree.endSegment(segment, START + 10_000);
        DocumentSplitter splitter = new DocumentSplitter(new SegmentWriter(IDENTITY), BUDGET);
        java.nio.ByteBuffer datagram = java.nio.ByteBuffer.allocateDirect(64512);
        datagram.put(UdpEmitter.HEADER);

        assertTrue(splitter.writeWhole(segment, SegmentWriter.Form.SEGMENT, datagram));

        byte[] expected = splitter.documents(segment).get(0);
        datagram.flip();
        datagram.position(UdpEmitter.HEADER.length);
        byte[] written = new byte[datagram.remaining()];
        datagram.get(written);
        assertEquals(new String(expected, java.nio.charset.StandardCharsets.UTF_8),
                new String(written, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aTreeThatMustBeSplitIsNotWrittenWhole() {
        Segment segment = BigTrees.segment("orders-api");
        BigTrees.fatCalls(segment, 500);
        Tree.endSegment(segment, START + 10_000);
        DocumentSplitter splitter = new DocumentSplitter(new SegmentWriter(IDENTITY), BUDGET);
        java.nio.ByteBuffer datagram = java.nio.ByteBuffer.allocateDirect(64512);
        datagram.put(UdpEmitter.HEADER);

        assertFalse(splitter.writeWhole(segment, SegmentWriter.Form.SEGMENT, datagram));
        assertEquals(UdpEmitter.HEADER.length, datagram.position(), "the datagram is left as it was");
    }

    @Test
    void fiveHundredCallsSplitIntoDocumentsThatEachFit() throws IOException {
        Segment segment = BigTrees.segment("orders-api");
        List<Subsegment> calls = BigTrees.fatCalls(segment, 500);
        Tree.endSegment(segment, START + 10_000);
        DocumentSplitter splitter = new DocumentSplitter(new SegmentWriter(IDENTITY), BUDGET);

        List<byte[]> documents = splitter.documents(segment);

        assertTrue(documents.size() > 1);
        assertEquals(1, splitter.takeSplitCount());
        assertEquals(0, splitter.takeTruncatedCount(), "no single call is too large on its own");
        BigTrees.Census census = census(documents, BUDGET);
        assertEquals(1, census.segments.size(), "the segment is sent exactly once");
        Map<String, Object> segmentDoc = census.segments.get(0);
        assertEquals(segment.id(), segmentDoc.get("id"));
        assertEquals(segment.traceId(), segmentDoc.get("trace_id"));
        census.assertEachOnceUnderItsParent(calls);
        assertEquals(501, census.occurrences.size(), "the segment and its 500 calls, nothing else");
        for (Map<String, Object> independent : census.independent) {
            assertEquals(segment.id(), independent.get("parent_id"));
            assertEquals(segment.traceId(), independent.get("trace_id"));
            assertEquals("remote", independent.get("namespace"));
            // Each keeps its full detail: only the grouping changed.
            Map<String, Object> exception = object(list(object(independent.get("cause")).get("exceptions")).get(0));
            assertEquals(30, list(exception.get("stack")).size());
            assertFalse(independent.containsKey("metadata"));
        }
        // The segment document keeps as many calls embedded as fit.
        assertTrue(list(segmentDoc.get("subsegments")).size() > 1);
        assertEquals(500, list(segmentDoc.get("subsegments")).size() + census.independent.size());
    }

    @Test
    void aNestedSubsegmentWithManyChildrenSplitsAtItsOwnLevel() throws IOException {
        Segment segment = BigTrees.segment("orders-api");
        Subsegment batch = Tree.begin(segment, "batch", null, START + 1);
        List<Subsegment> calls = BigTrees.fatCalls(batch, 300);
        Tree.endSubsegment(batch, START + 5_000, NO_STREAMING);
        List<Subsegment> direct = BigTrees.fatCalls(segment, 3);
        Tree.endSegment(segment, START + 10_000);
        DocumentSplitter splitter = new DocumentSplitter(new SegmentWriter(IDENTITY), BUDGET);

        List<byte[]> documents = splitter.documents(segment);

        BigTrees.Census census = census(documents, BUDGET);
        assertEquals(1, census.segments.size());
        census.assertEachOnceUnderItsParent(calls);
        census.assertEachOnceUnderItsParent(direct);
        List<Subsegment> batchOnly = new ArrayList<Subsegment>();
        batchOnly.add(batch);
        census.assertEachOnceUnderItsParent(batchOnly);
        assertEquals(1 + 1 + 300 + 3, census.occurrences.size());
        int underBatch = 0;
        Map<String, Object> batchDoc = null;
        for (Map<String, Object> independent : census.independent) {
            assertEquals(segment.traceId(), independent.get("trace_id"));
            if (batch.id().equals(independent.get("id"))) {
                batchDoc = independent;
                assertEquals(segment.id(), independent.get("parent_id"));
            } else if (batch.id().equals(independent.get("parent_id"))) {
                underBatch++;
            }
        }
        // The batch went out on its own (it cannot fit in the segment's document), with the calls that fit.
        assertTrue(batchDoc != null, "batch was sent as an independent subsegment");
        int embeddedInBatch = list(batchDoc.get("subsegments")).size();
        assertTrue(embeddedInBatch > 1);
        assertEquals(300, embeddedInBatch + underBatch);
    }

    @Test
    void anEntityTooLargeOnItsOwnIsSentWithoutItsStacksAndMarkedTruncated() throws IOException {
        Segment segment = BigTrees.segment("svc");
        segment.setResponse(500, -1);
        segment.recordException(segment, BigTrees.withFrames(new RuntimeException("boom"), 200), 500);
        Tree.endSegment(segment, START + 10_000);
        DocumentSplitter splitter = new DocumentSplitter(new SegmentWriter(IDENTITY), 2000);

        List<byte[]> documents = splitter.documents(segment);

        assertEquals(1, documents.size());
        assertEquals(1, splitter.takeTruncatedCount());
        assertEquals(0, splitter.takeTruncatedCount(), "the count is reset once taken");
        Map<String, Object> doc = census(documents, 2000).segments.get(0);
        assertEquals(Boolean.TRUE, object(object(doc.get("metadata")).get("xray_agent")).get("truncated"));
        assertEquals(Boolean.TRUE, doc.get("fault"));
        Map<String, Object> exception = object(list(object(doc.get("cause")).get("exceptions")).get(0));
        assertEquals("boom", exception.get("message"));
        assertNull(exception.get("stack"));
        assertEquals(200L, exception.get("truncated"), "every frame left out is counted");
        assertEquals(segment.id(), doc.get("id"));
        assertEquals(segment.traceId(), doc.get("trace_id"));
    }

    @Test
    void whenEvenTheCauseDoesNotFitOnlyTheEntityIsKept() throws IOException {
        Segment segment = BigTrees.segment("svc");
        StringBuilder message = new StringBuilder();
        while (message.length() < 3000) {
            message.append("very long message ");
        }
        Throwable chain = new RuntimeException(message.toString());
        for (int i = 0; i < 5; i++) {
            chain = new RuntimeException(message.toString(), chain);
        }
        segment.recordException(segment, chain, 50);
        Tree.endSegment(segment, START + 10_000);
        DocumentSplitter splitter = new DocumentSplitter(new SegmentWriter(IDENTITY), 2000);

        List<byte[]> documents = splitter.documents(segment);

        Map<String, Object> doc = census(documents, 2000).segments.get(0);
        assertFalse(doc.containsKey("cause"));
        assertEquals(Boolean.TRUE, doc.get("fault"));
        assertEquals(Boolean.TRUE, object(object(doc.get("metadata")).get("xray_agent")).get("truncated"));
    }

    @Test
    void aChildTooLargeOnItsOwnGoesOutTruncatedUnderItsParent() throws IOException {
        Segment segment = BigTrees.segment("svc");
        Subsegment small = Tree.begin(segment, "small", null, START + 1);
        Tree.endSubsegment(small, START + 2, NO_STREAMING);
        Subsegment big = Tree.begin(segment, "big.example.com", "remote", START + 3);
        segment.recordException(big, BigTrees.withFrames(new RuntimeException("boom"), 200), 500);
        Tree.endSubsegment(big, START + 4, NO_STREAMING);
        Tree.endSegment(segment, START + 10_000);
        DocumentSplitter splitter = new DocumentSplitter(new SegmentWriter(IDENTITY), 2000);

        List<byte[]> documents = splitter.documents(segment);

        BigTrees.Census census = census(documents, 2000);
        List<Subsegment> both = new ArrayList<Subsegment>();
        both.add(small);
        both.add(big);
        census.assertEachOnceUnderItsParent(both);
        assertEquals(1, census.independent.size());
        Map<String, Object> bigDoc = census.independent.get(0);
        assertEquals(big.id(), bigDoc.get("id"));
        assertEquals(segment.id(), bigDoc.get("parent_id"));
        assertEquals(Boolean.TRUE, object(object(bigDoc.get("metadata")).get("xray_agent")).get("truncated"));
        assertFalse(census.segments.get(0).containsKey("metadata"), "the segment itself was not truncated");
    }

    @Test
    void anIndependentSubsegmentIsSplitTheSameWay() throws IOException {
        Segment segment = BigTrees.segment("svc");
        Subsegment batch = Tree.begin(segment, "batch", null, START + 1);
        List<Subsegment> calls = BigTrees.fatCalls(batch, 120);
        Tree.endSubsegment(batch, START + 5_000, NO_STREAMING);
        DocumentSplitter splitter = new DocumentSplitter(new SegmentWriter(IDENTITY), BUDGET);

        List<byte[]> documents = splitter.documents(batch);

        BigTrees.Census census = census(documents, BUDGET);
        assertTrue(census.segments.isEmpty());
        census.assertEachOnceUnderItsParent(calls);
        assertEquals(121, census.occurrences.size());
        for (Map<String, Object> independent : census.independent) {
            String expectedParent = batch.id().equals(independent.get("id")) ? segment.id() : batch.id();
            assertEquals(expectedParent, independent.get("parent_id"));
        }
    }

    /** Checks that every document fits and conforms, and counts what they contain. */
    private static BigTrees.Census census(List<byte[]> documents, int budget) {
        BigTrees.Census census = new BigTrees.Census();
        for (byte[] document : documents) {
            assertTrue(document.length <= budget, "document of " + document.length + " bytes exceeds " + budget);
            String json = text(document);
            SchemaValidator.assertValid(json);
            census.add(object(Json.parse(json)));
        }
        return census;
    }
}
