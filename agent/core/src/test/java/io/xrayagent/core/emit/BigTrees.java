package io.xrayagent.core.emit;

import io.xrayagent.core.model.Entity;
import io.xrayagent.core.model.HttpRequestData;
import io.xrayagent.core.model.Ids;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.model.Tree;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.xrayagent.core.emit.SegmentWriterTest.list;
import static io.xrayagent.core.emit.SegmentWriterTest.object;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Large trace trees built from the real model, and bookkeeping over the documents they turn into. */
final class BigTrees {
    static final long START = 1716581281000000L;
    /** Never stream while building: the tree stays whole in memory, as a segment with many calls would. */
    static final int NO_STREAMING = Integer.MAX_VALUE;

    private BigTrees() {
    }

    static Segment segment(String name) {
        return new Segment(Ids.newTraceId(START / 1_000_000L), Ids.newEntityId(), name, START, "53995c3f42cd8ad8",
                null, null);
    }

    /** {@code count} ended remote calls under {@code parent}, each with a ~200-character URL and a 30-frame cause. */
    static List<Subsegment> fatCalls(Entity parent, int count) {
        List<Subsegment> calls = new ArrayList<Subsegment>(count);
        for (int i = 0; i < count; i++) {
            Subsegment call = Tree.begin(parent, "backend-" + (i % 7) + ".example.com", "remote", START + i);
            call.setRequest(HttpRequestData.outgoing("GET", longUrl(i), true));
            call.setResponse(503, 120);
            parent.segment().recordException(call, withFrames(new IllegalStateException("backend " + i
                    + " answered 503 Service Unavailable"), 30), 50);
            Tree.endSubsegment(call, START + i + 500, NO_STREAMING);
            calls.add(call);
        }
        return calls;
    }

    /** {@code count} ended remote calls with a ~200-character URL and a status, but no cause (about 450 bytes each). */
    static List<Subsegment> urlCalls(Entity parent, int count) {
        List<Subsegment> calls = new ArrayList<Subsegment>(count);
        for (int i = 0; i < count; i++) {
            Subsegment call = Tree.begin(parent, "backend-" + (i % 7) + ".example.com", "remote", START + i);
            call.setRequest(HttpRequestData.outgoing("GET", longUrl(i), true));
            call.setResponse(200, 120);
            Tree.endSubsegment(call, START + i + 500, NO_STREAMING);
            calls.add(call);
        }
        return calls;
    }

    static String longUrl(int i) {
        StringBuilder url = new StringBuilder("https://backend-" + (i % 7) + ".example.com/api/v2/tenants/acme/orders/"
                + i + "/items");
        while (url.length() < 200) {
            url.append("/segment").append(url.length());
        }
        return url.substring(0, 200);
    }

    static <T extends Throwable> T withFrames(T thrown, int count) {
        StackTraceElement[] frames = new StackTraceElement[count];
        for (int i = 0; i < count; i++) {
            frames[i] = new StackTraceElement("com.example.service.layer" + (i % 5) + ".Handler" + i, "handle" + i,
                    "Handler" + i + ".java", 100 + i);
        }
        thrown.setStackTrace(frames);
        return thrown;
    }

    /**
     * How often each entity id appears across {@code documents}, at top level or embedded, and which parent
     * id each appears under (the parent_id field for independent documents, the enclosing object otherwise).
     */
    static final class Census {
        final Map<String, Integer> occurrences = new LinkedHashMap<String, Integer>();
        final Map<String, String> parentOf = new LinkedHashMap<String, String>();
        final List<Map<String, Object>> independent = new ArrayList<Map<String, Object>>();
        final List<Map<String, Object>> segments = new ArrayList<Map<String, Object>>();

        void add(Map<String, Object> document) {
            if ("subsegment".equals(document.get("type"))) {
                independent.add(document);
                visit(document, (String) document.get("parent_id"));
            } else {
                segments.add(document);
                visit(document, (String) document.get("parent_id"));
            }
        }

        private void visit(Map<String, Object> entity, String parentId) {
            String id = (String) entity.get("id");
            Integer seen = occurrences.get(id);
            occurrences.put(id, seen == null ? 1 : seen + 1);
            parentOf.put(id, parentId);
            Object children = entity.get("subsegments");
            if (children != null) {
                for (Object child : list(children)) {
                    visit(object(child), id);
                }
            }
        }

        /** Every subsegment of {@code expected} appears exactly once, under its real parent. */
        void assertEachOnceUnderItsParent(List<Subsegment> expected) {
            for (Subsegment subsegment : expected) {
                assertEquals(Integer.valueOf(1), occurrences.get(subsegment.id()),
                        "occurrences of subsegment " + subsegment.name() + " " + subsegment.id());
                assertEquals(subsegment.parent().id(), parentOf.get(subsegment.id()),
                        "parent of subsegment " + subsegment.id());
            }
        }
    }
}
