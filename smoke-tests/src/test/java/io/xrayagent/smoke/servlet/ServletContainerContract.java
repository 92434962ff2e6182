package io.xrayagent.smoke.servlet;

import static io.xrayagent.smoke.support.Docs.at;
import static io.xrayagent.smoke.support.Docs.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.xrayagent.receiver.LocalReceiver;
import io.xrayagent.receiver.ReceivedDocument;
import io.xrayagent.receiver.TraceAssembler;
import io.xrayagent.receiver.TraceNode;
import io.xrayagent.smoke.support.Apps;
import io.xrayagent.smoke.support.JavaProcess;
import io.xrayagent.testing.SchemaValidator;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every servlet container must give under the agent, checked on a real server: the test app
 * (smoke-tests/apps/servlet-javax, ServletApp) on one container in its own JVM, calling a downstream service (the
 * JDK-server HttpServiceApp, also under the agent). Each subclass names a container and a JDK; both JVMs start
 * once per class and every case runs against them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ServletContainerContract {
    private static final String DOWNSTREAM = "downstream";
    private static final Pattern ROOT = Pattern.compile("Root=(1-[0-9a-f]{8}-[0-9a-f]{24})(;Sampled=[01])?");
    private static final Duration ARRIVAL = Duration.ofSeconds(20);
    /** After the expected documents arrived, how long a stray extra document (a second segment) gets to show up. */
    private static final long SETTLE_MILLIS = 300;

    private final ServletContainer container;
    private final Path jdk;
    private final String service;
    private LocalReceiver receiver;
    private JavaProcess downstream;
    private JavaProcess app;
    private int port;
    private int downstreamPort;

    ServletContainerContract(ServletContainer container, Path jdk) {
        this.container = container;
        this.jdk = jdk;
        this.service = container.id;
    }

    @BeforeAll
    void start() throws Exception {
        receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
        downstream = Apps.service(jdk, receiver, DOWNSTREAM, null, null).start();
        downstreamPort = downstream.awaitPort(Apps.START);
        app = container.process(jdk, service, agentArgs(), Apps.url(downstreamPort)).start();
        port = app.awaitPort(Apps.START);
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {app, downstream, receiver}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // Closing is best effort; the processes die with the build anyway.
            }
        }
    }

    private String agentArgs() {
        return "serviceName=" + service + ",samplingStrategy=ALL,daemonAddress=" + receiver.daemonAddress();
    }

    @Test
    void helloThroughTheFilterIsOneSegment() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/hello");
        assertEquals(200, response.status, response.toString());
        assertEquals("hello", response.body);

        Map<String, Object> segment = onlySegment(trace(response));
        assertNull(segment.get("parent_id"), "the trace starts here");
        assertRequest(segment, "GET", "/hello");
        assertResponse(segment, 200, 5L);
        assertNull(segment.get("subsegments"), "filters and the servlet add nothing: " + segment);
        assertTraceHeader(response, segment);
    }

    @Test
    void forwardIsOneSegmentOfTheOriginalPath() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/forward");
        assertEquals(200, response.status, response.toString());
        assertEquals("hello", response.body);

        Map<String, Object> segment = onlySegment(trace(response));
        assertRequest(segment, "GET", "/forward");
        assertResponse(segment, 200, 5L);
        assertNull(segment.get("subsegments"), "a forward adds nothing: " + segment);
        assertTraceHeader(response, segment);
    }

    @Test
    void includeIsOneSegment() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/include");
        assertEquals(200, response.status, response.toString());
        assertEquals("hello", response.body);

        Map<String, Object> segment = onlySegment(trace(response));
        assertRequest(segment, "GET", "/include");
        // The included servlet's setContentLength is ignored by the container: no length is asserted here.
        assertResponse(segment, 200, null);
        assertNull(segment.get("subsegments"), "an include adds nothing: " + segment);
        assertTraceHeader(response, segment);
    }

    @Test
    void callIsARemoteSubsegmentAndTheDownstreamSegmentHangsUnderIt() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/call");
        assertEquals(200, response.status, response.toString());
        assertEquals("downstream 200", response.body);

        List<ReceivedDocument> trace = trace(response, 1);
        Map<String, Object> segment = onlySegment(trace);
        assertRequest(segment, "GET", "/call");
        assertResponse(segment, 200, null);
        assertCallTree(trace, segment);
        assertTraceHeader(response, segment);
    }

    @Test
    void exceptionEscapingTheServletIsAFaultWithItsCause() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/fail");
        assertEquals(500, response.status, response.toString());

        Map<String, Object> segment = onlySegment(trace(response));
        assertRequest(segment, "GET", "/fail");
        assertResponse(segment, 500, null);
        List<?> exceptions = (List<?>) at(segment, "cause.exceptions");
        assertNotNull(exceptions, "cause.exceptions: " + segment);
        @SuppressWarnings("unchecked")
        Map<String, Object> exception = (Map<String, Object>) exceptions.get(0);
        assertEquals("java.lang.RuntimeException", exception.get("type"), segment.toString());
        assertEquals("boom", exception.get("message"), segment.toString());
        assertTraceHeader(response, segment);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {404, 429, 503})
    void statusSetByTheServletGivesItsFlags(int status) throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/status?code=" + status);
        assertEquals(status, response.status, response.toString());
        assertEquals("status " + status, response.body);

        Map<String, Object> segment = onlySegment(trace(response));
        assertRequest(segment, "GET", "/status");
        assertResponse(segment, status, null);
        assertTraceHeader(response, segment);
    }

    @Test
    void unmappedPathIsTheContainersOwn404() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/no/such/page");
        assertEquals(404, response.status, response.toString());

        Map<String, Object> segment = onlySegment(trace(response));
        assertRequest(segment, "GET", "/no/such/page");
        assertResponse(segment, 404, null);
        assertTraceHeader(response, segment);
    }

    @Test
    void incomingTraceHeaderIsHonoured() throws Exception {
        String traceId = newTraceId();
        RawHttp.Response response = RawHttp.get(port, "/hello",
                "X-Amzn-Trace-Id: Root=" + traceId + ";Parent=53995c3f42cd8ad8;Sampled=1");
        assertEquals(200, response.status, response.toString());
        assertEquals("Root=" + traceId, response.header("X-Amzn-Trace-Id"), "no Sampled: the caller did not ask");

        Map<String, Object> segment = onlySegment(trace(response));
        assertEquals(traceId, segment.get("trace_id"));
        assertEquals("53995c3f42cd8ad8", segment.get("parent_id"));
        assertRequest(segment, "GET", "/hello");
    }

    @Test
    void forwardedForNamesTheClient() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/hello", "X-Forwarded-For: 203.0.113.7, 10.1.2.3");
        assertEquals(200, response.status, response.toString());

        Map<String, Object> segment = onlySegment(trace(response));
        assertEquals("203.0.113.7", at(segment, "http.request.client_ip"), segment.toString());
        assertEquals(Boolean.TRUE, at(segment, "http.request.x_forwarded_for"), segment.toString());
        assertTraceHeader(response, segment);
    }

    @Test
    void asyncCallFromAnotherThreadSitsUnderTheSegment() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/async");
        assertEquals(200, response.status, response.toString());
        assertEquals("async downstream 200", response.body);

        List<ReceivedDocument> trace = trace(response, 1);
        Map<String, Object> segment = onlySegment(trace);
        assertRequest(segment, "GET", "/async");
        assertResponse(segment, 200, null);
        assertCallTree(trace, segment);
        assertTraceHeader(response, segment);
    }

    @Test
    void asyncDispatchIsOneSegment() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/async-dispatch");
        assertEquals(200, response.status, response.toString());
        assertEquals("hello", response.body);

        Map<String, Object> segment = onlySegment(trace(response));
        assertRequest(segment, "GET", "/async-dispatch");
        assertResponse(segment, 200, 5L);
        assertNull(segment.get("subsegments"), "an async dispatch adds nothing: " + segment);
        assertTraceHeader(response, segment);
    }

    @Test
    void asyncTimeoutEndsTheSegmentWithTheContainersAnswer() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/async-timeout");
        // What each container of the matrix answers when no listener handles the timeout.
        assertEquals(500, response.status, response.toString());

        Map<String, Object> segment = onlySegment(trace(response));
        assertRequest(segment, "GET", "/async-timeout");
        assertResponse(segment, 500, null);
        double duration = ((Number) segment.get("end_time")).doubleValue() - ((Number) segment.get("start_time")).doubleValue();
        assertTrue(duration >= 0.29, "the segment ends when the 300 ms timeout fires, not when service() returns: "
                + duration + " s in " + segment);
        assertTraceHeader(response, segment);
    }

    @Test
    void asyncErrorEndsWithTheFinalStatus() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/async-error");
        assertEquals(503, response.status, response.toString());

        Map<String, Object> segment = onlySegment(trace(response));
        assertRequest(segment, "GET", "/async-error");
        assertResponse(segment, 503, null);
        assertTraceHeader(response, segment);
    }

    /**
     * Malformed and oversized trace headers, odd methods, long and non-ASCII targets: the application answers
     * exactly as it does without the agent (same status, headers and body, its echo of what it saw included), the
     * agent prints nothing, and whatever it sends is valid.
     */
    @Test
    void badInputIsTracedOrSkippedAndTheApplicationSeesNoDifference() throws Exception {
        String host = "Host: 127.0.0.1";
        String ua = "User-Agent: " + RawHttp.USER_AGENT;
        String close = "Connection: close";
        String garbageRoot = "1-5759e988-bd862e3fe1be46a99427279";
        List<String> malformedTraceHeaders = List.of(
                "Root=1-zzzz-123;Parent=short;Sampled=yes",
                ";;;===;;",
                "Root=" + "1".repeat(3000),
                "Root=" + garbageRoot + ";Sampled=1",
                "\u00e9t\u00e9=\u2603;Root");
        List<byte[]> requests = new ArrayList<>();
        for (String header : malformedTraceHeaders) {
            requests.add(RawHttp.request("GET /echo HTTP/1.1", List.of(host, ua, "X-Amzn-Trace-Id: " + header, close)));
        }
        // Well formed but 6 KB long: honoured or ignored, either is clean.
        requests.add(RawHttp.request("GET /echo HTTP/1.1", List.of(host, ua, close, "X-Amzn-Trace-Id: Root=" + newTraceId()
                + ";Parent=53995c3f42cd8ad8;Sampled=1;" + "Pad=xxxxxxxxxx;".repeat(400))));
        for (String method : List.of("PROPFIND", "FOO-BAR", "get", "OPTIONS", "DELETE", "TRACE")) {
            requests.add(RawHttp.request(method + " /echo HTTP/1.1", List.of(host, ua, close)));
        }
        requests.add(RawHttp.request("HEAD /hello HTTP/1.1", List.of(host, ua, close)));
        requests.add(RawHttp.request("PATCH /echo HTTP/1.1", List.of(host, ua, "Content-Length: 0", close)));
        requests.add(RawHttp.request("GET /echo/" + "a".repeat(4000) + "?q=" + "b".repeat(3000) + " HTTP/1.1",
                List.of(host, ua, close)));
        requests.add(RawHttp.request("GET /echo/" + "a".repeat(20_000) + " HTTP/1.1", List.of(host, ua, close)));
        for (String target : List.of("/echo/h%C3%A9llo%20w%C3%B6rld?x=%E2%98%83", "/echo/h\u00e9llo\u2603",
                "/echo/%FF%FE", "/echo/a%2Fb", "/echo/../hello", "/echo/a;b=c", "/echo/a b")) {
            requests.add(RawHttp.request("GET " + target + " HTTP/1.1", List.of(host, ua, close)));
        }
        requests.add(RawHttp.request("GET /echo HTTP/1.0", List.of(ua)));
        requests.add(RawHttp.request("GET /echo HTTP/1.1", List.of(ua, close)));
        requests.add(RawHttp.request("GET /echo HTTP/1.1", List.of("Host: [::1:bad", ua, close)));

        receiver.clear();
        List<RawHttp.Response> traced = new ArrayList<>();
        for (byte[] request : requests) {
            traced.add(RawHttp.send(port, request));
        }
        try (JavaProcess untraced = container.process(jdk, service + "-untraced", null, Apps.url(downstreamPort)).start()) {
            int untracedPort = untraced.awaitPort(Apps.START);
            for (int i = 0; i < requests.size(); i++) {
                RawHttp.Response expected = RawHttp.send(untracedPort, requests.get(i));
                RawHttp.Response actual = traced.get(i);
                String what = new String(requests.get(i), java.nio.charset.StandardCharsets.UTF_8);
                what = what.length() > 300 ? what.substring(0, 300) + "..." : what;
                assertEquals(expected.statusLine, actual.statusLine, what);
                assertEquals(expected.comparableHeaders(), actual.comparableHeaders(), what);
                assertEquals(expected.body, actual.body, what);
            }
        }
        // A malformed trace header starts a fresh trace: the caller learns it, the segment has no parent.
        Set<String> freshTraces = new LinkedHashSet<>();
        for (int i = 0; i < malformedTraceHeaders.size(); i++) {
            assertEquals(200, traced.get(i).status, malformedTraceHeaders.get(i));
            freshTraces.add(rootOf(traced.get(i)));
        }
        receiver.awaitDocuments(
                docs -> freshTraces.stream().allMatch(id -> docs.stream().anyMatch(d -> id.equals(d.traceId()))), ARRIVAL);
        Thread.sleep(1000);
        List<ReceivedDocument> documents = receiver.documents();
        for (ReceivedDocument document : documents) {
            SchemaValidator.assertValid(document.body());
            assertNotEquals(garbageRoot, document.traceId());
            if (freshTraces.contains(document.traceId())) {
                assertNull(document.parentId(), document.toString());
            }
        }
        assertEquals(List.of(), receiver.rejected());
        assertTrue(app.isAlive());
        assertQuiet(app);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void agentPrintsOnlyItsStartLine() {
        assertQuiet(app);
        assertQuiet(downstream);
    }

    /** One start line, no agent stack trace, no JVM warning: the agent never shows up in the application's output. */
    private static void assertQuiet(JavaProcess process) {
        List<String> lines = process.agentLines();
        assertEquals(1, lines.size(), "agent lines: " + lines);
        assertTrue(lines.get(0).startsWith("[xray-agent] INFO xray-agent "), lines.get(0));
        List<String> agentFrames = (process.stdout() + "\n" + process.stderr()).lines()
                .filter(line -> line.contains("io.xrayagent.") && !line.contains("io.xrayagent.smoke.")
                        && !line.startsWith("[xray-agent]"))
                .collect(Collectors.toList());
        assertEquals(List.of(), agentFrames);
        assertEquals(List.of(), process.warningLines());
    }

    // ---- reading what arrived -------------------------------------------------------------------------------

    private static String newTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("1-%08x-%012x%012x", System.currentTimeMillis() / 1000,
                random.nextLong(1L << 48), random.nextLong(1L << 48));
    }

    /** The trace id the response names, which every document of the request carries. */
    private static String rootOf(RawHttp.Response response) {
        String header = response.header("X-Amzn-Trace-Id");
        assertNotNull(header, "no X-Amzn-Trace-Id on the response: " + response);
        Matcher matcher = ROOT.matcher(header);
        assertTrue(matcher.matches(), "response header " + header);
        return matcher.group(1);
    }

    /** Checked last, so that a response that lost the header still shows what its segment recorded. */
    private static void assertTraceHeader(RawHttp.Response response, Map<String, Object> segment) {
        assertEquals("Root=" + segment.get("trace_id"), response.header("X-Amzn-Trace-Id"),
                "the response names the segment's trace: " + response);
    }

    private List<ReceivedDocument> trace(RawHttp.Response response) throws InterruptedException {
        return trace(response, 0);
    }

    /**
     * The documents of the response's trace, once the app's segment and {@code downstreamSegments} arrived. The
     * trace is the one the response header names, or, when the response lacks the header, that of the segment
     * recorded for this URL since the request was sent.
     */
    private List<ReceivedDocument> trace(RawHttp.Response response, int downstreamSegments) throws InterruptedException {
        String traceId = response.header("X-Amzn-Trace-Id") != null ? rootOf(response) : traceByUrl(response);
        Predicate<List<ReceivedDocument>> complete = docs -> completeSegments(docs, traceId, service) >= 1
                && completeSegments(docs, traceId, DOWNSTREAM) >= downstreamSegments;
        try {
            receiver.awaitDocuments(complete, ARRIVAL);
        } catch (IllegalStateException timeout) {
            fail("no complete segment of " + service + " for trace " + traceId + " (" + response.statusLine + ") within "
                    + ARRIVAL + "; documents of the trace: " + ofTrace(receiver.documents(), traceId));
        }
        Thread.sleep(SETTLE_MILLIS);
        List<ReceivedDocument> documents = ofTrace(receiver.documents(), traceId);
        for (ReceivedDocument document : documents) {
            SchemaValidator.assertValid(document.body());
        }
        return documents;
    }

    private String traceByUrl(RawHttp.Response response) throws InterruptedException {
        String url = "http://127.0.0.1:" + port + response.path();
        Predicate<ReceivedDocument> match = d -> service.equals(d.name()) && url.equals(at(d.json(), "http.request.url"))
                && d.json().get("start_time") instanceof Number
                && ((Number) d.json().get("start_time")).doubleValue() >= response.sentAt - 0.5;
        try {
            return receiver.awaitDocuments(docs -> docs.stream().anyMatch(match), ARRIVAL).stream().filter(match)
                    .findFirst().get().traceId();
        } catch (IllegalStateException timeout) {
            return fail("no X-Amzn-Trace-Id on the response and no segment of " + service + " for " + url + " within "
                    + ARRIVAL + ": " + response);
        }
    }

    private static List<ReceivedDocument> ofTrace(List<ReceivedDocument> documents, String traceId) {
        return documents.stream().filter(d -> traceId.equals(d.traceId())).collect(Collectors.toList());
    }

    private static long completeSegments(List<ReceivedDocument> documents, String traceId, String name) {
        return documents.stream().filter(d -> traceId.equals(d.traceId()) && name.equals(d.name())
                && !d.isIndependentSubsegment() && !d.isInProgress()).count();
    }

    /** The app's one document for the request: exactly one segment, sent once, when the request ended. */
    private Map<String, Object> onlySegment(List<ReceivedDocument> trace) {
        List<ReceivedDocument> ours = trace.stream().filter(d -> !DOWNSTREAM.equals(d.name())).collect(Collectors.toList());
        if (ours.size() != 1 || ours.get(0).isIndependentSubsegment() || ours.get(0).isInProgress()) {
            fail("expected exactly one complete segment of " + service + ", got " + ours.size() + " documents: " + ours);
        }
        assertEquals(service, ours.get(0).name());
        return ours.get(0).json();
    }

    private void assertRequest(Map<String, Object> segment, String method, String path) {
        assertEquals(method, at(segment, "http.request.method"), segment.toString());
        assertEquals("http://127.0.0.1:" + port + path, at(segment, "http.request.url"), segment.toString());
        assertEquals(RawHttp.USER_AGENT, at(segment, "http.request.user_agent"), segment.toString());
        assertEquals("127.0.0.1", at(segment, "http.request.client_ip"), segment.toString());
        assertNull(at(segment, "http.request.x_forwarded_for"), segment.toString());
    }

    /** Status and the flags it implies; {@code contentLength} null when the app declared none. */
    private static void assertResponse(Map<String, Object> segment, int status, Long contentLength) {
        assertEquals((long) status, number(segment, "http.response.status"), segment.toString());
        if (contentLength != null) {
            assertEquals(contentLength, at(segment, "http.response.content_length") == null ? null
                    : number(segment, "http.response.content_length"), segment.toString());
        }
        boolean error = status >= 400 && status < 500;
        assertEquals(error ? Boolean.TRUE : null, segment.get("error"), "error: " + segment);
        assertEquals(status == 429 ? Boolean.TRUE : null, segment.get("throttle"), "throttle: " + segment);
        assertEquals(status >= 500 ? Boolean.TRUE : null, segment.get("fault"), "fault: " + segment);
        double start = ((Number) segment.get("start_time")).doubleValue();
        double end = ((Number) segment.get("end_time")).doubleValue();
        assertTrue(end >= start, segment.toString());
    }

    /** segment -> one remote subsegment for the downstream call -> the downstream's segment, in one tree. */
    private void assertCallTree(List<ReceivedDocument> trace, Map<String, Object> segment) {
        List<TraceNode> roots = TraceAssembler.assemble(trace);
        assertEquals(1, roots.size(), "one tree: " + trace);
        TraceNode root = roots.get(0);
        assertEquals(service, root.name());
        assertEquals(1, root.children().size(), "one subsegment for one call: " + segment);
        TraceNode call = root.children().get(0);
        assertEquals("127.0.0.1", call.name());
        assertEquals("remote", call.namespace());
        assertEquals("GET", at(call.fields(), "http.request.method"));
        assertEquals(Apps.url(downstreamPort) + "/hello", at(call.fields(), "http.request.url"));
        assertEquals(200L, number(call.fields(), "http.response.status"));
        assertTrue(call.startTime() >= root.startTime() && call.endTime() <= root.endTime(),
                "the call lies within the request: " + segment);
        assertEquals(1, call.children().size(), "the downstream segment under the call: " + trace);
        TraceNode downstreamSegment = call.children().get(0);
        assertEquals(DOWNSTREAM, downstreamSegment.name());
        assertTrue(downstreamSegment.isSegment());
        assertEquals(call.id(), downstreamSegment.parentId());
        assertEquals(Apps.url(downstreamPort) + "/hello", at(downstreamSegment.fields(), "http.request.url"));
    }
}
