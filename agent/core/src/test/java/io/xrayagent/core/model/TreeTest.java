package io.xrayagent.core.model;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TreeTest {
    private static final int THRESHOLD = 100;
    private static final long T0 = 1716581281000000L;

    private static Segment segment() {
        return new Segment(Ids.newTraceId(T0 / 1_000_000L), Ids.newEntityId(), "orders-api", T0, null, null, null);
    }

    private static List<Subsegment> open(Entity parent, String prefix, int count) {
        List<Subsegment> opened = new ArrayList<Subsegment>();
        for (int i = 0; i < count; i++) {
            opened.add(Tree.begin(parent, prefix + i, null, T0 + 1));
        }
        return opened;
    }

    // ---- streaming

    @Test
    void beginAddsChildrenAndCountsThem() {
        Segment segment = segment();
        Subsegment a = Tree.begin(segment, "a", "remote", T0 + 10);
        Subsegment b = Tree.begin(a, "b", null, T0 + 20);

        assertEquals(Arrays.asList(a), segment.children());
        assertEquals(Arrays.asList(b), a.children());
        assertSame(segment, a.parent());
        assertSame(a, b.parent());
        assertSame(segment, b.segment());
        assertEquals(segment.traceId(), b.traceId());
        assertEquals(2, segment.inMemorySubsegments());
        assertNotEquals(a.id(), b.id());
        assertEquals("remote", a.namespace());
        assertNull(b.namespace());
    }

    @Test
    void belowTheThresholdNothingIsStreamed() {
        Segment segment = segment();
        List<Subsegment> children = open(segment, "c", THRESHOLD);

        for (Subsegment child : children) {
            assertNull(Tree.endSubsegment(child, T0 + 5, THRESHOLD));
        }
        assertEquals(THRESHOLD, segment.children().size());
        assertEquals(THRESHOLD, segment.inMemorySubsegments());

        assertTrue(Tree.endSegment(segment, T0 + 10));
        assertEquals(THRESHOLD, segment.children().size(), "the segment goes out with all its children");
    }

    @Test
    void beyondTheThresholdEndedChildrenAreDetachedAndReturned() {
        Segment segment = segment();
        List<Subsegment> children = open(segment, "c", THRESHOLD + 1);

        List<Subsegment> streamed = Tree.endSubsegment(children.get(0), T0 + 5, THRESHOLD);

        assertEquals(Arrays.asList(children.get(0)), streamed);
        assertFalse(segment.children().contains(children.get(0)));
        assertEquals(THRESHOLD, segment.children().size());
        assertEquals(THRESHOLD, segment.inMemorySubsegments());
        assertSame(segment, children.get(0).parent(), "the parent link stays for the document's parent_id");
        // Back at the threshold: the next one stays in memory.
        assertNull(Tree.endSubsegment(children.get(1), T0 + 5, THRESHOLD));
        assertTrue(segment.children().contains(children.get(1)));
    }

    @Test
    void aCompletedSubtreeIsStreamedAtItsHighestCompleteLevel() {
        Segment segment = segment();
        Subsegment a = Tree.begin(segment, "a", null, T0 + 1);
        List<Subsegment> grandchildren = open(a, "a", 2);
        Subsegment a0child = Tree.begin(grandchildren.get(0), "deep", null, T0 + 2);
        // 4 under a, plus 96 open siblings: exactly at the threshold.
        List<Subsegment> siblings = open(segment, "s", THRESHOLD - 4);
        assertEquals(THRESHOLD, segment.inMemorySubsegments());

        assertNull(Tree.endSubsegment(a0child, T0 + 3, THRESHOLD));
        assertNull(Tree.endSubsegment(grandchildren.get(0), T0 + 3, THRESHOLD));
        assertNull(Tree.endSubsegment(grandchildren.get(1), T0 + 3, THRESHOLD));
        Subsegment extra = Tree.begin(segment, "extra", null, T0 + 3);
        assertEquals(THRESHOLD + 1, segment.inMemorySubsegments());

        List<Subsegment> streamed = Tree.endSubsegment(a, T0 + 4, THRESHOLD);

        // a goes out whole, with its completed descendants embedded, not each of them on its own.
        assertEquals(Arrays.asList(a), streamed);
        assertEquals(grandchildren, a.children());
        assertEquals(Arrays.asList(a0child), grandchildren.get(0).children());
        assertFalse(segment.children().contains(a));
        assertEquals(THRESHOLD + 1 - 4, segment.inMemorySubsegments());
        // Open subsegments stay.
        assertTrue(segment.children().containsAll(siblings));
        assertTrue(segment.children().contains(extra));
        assertEquals(siblings.size() + 1, segment.children().size());
    }

    @Test
    void completedChildrenOfAnOpenSubsegmentAreStreamedButNotTheOpenParent() {
        Segment segment = segment();
        Subsegment open = Tree.begin(segment, "open", null, T0 + 1);
        List<Subsegment> done = open(open, "done", 3);
        Subsegment stillOpen = Tree.begin(open, "still-open", null, T0 + 1);
        Subsegment stillOpenChild = Tree.begin(stillOpen, "ended-under-open", null, T0 + 1);
        List<Subsegment> siblings = open(segment, "s", THRESHOLD - 6);
        assertEquals(THRESHOLD, segment.inMemorySubsegments());
        assertNull(Tree.endSubsegment(done.get(0), T0 + 2, THRESHOLD));
        assertNull(Tree.endSubsegment(done.get(1), T0 + 2, THRESHOLD));
        assertNull(Tree.endSubsegment(stillOpenChild, T0 + 2, THRESHOLD));
        Tree.begin(segment, "pushes-over", null, T0 + 2);

        List<Subsegment> streamed = Tree.endSubsegment(done.get(2), T0 + 3, THRESHOLD);

        assertNotNull(streamed);
        assertEquals(4, streamed.size(), streamed.toString());
        assertTrue(streamed.containsAll(done));
        assertTrue(streamed.contains(stillOpenChild));
        assertFalse(streamed.contains(open));
        assertFalse(streamed.contains(stillOpen));
        // The open ones keep their place in the tree; the streamed ones are gone from their parents.
        assertEquals(Arrays.asList(stillOpen), open.children());
        assertTrue(stillOpen.children().isEmpty());
        assertTrue(segment.children().contains(open));
        assertEquals(THRESHOLD + 1 - 4, segment.inMemorySubsegments());
        for (Subsegment each : streamed) {
            assertTrue(each.isSubtreeEnded());
        }
        assertEquals(siblings.size() + 2, segment.children().size());
    }

    @Test
    void anOpenSubtreeIsNeverStreamed() {
        Segment segment = segment();
        List<Subsegment> parents = open(segment, "p", 60);
        List<Subsegment> leaves = new ArrayList<Subsegment>();
        for (Subsegment parent : parents) {
            leaves.add(Tree.begin(parent, "leaf", null, T0 + 2));
        }
        assertEquals(120, segment.inMemorySubsegments());

        // Ending a parent whose child is open streams nothing from it.
        assertNull(Tree.endSubsegment(parents.get(0), T0 + 3, THRESHOLD));
        assertTrue(segment.children().contains(parents.get(0)));
        assertEquals(120, segment.inMemorySubsegments());

        List<Subsegment> streamed = Tree.endSubsegment(leaves.get(0), T0 + 4, THRESHOLD);
        assertEquals(Arrays.asList(parents.get(0)), streamed, "parent and leaf go out together");
        assertEquals(118, segment.inMemorySubsegments());
    }

    @Test
    void aSubsegmentEndingAfterItsSegmentWasSentIsReturnedAlone() {
        Segment segment = segment();
        Subsegment late = Tree.begin(segment, "late", null, T0 + 1);
        Subsegment lateChild = Tree.begin(late, "late-child", null, T0 + 1);
        Subsegment done = Tree.begin(segment, "done", null, T0 + 1);
        assertNull(Tree.endSubsegment(done, T0 + 2, THRESHOLD));

        assertTrue(Tree.endSegment(segment, T0 + 3));
        assertTrue(segment.isSent());
        assertFalse(Tree.endSegment(segment, T0 + 4), "a segment is sent once");

        List<Subsegment> first = Tree.endSubsegment(late, T0 + 5, THRESHOLD);
        assertEquals(Arrays.asList(late), first);
        assertFalse(segment.children().contains(late));
        assertEquals(Arrays.asList(lateChild), late.children(), "the open child travels in_progress");

        List<Subsegment> second = Tree.endSubsegment(lateChild, T0 + 6, THRESHOLD);
        assertEquals(Arrays.asList(lateChild), second);
        assertTrue(late.children().isEmpty());
        assertEquals(Arrays.asList(done), segment.children(), "only 'done' is left in the segment");
    }

    @Test
    void endingTwiceReturnsNothingTheSecondTime() {
        Segment segment = segment();
        Subsegment child = Tree.begin(segment, "c", null, T0 + 1);
        assertNull(Tree.endSubsegment(child, T0 + 2, THRESHOLD));
        long end = child.endMicros();

        assertNull(Tree.endSubsegment(child, T0 + 9, THRESHOLD));
        assertEquals(end, child.endMicros());
    }

    @Test
    void anEndBeforeTheStartIsClampedToTheStart() {
        Segment segment = segment();
        Subsegment child = Tree.begin(segment, "c", null, T0 + 100);
        Tree.endSubsegment(child, T0 + 50, THRESHOLD);
        assertEquals(T0 + 100, child.endMicros());
        assertTrue(child.isEnded());
    }

    // ---- names

    @Test
    void namesKeepAllowedCharacters() {
        assertEquals("orders-api", Names.sanitize("orders-api", "fallback"));
        assertEquals("api.example.com:8080/path_1%20&#=+@", Names.sanitize("api.example.com:8080/path_1%20&#=+@", "f"));
        assertEquals("Café 東京 ñ", Names.sanitize("Café 東京 ñ", "f"));
    }

    @Test
    void namesDropRejectedCharacters() {
        assertEquals("orders api", Names.sanitize("orders!? api()", "fallback"));
        assertEquals("abc", Names.sanitize("a;b*c$~^<>", "fallback"));
        assertEquals("tab", Names.sanitize("t\u0000a\nb", "fallback"));
    }

    @Test
    void emptyOrNullNamesBecomeTheFallback() {
        assertEquals("fallback", Names.sanitize(null, "fallback"));
        assertEquals("fallback", Names.sanitize("", "fallback"));
        assertEquals("fallback", Names.sanitize("!!!", "fallback"));
        assertEquals("fallback", Names.sanitize("(); ", "fallback"));
    }

    @Test
    void longNamesAreCutTo200Characters() {
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            name.append((char) ('a' + i % 26));
        }
        String sanitized = Names.sanitize(name.toString(), "f");
        assertEquals(Names.MAX_LENGTH, sanitized.length());
        assertEquals(name.substring(0, 200), sanitized);

        StringBuilder dirty = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            dirty.append("x!");
        }
        String cleaned = Names.sanitize(dirty.toString(), "f");
        assertEquals(200, cleaned.length());
        assertTrue(cleaned.matches("x{200}"), cleaned);
    }

    // ---- exceptions

    @Test
    void aChainOfCausesBecomesLinkedRecords() {
        Segment segment = segment();
        IllegalStateException root = new IllegalStateException("disk full");
        IOException middle = new IOException("write failed", root);
        RuntimeException outer = new RuntimeException("request failed", middle);

        segment.recordException(segment, outer, 50);

        assertTrue(segment.fault());
        Cause cause = segment.cause();
        assertNull(cause.referencedId());
        List<ExceptionRecord> records = cause.exceptions();
        assertEquals(3, records.size());
        assertEquals("java.lang.RuntimeException", records.get(0).type());
        assertEquals("request failed", records.get(0).message());
        assertEquals("java.io.IOException", records.get(1).type());
        assertEquals("java.lang.IllegalStateException", records.get(2).type());
        assertEquals("disk full", records.get(2).message());
        assertEquals(records.get(1).id(), records.get(0).causeId());
        assertEquals(records.get(2).id(), records.get(1).causeId());
        assertNull(records.get(2).causeId());
        for (ExceptionRecord record : records) {
            assertTrue(record.id().matches("^[0-9a-f]{16}$"), record.id());
            assertEquals(0, record.skipped());
        }
        assertEquals(3, new java.util.HashSet<String>(Arrays.asList(records.get(0).id(), records.get(1).id(),
                records.get(2).id())).size());
    }

    @Test
    void aCyclicCauseChainEnds() {
        Segment segment = segment();
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);

        segment.recordException(segment, a, 50);

        assertEquals(2, segment.cause().exceptions().size());
    }

    @Test
    void aVeryLongChainIsCappedAndCountsWhatWasSkipped() {
        Segment segment = segment();
        Throwable chain = new RuntimeException("bottom");
        for (int i = 0; i < 14; i++) {
            chain = new RuntimeException("level " + i, chain);
        }

        segment.recordException(segment, chain, 50);

        List<ExceptionRecord> records = segment.cause().exceptions();
        assertEquals(10, records.size());
        assertEquals(5, records.get(9).skipped());
        assertNull(records.get(9).causeId());
    }

    @Test
    void framesBeyondMaxFramesAreCountedAsTruncated() {
        Segment segment = segment();
        RuntimeException thrown = withFrames(new RuntimeException("deep"), 60);

        segment.recordException(segment, thrown, 50);

        ExceptionRecord record = segment.cause().exceptions().get(0);
        assertEquals(50, record.frames().length);
        assertEquals(10, record.truncated());
        assertEquals("com.example.Frame0", record.frames()[0].getClassName(), "the top of the stack is kept");

        Subsegment child = Tree.begin(segment, "c", null, T0 + 1);
        segment.recordException(child, withFrames(new RuntimeException("shallow"), 5), 50);
        assertEquals(5, child.cause().exceptions().get(0).frames().length);
        assertEquals(0, child.cause().exceptions().get(0).truncated());

        Subsegment none = Tree.begin(segment, "n", null, T0 + 1);
        segment.recordException(none, withFrames(new RuntimeException("none"), 7), 0);
        assertEquals(0, none.cause().exceptions().get(0).frames().length);
        assertEquals(7, none.cause().exceptions().get(0).truncated());
    }

    @Test
    void theSameThrowableOnAChildThenOnItsParentBecomesAReference() {
        Segment segment = segment();
        Subsegment call = Tree.begin(segment, "payments.example.com", "remote", T0 + 1);
        UncheckedIOException failure = new UncheckedIOException(new IOException("connection refused"));

        segment.recordException(call, failure, 50);
        segment.recordException(segment, failure, 50);

        String childExceptionId = call.cause().exceptions().get(0).id();
        assertEquals(childExceptionId, segment.cause().referencedId());
        assertTrue(segment.cause().exceptions().isEmpty());
        assertTrue(segment.fault());
        assertTrue(call.fault());
    }

    @Test
    void aWrapperOfAnExceptionRecordedOnAChildLinksToTheChildsRecord() {
        Segment segment = segment();
        Subsegment call = Tree.begin(segment, "payments.example.com", "remote", T0 + 1);
        IOException refused = new IOException("connection refused");
        segment.recordException(call, refused, 50);
        RuntimeException wrapper = new RuntimeException("payment failed", refused);

        segment.recordException(segment, wrapper, 50);

        String childExceptionId = call.cause().exceptions().get(0).id();
        List<ExceptionRecord> records = segment.cause().exceptions();
        assertEquals(1, records.size(), "the IOException is described once, in the child");
        assertEquals("java.lang.RuntimeException", records.get(0).type());
        assertEquals(childExceptionId, records.get(0).causeId());
    }

    @Test
    void aThrowingGetMessageStillRecordsTheException() {
        Segment segment = segment();
        RuntimeException odd = new RuntimeException() {
            @Override
            public String getMessage() {
                throw new IllegalStateException("no message for you");
            }
        };

        segment.recordException(segment, odd, 50);

        ExceptionRecord record = segment.cause().exceptions().get(0);
        assertNull(record.message());
        assertTrue(segment.fault());
    }

    static <T extends Throwable> T withFrames(T thrown, int count) {
        StackTraceElement[] frames = new StackTraceElement[count];
        for (int i = 0; i < count; i++) {
            frames[i] = new StackTraceElement("com.example.Frame" + i, "call" + i, "Frame" + i + ".java", 10 + i);
        }
        thrown.setStackTrace(frames);
        return thrown;
    }
}
