package io.xrayagent.instrumentation.apachehttpclient;

import static io.xrayagent.instrumentation.apachehttpclient.Trees.children;
import static io.xrayagent.instrumentation.apachehttpclient.Trees.firstException;
import static io.xrayagent.instrumentation.apachehttpclient.Trees.flag;
import static io.xrayagent.instrumentation.apachehttpclient.Trees.http;
import static io.xrayagent.instrumentation.apachehttpclient.Trees.onlyChild;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.receiver.ReceivedDocument;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way of building a 4.x or 5.x client, woven for real in this JVM, calling a real local server: one
 * subsegment per call with the fields a user reads in the console, and the trace header the server got.
 * Surefire runs this class on the newest releases and again on the oldest (4.3, 5.0).
 */
class WovenApacheClientsTest {
    private static final String OWN_HEADER = "Root=1-5f84c7a5-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1";
    private static Downstream downstream;
    private static List<ApacheClient> clients;

    @BeforeAll
    static void start() throws Exception {
        System.out.println("Apache clients under test: " + System.getProperty("apache.clients"));
        WovenClients.install();
        downstream = new Downstream();
        clients = Arrays.asList(Apache4Clients.internal(), Apache4Clients.minimal(), Apache4Clients.legacy(),
                Apache5Clients.classic(), Apache5Clients.classicMinimal(), Apache5Clients.async(),
                Apache5Clients.asyncMinimal());
    }

    @AfterAll
    static void stop() throws Exception {
        for (ApacheClient client : clients) {
            client.shutdown();
        }
        downstream.close();
    }

    @BeforeEach
    void clear() {
        downstream.clear();
        WovenClients.clear();
    }

    static List<ApacheClient> clients() {
        return clients;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void successIsOneRemoteSubsegmentAndTheServerGetsItsId(ApacheClient client) throws Exception {
        Object request = client.request(downstream.url("/ok?user=secret"));
        AtomicReference<Integer> status = new AtomicReference<>();
        Map<String, Object> segment = WovenClients.traced(s -> status.set(client.send(request)));

        assertEquals(200, status.get());
        Map<String, Object> call = onlyChild(segment);
        assertEquals("127.0.0.1", call.get("name"));
        assertEquals("remote", call.get("namespace"));
        assertEquals("GET", http(call, "request").get("method"));
        assertEquals(downstream.url("/ok"), http(call, "request").get("url"), "no query string in the recorded URL");
        assertEquals(Boolean.TRUE, http(call, "request").get("traced"));
        assertEquals(200, ((Number) http(call, "response").get("status")).intValue());
        assertEquals(Downstream.OK_BODY.length(), ((Number) http(call, "response").get("content_length")).intValue());
        assertFalse(flag(call, "error") || flag(call, "fault") || flag(call, "throttle"), call.toString());
        assertTrue(((Number) call.get("end_time")).doubleValue() >= ((Number) call.get("start_time")).doubleValue());

        List<Downstream.Seen> seen = downstream.seen();
        assertEquals(1, seen.size(), seen.toString());
        assertEquals("Root=" + segment.get("trace_id") + ";Parent=" + call.get("id") + ";Sampled=1", seen.get(0).traceHeader);
        assertNull(client.header(request, "X-Amzn-Trace-Id"), "the application's request is left as it was built");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void errorStatusesSetTheFlagsXRayDerivesFromThem(ApacheClient client) throws Exception {
        int[] statuses = {404, 429, 500};
        List<Integer> got = new ArrayList<>();
        Map<String, Object> segment = WovenClients.traced(s -> {
            for (int status : statuses) {
                got.add(client.send(client.request(downstream.url("/status/" + status))));
            }
        });

        assertEquals(Arrays.asList(404, 429, 500), got);
        List<Map<String, Object>> calls = children(segment);
        assertEquals(3, calls.size(), "retries inside the client are part of one call: " + segment);
        for (int i = 0; i < statuses.length; i++) {
            Map<String, Object> call = calls.get(i);
            assertEquals(statuses[i], ((Number) http(call, "response").get("status")).intValue());
            assertEquals(Downstream.ERROR_BODY.length(), ((Number) http(call, "response").get("content_length")).intValue());
            assertEquals(statuses[i] < 500, flag(call, "error"), call.toString());
            assertEquals(statuses[i] == 429, flag(call, "throttle"), call.toString());
            assertEquals(statuses[i] >= 500, flag(call, "fault"), call.toString());
            assertNull(call.get("cause"), "a response is not an exception: " + call);
        }
        // 5.0's full clients retry a 429 once by default (DefaultHttpRequestRetryStrategy), within the same call.
        String header = "Root=" + segment.get("trace_id") + ";Parent=" + calls.get(1).get("id") + ";Sampled=1";
        List<String> throttled = new ArrayList<>();
        for (Downstream.Seen request : downstream.seen()) {
            if (request.path.equals("/status/429")) {
                throttled.add(request.traceHeader);
            }
        }
        assertFalse(throttled.isEmpty());
        assertEquals(Collections.nCopies(throttled.size(), header), throttled, "every attempt carries the call's header");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void refusedConnectionIsAFaultWithItsCause(ApacheClient client) throws Exception {
        int port = Downstream.refusedPort();
        Object request = client.request("http://127.0.0.1:" + port + "/nothing");
        AtomicReference<Exception> thrown = new AtomicReference<>();
        Map<String, Object> segment = WovenClients.traced(s -> thrown.set(assertThrows(Exception.class, () -> client.send(request))));

        Map<String, Object> call = onlyChild(segment);
        assertTrue(flag(call, "fault"), call.toString());
        assertNull(http(call, "response"));
        assertEquals("http://127.0.0.1:" + port + "/nothing", http(call, "request").get("url"));
        assertEquals(thrown.get().getClass().getName(), firstException(call).get("type"));
        assertTrue(thrown.get() instanceof java.net.ConnectException, "refused: " + thrown.get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void readTimeoutIsAFaultWithItsCause(ApacheClient client) throws Exception {
        AtomicReference<Exception> thrown = new AtomicReference<>();
        Map<String, Object> segment = WovenClients.traced(
                s -> thrown.set(assertThrows(Exception.class, () -> client.send(client.request(downstream.url("/slow"))))));

        assertTrue(client.readTimeout().isInstance(thrown.get()), "timed out: " + thrown.get());
        Map<String, Object> call = onlyChild(segment);
        assertTrue(flag(call, "fault"), call.toString());
        assertNull(http(call, "response"));
        assertEquals(thrown.get().getClass().getName(), firstException(call).get("type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void aRedirectFollowedByTheClientIsPartOfOneCall(ApacheClient client) throws Exception {
        AtomicReference<Integer> status = new AtomicReference<>();
        Map<String, Object> segment = WovenClients.traced(s -> status.set(client.send(client.request(downstream.url("/redirect")))));

        Map<String, Object> call = onlyChild(segment);
        List<Downstream.Seen> seen = downstream.seen();
        String header = "Root=" + segment.get("trace_id") + ";Parent=" + call.get("id") + ";Sampled=1";
        if (client.followsRedirects()) {
            assertEquals(200, status.get());
            assertEquals(2, seen.size(), seen.toString());
            assertEquals("/ok", seen.get(1).path);
            assertEquals(header, seen.get(1).traceHeader, "the redirected request carries the same parent");
        } else {
            assertEquals(302, status.get());
            assertEquals(1, seen.size(), seen.toString());
        }
        assertEquals(header, seen.get(0).traceHeader);
        assertEquals(status.get(), ((Number) http(call, "response").get("status")).intValue());
        assertEquals(downstream.url("/redirect"), http(call, "request").get("url"), "the URL the application called");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void aHeaderTheApplicationSetIsSentAsItIs(ApacheClient client) throws Exception {
        Object request = client.request(downstream.url("/ok"));
        client.setHeader(request, "X-Amzn-Trace-Id", OWN_HEADER);
        Map<String, Object> segment = WovenClients.traced(s -> client.send(request));

        Map<String, Object> call = onlyChild(segment);
        assertNotEquals(Boolean.TRUE, http(call, "request").get("traced"));
        assertEquals(OWN_HEADER, downstream.seen().get(0).traceHeader);
        assertEquals(OWN_HEADER, client.header(request, "X-Amzn-Trace-Id"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void aRequestObjectSentTwiceGetsAFreshHeaderEachTime(ApacheClient client) throws Exception {
        Object request = client.request(downstream.url("/ok"));
        Map<String, Object> segment = WovenClients.traced(s -> {
            client.send(request);
            client.send(request);
        });

        List<Map<String, Object>> calls = children(segment);
        assertEquals(2, calls.size(), segment.toString());
        List<Downstream.Seen> seen = downstream.seen();
        for (int i = 0; i < 2; i++) {
            assertEquals(Boolean.TRUE, http(calls.get(i), "request").get("traced"));
            assertEquals("Root=" + segment.get("trace_id") + ";Parent=" + calls.get(i).get("id") + ";Sampled=1",
                    seen.get(i).traceHeader);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void outsideAnyRequestNothingIsRecordedAndNoHeaderSent(ApacheClient client) throws Exception {
        Object request = client.request(downstream.url("/ok"));
        assertEquals(200, client.send(request));

        assertNull(downstream.seen().get(0).traceHeader);
        assertNull(client.header(request, "X-Amzn-Trace-Id"));
        for (ReceivedDocument document : WovenClients.received()) {
            throw new AssertionError("nothing should have been sent: " + document.body());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clients")
    void anUnsampledTraceSendsSampledZeroAndRecordsNothing(ApacheClient client) throws Exception {
        Object request = client.request(downstream.url("/ok"));
        String traceId = WovenClients.unsampled(() -> client.send(request));

        assertEquals("Root=" + traceId + ";Sampled=0", downstream.seen().get(0).traceHeader);
        assertNull(client.header(request, "X-Amzn-Trace-Id"));
        for (ReceivedDocument document : WovenClients.received()) {
            throw new AssertionError("nothing should have been sent: " + document.body());
        }
    }
}
