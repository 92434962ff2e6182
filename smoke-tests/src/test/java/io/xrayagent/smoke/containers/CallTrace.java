package io.xrayagent.smoke.containers;

import static io.xrayagent.smoke.support.Docs.at;
import static io.xrayagent.smoke.support.Docs.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.xrayagent.receiver.ReceivedDocument;
import io.xrayagent.smoke.support.Docs;
import io.xrayagent.testing.SchemaValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The trace of one {@code GET /call} to the container application, which calls its own {@code /hello} with
 * HttpURLConnection: what a user sees in the X-Ray console for it, checked document by document.
 */
final class CallTrace {
    /** The application's port inside its container: the URL of the outgoing call names it. */
    static final int APP_PORT = 8080;

    private CallTrace() {
    }

    /** True once some trace of {@code service} has both its segments. */
    static Predicate<List<ReceivedDocument>> complete(String service) {
        return documents -> find(documents, service) != null;
    }

    /**
     * Asserts the tree of the one complete trace: the /call segment starts the trace and holds one remote
     * subsegment for the call, and the /hello segment is that subsegment's child; every document is valid.
     */
    static void assertTree(List<ReceivedDocument> documents, String service) {
        List<ReceivedDocument> trace = find(documents, service);
        if (trace == null) {
            throw new AssertionError("no complete trace of " + service + " in " + documents);
        }
        for (ReceivedDocument document : trace) {
            SchemaValidator.assertValid(document.body());
        }
        ReceivedDocument call = Docs.byPath(trace, service, "/call");
        ReceivedDocument hello = Docs.byPath(trace, service, "/hello");
        Map<String, Object> callJson = call.json();
        assertNull(call.parentId(), "the /call segment starts the trace");
        assertEquals("GET", at(callJson, "http.request.method"));
        assertEquals(200L, number(callJson, "http.response.status"));

        List<Map<String, Object>> subsegments = Docs.subsegments(callJson);
        assertEquals(1, subsegments.size(), "one subsegment, for the outgoing call: " + callJson);
        Map<String, Object> outgoing = subsegments.get(0);
        assertEquals("127.0.0.1", outgoing.get("name"));
        assertEquals("remote", outgoing.get("namespace"));
        assertEquals("http://127.0.0.1:" + APP_PORT + "/hello", at(outgoing, "http.request.url"));
        assertEquals(200L, number(outgoing, "http.response.status"));
        assertEquals(Boolean.TRUE, at(outgoing, "http.request.traced"), "the trace header went out with the call");

        assertEquals(outgoing.get("id"), hello.parentId(), "/hello is the child of the outgoing call");
        assertEquals(200L, number(hello.json(), "http.response.status"));
        assertNull(hello.json().get("subsegments"));
    }

    /** The documents of the last trace of {@code service} that has both a /call and a /hello segment. */
    private static List<ReceivedDocument> find(List<ReceivedDocument> documents, String service) {
        Map<String, List<ReceivedDocument>> traces = new LinkedHashMap<>();
        for (ReceivedDocument document : documents) {
            traces.computeIfAbsent(document.traceId(), id -> new ArrayList<>()).add(document);
        }
        List<ReceivedDocument> found = null;
        for (List<ReceivedDocument> trace : traces.values()) {
            if (hasSegment(trace, service, "/call") && hasSegment(trace, service, "/hello")) {
                found = trace;
            }
        }
        return found;
    }

    private static boolean hasSegment(List<ReceivedDocument> trace, String service, String path) {
        for (ReceivedDocument document : Docs.segments(trace, service)) {
            Object url = at(document.json(), "http.request.url");
            if (url instanceof String && ((String) url).endsWith(path)) {
                return true;
            }
        }
        return false;
    }
}
