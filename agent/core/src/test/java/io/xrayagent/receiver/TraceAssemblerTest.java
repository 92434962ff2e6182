package io.xrayagent.receiver;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceAssemblerTest {
    private static final String TRACE = "\"trace_id\":\"1-6650f3a1-0c4e2d9e8f1a2b3c4d5e6f70\"";

    @Test
    void nestsTheCalleeSegmentUnderTheCallersRemoteSubsegment() {
        List<TraceNode> roots = TraceAssembler.assemble(Documents.list(
                TwoServiceTrace.SEGMENT_B, TwoServiceTrace.INDEPENDENT_OF_A, TwoServiceTrace.SEGMENT_A));

        assertEquals(1, roots.size());
        TraceNode a = roots.get(0);
        assertEquals("a000000000000001", a.id());
        assertTrue(a.isSegment() && a.isDocument());
        assertEquals(2, a.children().size());
        TraceNode remote = a.children().get(0);
        assertEquals("5000000000000001", remote.id());
        assertFalse(remote.isSegment() || remote.isDocument());
        TraceNode b = remote.children().get(0);
        assertEquals("b000000000000001", b.id());
        assertTrue(b.isSegment());
        TraceNode independent = a.children().get(1);
        assertEquals("c000000000000001", independent.id());
        assertTrue(independent.isDocument() && !independent.isSegment());
    }

    @Test
    void aLaterCompleteDocumentReplacesTheInProgressOne() {
        String inProgress = "{\"name\":\"slow\",\"id\":\"f000000000000001\"," + TRACE
                + ",\"start_time\":1.0,\"in_progress\":true,\"subsegments\":[{\"name\":\"early\","
                + "\"id\":\"f000000000000002\",\"start_time\":1.1,\"in_progress\":true}]}";
        String complete = "{\"name\":\"slow\",\"id\":\"f000000000000001\"," + TRACE
                + ",\"start_time\":1.0,\"end_time\":3.0}";
        String streamedChild = "{\"type\":\"subsegment\",\"name\":\"early\",\"id\":\"f000000000000002\"," + TRACE
                + ",\"parent_id\":\"f000000000000001\",\"start_time\":1.1,\"end_time\":1.2}";

        String rendered = TraceTreePrinter.render(Documents.list(inProgress, streamedChild, complete));

        assertEquals(""
                + "trace 1-6650f3a1-0c4e2d9e8f1a2b3c4d5e6f70  (3 documents)\n"
                + "  slow  2000.0 ms\n"
                + "    early  100.0 ms\n", rendered);
    }

    @Test
    void anInProgressDocumentArrivingLateDoesNotHideTheCompleteOne() {
        String complete = "{\"name\":\"slow\",\"id\":\"f000000000000001\"," + TRACE
                + ",\"start_time\":1.0,\"end_time\":3.0}";
        String inProgress = "{\"name\":\"slow\",\"id\":\"f000000000000001\"," + TRACE
                + ",\"start_time\":1.0,\"in_progress\":true}";

        List<TraceNode> roots = TraceAssembler.assemble(Documents.list(complete, inProgress));

        assertEquals(1, roots.size());
        assertFalse(roots.get(0).isInProgress());
        assertEquals(3.0, roots.get(0).endTime(), 0.0);
    }

    @Test
    void anOrphanBecomesARootThatNamesItsMissingParent() {
        String orphan = "{\"type\":\"subsegment\",\"name\":\"lost\",\"id\":\"f000000000000003\"," + TRACE
                + ",\"parent_id\":\"f0000000000000ff\",\"start_time\":1.0,\"end_time\":1.5}";
        String root = "{\"name\":\"root\",\"id\":\"f000000000000004\"," + TRACE + ",\"start_time\":0.5,\"end_time\":2}";

        List<TraceNode> roots = TraceAssembler.assemble(Documents.list(orphan, root));

        assertEquals(2, roots.size());
        assertEquals("root", roots.get(0).name());
        assertNull(roots.get(0).missingParentId());
        assertEquals("f0000000000000ff", roots.get(1).missingParentId());
    }

    @Test
    void documentsThatNameEachOtherAsParentDoNotLoop() {
        String x = "{\"name\":\"x\",\"id\":\"f000000000000005\",\"parent_id\":\"f000000000000006\"," + TRACE
                + ",\"start_time\":1,\"end_time\":2}";
        String y = "{\"name\":\"y\",\"id\":\"f000000000000006\",\"parent_id\":\"f000000000000005\"," + TRACE
                + ",\"start_time\":1,\"end_time\":2}";
        String self = "{\"name\":\"self\",\"id\":\"f000000000000007\",\"parent_id\":\"f000000000000007\"," + TRACE
                + ",\"start_time\":3,\"end_time\":4}";

        String rendered = TraceTreePrinter.render(Documents.list(x, y, self));

        assertEquals(""
                + "trace 1-6650f3a1-0c4e2d9e8f1a2b3c4d5e6f70  (3 documents)\n"
                + "  y  1000.0 ms\n"
                + "    x  1000.0 ms\n"
                + "  self  1000.0 ms\n", rendered);
    }
}
