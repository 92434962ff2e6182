package io.xrayagent.smoke;

import static io.xrayagent.smoke.support.Docs.at;
import static io.xrayagent.smoke.support.Docs.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.receiver.LocalReceiver;
import io.xrayagent.receiver.ReceivedDocument;
import io.xrayagent.smoke.support.Apps;
import io.xrayagent.smoke.support.Docs;
import io.xrayagent.smoke.support.Http;
import io.xrayagent.smoke.support.JavaProcess;
import io.xrayagent.smoke.support.Jdks;
import io.xrayagent.testing.SchemaValidator;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Statuses, exceptions, failed connections, POST bodies and large segments, as the receiver sees them. */
class ResponsesAndFailuresTest {
    private static LocalReceiver receiver;
    private static JavaProcess serviceB;
    private static JavaProcess serviceA;
    private static int portA;
    private static int portB;

    @BeforeAll
    static void startServices() throws Exception {
        receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
        serviceB = Apps.service(Jdks.current(), receiver, "svc-b", null, null).start();
        portB = serviceB.awaitPort(Apps.START);
        serviceA = Apps.service(Jdks.current(), receiver, "svc-a", Apps.url(portB), null).start();
        portA = serviceA.awaitPort(Apps.START);
    }

    @AfterAll
    static void stopServices() {
        serviceA.close();
        serviceB.close();
        receiver.close();
    }

    @BeforeEach
    void clear() {
        receiver.clear();
    }

    @Test
    void downstreamStatusesSetErrorThrottleAndFault() throws Exception {
        assertEquals("/notfound=404 /throttled=429 /fail=503", Http.get(portA, "/call-statuses").body);
        List<ReceivedDocument> documents = receiver.awaitDocuments(
                docs -> Docs.segments(docs, "svc-a").size() == 1 && Docs.segments(docs, "svc-b").size() == 3,
                Duration.ofSeconds(20));
        Map<String, Object> a = Docs.only(documents, "svc-a").json();
        List<Map<String, Object>> calls = Docs.subsegments(a);
        assertEquals(3, calls.size());
        assertCall(calls.get(0), 404, true, false, false);
        assertCall(calls.get(1), 429, true, true, false);
        assertCall(calls.get(2), 503, false, false, true);
        // A answered 200 itself: its own segment carries no flag.
        assertNull(a.get("error"));
        assertNull(a.get("fault"));

        assertFlags(Docs.byPath(documents, "svc-b", "/notfound").json(), 404, true, false, false);
        assertFlags(Docs.byPath(documents, "svc-b", "/throttled").json(), 429, true, true, false);
        assertFlags(Docs.byPath(documents, "svc-b", "/fail").json(), 503, false, false, true);
        for (int i = 0; i < 3; i++) {
            String parent = Docs.byPath(documents, "svc-b", new String[] {"/notfound", "/throttled", "/fail"}[i]).parentId();
            assertEquals(calls.get(i).get("id"), parent);
        }
        documents.forEach(d -> SchemaValidator.assertValid(d.body()));
    }

    @Test
    void exceptionInHandlerIsRecordedAsFaultWithCause() throws Exception {
        try {
            Http.get(portA, "/error");
        } catch (java.io.IOException expected) {
            // The JDK server closes the exchange when a handler throws: the client sees no response.
        }
        ReceivedDocument segment = receiver.awaitDocuments(Docs.segmentCount("svc-a", 1), Duration.ofSeconds(20)).get(0);
        Map<String, Object> json = segment.json();
        assertEquals(Boolean.TRUE, json.get("fault"));
        List<?> exceptions = (List<?>) at(json, "cause.exceptions");
        @SuppressWarnings("unchecked")
        Map<String, Object> exception = (Map<String, Object>) exceptions.get(0);
        assertEquals("java.lang.IllegalStateException", exception.get("type"));
        assertEquals("handler failed on purpose", exception.get("message"));
        assertEquals(16, ((String) exception.get("id")).length());
        List<?> stack = (List<?>) exception.get("stack");
        assertFalse(stack.isEmpty());
        assertTrue(stack.toString().contains("HttpServiceApp"), stack.toString());
        assertTrue(stack.size() <= 50, "maxStackTraceLength defaults to 50");
        assertNotNull(at(json, "cause.working_directory"));
        SchemaValidator.assertValid(segment.body());
    }

    @Test
    void refusedConnectionIsAFaultWithCause() throws Exception {
        Http response = Http.get(portA, "/call-refused");
        assertEquals(502, response.status);
        ReceivedDocument segment = receiver.awaitDocuments(Docs.segmentCount("svc-a", 1), Duration.ofSeconds(20)).get(0);
        Map<String, Object> a = segment.json();
        assertEquals(502L, number(a, "http.response.status"));
        assertEquals(Boolean.TRUE, a.get("fault"));
        Map<String, Object> call = Docs.subsegments(a).get(0);
        assertEquals("127.0.0.1", call.get("name"));
        assertEquals(Boolean.TRUE, call.get("fault"));
        assertNull(at(call, "http.response"), "no response arrived");
        @SuppressWarnings("unchecked")
        Map<String, Object> exception = (Map<String, Object>) ((List<?>) at(call, "cause.exceptions")).get(0);
        assertEquals("java.net.ConnectException", exception.get("type"));
        SchemaValidator.assertValid(segment.body());
    }

    @Test
    void postWithBodyIsOneSubsegment() throws Exception {
        assertEquals("posted: 200", Http.get(portA, "/post").body);
        List<ReceivedDocument> documents = receiver.awaitDocuments(
                docs -> Docs.segments(docs, "svc-a").size() == 1 && Docs.segments(docs, "svc-b").size() == 1,
                Duration.ofSeconds(20));
        List<Map<String, Object>> calls = Docs.subsegments(Docs.only(documents, "svc-a").json());
        assertEquals(1, calls.size());
        assertEquals("POST", at(calls.get(0), "http.request.method"));
        assertEquals(200L, number(calls.get(0), "http.response.status"));
        assertEquals("POST", at(Docs.only(documents, "svc-b").json(), "http.request.method"));
        assertEquals(calls.get(0).get("id"), Docs.only(documents, "svc-b").parentId());
    }

    @Test
    void aSegmentWithManySubsegmentsArrivesWholeInDatagramsThatFit() throws Exception {
        int calls = 300;
        assertEquals(calls + " of " + calls + " calls succeeded", Http.get(portA, "/call-many?n=" + calls).body);
        List<ReceivedDocument> documents = receiver.awaitDocuments(
                docs -> Docs.segments(docs, "svc-a").size() == 1 && Docs.segments(docs, "svc-b").size() == calls,
                Duration.ofSeconds(30));
        ReceivedDocument segment = Docs.only(documents, "svc-a");
        Set<String> callIds = new HashSet<>();
        int documentsOfA = 0;
        for (ReceivedDocument document : documents) {
            assertTrue(document.datagramBytes() <= 64_512, "datagram of " + document.datagramBytes() + " bytes");
            SchemaValidator.assertValid(document.body());
            if (!segment.traceId().equals(document.traceId()) || "svc-b".equals(document.name())) {
                continue;
            }
            documentsOfA++;
            if (document.isIndependentSubsegment()) {
                assertEquals(segment.id(), document.parentId());
                assertTrue(callIds.add(document.id()), "sent twice: " + document.id());
            }
            for (Map<String, Object> call : Docs.subsegments(document.json())) {
                assertTrue(callIds.add((String) call.get("id")), "sent twice: " + call.get("id"));
            }
        }
        assertEquals(calls, callIds.size(), "every call recorded exactly once");
        assertTrue(documentsOfA > 1, "more than the streaming threshold (100) of subsegments are streamed");
        Set<String> parents = new HashSet<>();
        for (ReceivedDocument b : Docs.segments(documents, "svc-b")) {
            parents.add(b.parentId());
        }
        assertEquals(callIds, parents, "each of B's segments points at one of A's calls");
    }

    private static void assertCall(Map<String, Object> call, int status, boolean error, boolean throttle, boolean fault) {
        assertEquals("remote", call.get("namespace"));
        assertFlags(call, status, error, throttle, fault);
    }

    private static void assertFlags(Map<String, Object> json, int status, boolean error, boolean throttle, boolean fault) {
        assertEquals((long) status, number(json, "http.response.status"), json.toString());
        assertEquals(error ? Boolean.TRUE : null, json.get("error"), json.toString());
        assertEquals(throttle ? Boolean.TRUE : null, json.get("throttle"), json.toString());
        assertEquals(fault ? Boolean.TRUE : null, json.get("fault"), json.toString());
    }
}
