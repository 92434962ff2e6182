package io.xrayagent.smoke;

import static io.xrayagent.smoke.support.Docs.at;
import static io.xrayagent.smoke.support.Docs.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.xrayagent.receiver.LocalReceiver;
import io.xrayagent.receiver.ReceivedDocument;
import io.xrayagent.receiver.TraceAssembler;
import io.xrayagent.receiver.TraceNode;
import io.xrayagent.smoke.support.Apps;
import io.xrayagent.smoke.support.Docs;
import io.xrayagent.smoke.support.Http;
import io.xrayagent.smoke.support.JavaProcess;
import io.xrayagent.testing.SchemaValidator;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * A real Spring Boot application, started as users start it ({@code java -javaagent:... -jar app-exec.jar}),
 * calling the sample service (also under the agent) over HttpURLConnection. Each subclass names the fat jar
 * and the JDKs; the application is started once per JDK and every case runs against it.
 *
 * <p>What a Spring Boot request goes through before the agent may send its one segment: Boot's filters, the
 * DispatcherServlet, for a failure or a 404 an ERROR dispatch to {@code /error}, and for async requests a
 * second dispatch after {@code startAsync} or the async timeout. None of these may add a segment or end the
 * request's segment early.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SpringBootSmokeTest {
    /** Boot's startup takes a few seconds, more under the agent while other builds share the two cores. */
    private static final Duration BOOT_START = Duration.ofSeconds(90);
    private static final Duration ARRIVAL = Duration.ofSeconds(20);
    /**
     * After the expected documents arrived, how long to keep listening for a second segment of the same
     * request (a duplicate from the ERROR or async dispatch would be sent at about the same time: the emitter
     * sends within tens of milliseconds).
     */
    private static final long SETTLE_MILLIS = 700;
    private static final String DOWNSTREAM = "downstream";

    /**
     * The JDK both applications run on. Injected into a field because the lifecycle is per class (the start
     * and stop methods call the subclass), which JUnit allows for a parameterized class only with fields.
     */
    @Parameter
    Path jdk;

    private LocalReceiver receiver;
    private JavaProcess downstream;
    private JavaProcess app;
    private int downstreamPort;
    private int port;
    private final Map<String, Integer> seenLines = new HashMap<>();

    /** The system property that holds the fat jar's path (set by smoke-tests/pom.xml). */
    abstract String jarProperty();

    /** The segment name, also used as the process name in the logs. */
    abstract String serviceName();

    /** The type Spring's FrameworkServlet wraps a controller's exception in before it leaves the servlet. */
    abstract String servletWrapperException();

    @BeforeParameterizedClassInvocation
    void startApplications(Path jdk) throws Exception {
        seenLines.clear();
        receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
        downstream = Apps.service(jdk, receiver, DOWNSTREAM, null, null).start();
        downstreamPort = downstream.awaitPort(Apps.START);
        String agentArgs = "serviceName=" + serviceName() + ",samplingStrategy=ALL,daemonAddress=" + receiver.daemonAddress();
        app = JavaProcess.on(jdk).name(serviceName()).agent(agentArgs)
                .jar(fatJar(), "--downstream.url=" + Apps.url(downstreamPort)).start();
        port = app.awaitPort(BOOT_START);
    }

    @AfterParameterizedClassInvocation
    void stopApplications() {
        for (AutoCloseable closeable : new AutoCloseable[] {app, downstream, receiver}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // Keep closing the others: a leftover JVM would hold its port and CPU for the next classes.
            }
        }
    }

    @BeforeEach
    void clear() {
        receiver.clear();
    }

    /**
     * Checked after every case on the lines printed since the previous check (the first check also covers
     * startup), so that a warning fails the case whose request caused it and no other.
     */
    @AfterEach
    void agentStaysQuiet() {
        List<String> loud = new ArrayList<>();
        for (JavaProcess process : List.of(app, downstream)) {
            String name = process == app ? serviceName() : DOWNSTREAM;
            List<String> lines = process.agentLines();
            assertEquals(1, lines.stream().filter(line -> line.startsWith("[xray-agent] INFO xray-agent ")).count(),
                    name + " prints one startup line: " + lines);
            for (String line : unseen(name + " agent", lines)) {
                if (line.startsWith("[xray-agent] WARN") || line.startsWith("[xray-agent] ERROR")) {
                    loud.add(name + ": " + line);
                }
            }
            for (String line : unseen(name + " jvm", jvmWarnings(process))) {
                loud.add(name + ": " + line);
            }
        }
        assertEquals(List.of(), loud, "no agent warnings or errors, no JVM warnings");
    }

    /** The lines of a growing list that the previous call with the same key did not return. */
    private List<String> unseen(String key, List<String> lines) {
        int from = Math.min(seenLines.getOrDefault(key, 0), lines.size());
        seenLines.put(key, lines.size());
        return lines.subList(from, lines.size());
    }

    @Test
    void plainRequest() throws Exception {
        Http response = Http.get(port, "/hello?from=smoke");
        assertEquals(200, response.status);
        assertTrue(response.body.startsWith("hello from spring boot"), response.body);

        List<ReceivedDocument> documents = settle(docs -> appSegments(docs).size() >= 1);
        ReceivedDocument segment = onlyAppSegment(documents);
        Map<String, Object> json = segment.json();
        assertRequest(json, "/hello", response);
        assertEquals(200L, number(json, "http.response.status"));
        assertFlags(json, false, false);
        assertNull(json.get("cause"), json.toString());
        assertNull(json.get("parent_id"), "the test sent no trace header: the app started the trace");
        assertEquals(List.of(), Docs.subsegments(json), "nothing called");
        assertEquals(Boolean.TRUE, at(json, "aws.xray.auto_instrumentation"));
        assertEquals(1, documents.size(), "one document: " + documents);
        assertAllValid(documents);
    }

    @Test
    void outgoingCallIsARemoteSubsegmentParentingTheDownstreamSegment() throws Exception {
        Http response = Http.get(port, "/call");
        assertEquals(200, response.status);
        assertCalledOnRequestThread(response, true);
        assertTracedCall("/call", response);
    }

    @Test
    void exceptionFromControllerIsAFaultWithCause() throws Exception {
        Http response = Http.get(port, "/fail");
        assertEquals(500, response.status, "Spring Boot's error page answers");

        List<ReceivedDocument> documents = settle(docs -> appSegments(docs).size() >= 1);
        Map<String, Object> json = onlyAppSegment(documents).json();
        assertRequest(json, "/fail", response);
        assertEquals(500L, number(json, "http.response.status"), "the final status, after the ERROR dispatch: " + json);
        assertFlags(json, false, true);

        // FrameworkServlet wraps whatever the controller throws (in NestedServletException on Spring 5, in
        // ServletException on Spring 6), and the wrapper is what leaves the servlet, where the agent records the
        // failure: the cause lists it first, then the controller's exception it wraps, linked by id, as the
        // agent records any chain.
        List<Map<String, Object>> exceptions = exceptions(json);
        assertEquals(2, exceptions.size(), "the wrapper and the controller's exception: " + exceptions);
        Map<String, Object> wrapper = exceptions.get(0);
        Map<String, Object> boom = exceptions.get(1);
        assertEquals(servletWrapperException(), wrapper.get("type"));
        assertTrue(String.valueOf(wrapper.get("message")).contains("java.lang.RuntimeException: boom"), wrapper.toString());
        assertEquals(boom.get("id"), wrapper.get("cause"), "the wrapper points at what it wraps");
        assertEquals("java.lang.RuntimeException", boom.get("type"));
        assertEquals("boom", boom.get("message"));
        assertEquals(16, ((String) boom.get("id")).length());
        String stack = String.valueOf(boom.get("stack"));
        assertTrue(stack.contains("io.xrayagent.smoke.boot.SmokeController.fail"), "the controller's frame: " + stack);
        assertNotNull(at(json, "cause.working_directory"));
        assertEquals(List.of(), Docs.subsegments(json));
        assertEquals(1, documents.size(), "one document: " + documents);
        assertAllValid(documents);
    }

    @Test
    void unmappedPathIsA404Error() throws Exception {
        assertNotFound("/missing");
    }

    @Test
    void responseStatusExceptionIsA404Error() throws Exception {
        assertNotFound("/gone");
    }

    @Test
    void callableRecordsItsCallUnderTheRequestSegment() throws Exception {
        Http response = Http.get(port, "/async-callable");
        assertEquals(200, response.status);
        assertCalledOnRequestThread(response, false);
        assertTracedCall("/async-callable", response);
    }

    @Test
    void deferredResultCompletedFromCompletableFutureRecordsItsCall() throws Exception {
        Http response = Http.get(port, "/async-deferred");
        assertEquals(200, response.status);
        assertCalledOnRequestThread(response, false);
        assertTracedCall("/async-deferred", response);
    }

    @Test
    void asyncTimeoutEndsTheSegmentWith503() throws Exception {
        Http response = Http.get(port, "/async-timeout");
        assertEquals(503, response.status, "Spring answers an unfinished DeferredResult's timeout with 503");

        List<ReceivedDocument> documents = settle(docs -> appSegments(docs).size() >= 1);
        Map<String, Object> json = onlyAppSegment(documents).json();
        assertRequest(json, "/async-timeout", response);
        assertEquals(503L, number(json, "http.response.status"), json.toString());
        assertFlags(json, false, true);
        // The app's DeferredResult times out after 300 ms: a segment ended when the request thread let go
        // (right after startAsync) would be far shorter.
        double seconds = ((Number) json.get("end_time")).doubleValue() - ((Number) json.get("start_time")).doubleValue();
        assertTrue(seconds >= 0.29, "the segment lasts until the timeout: " + seconds + " s: " + json);
        assertEquals(List.of(), Docs.subsegments(json));
        assertAllValid(documents);
    }

    private void assertNotFound(String path) throws Exception {
        Http response = Http.get(port, path);
        assertEquals(404, response.status);

        List<ReceivedDocument> documents = settle(docs -> appSegments(docs).size() >= 1);
        Map<String, Object> json = onlyAppSegment(documents).json();
        assertRequest(json, path, response);
        assertEquals(404L, number(json, "http.response.status"), "the final status: " + json);
        assertFlags(json, true, false);
        assertEquals(List.of(), Docs.subsegments(json));
        assertEquals(1, documents.size(), "one document: " + documents);
        assertAllValid(documents);
    }

    /**
     * One trace of three nodes: the app's segment, its one remote subsegment (for an async endpoint, recorded
     * on the thread that made the call), and the downstream's segment parented on that subsegment.
     */
    private void assertTracedCall(String path, Http response) throws Exception {
        List<ReceivedDocument> documents = settle(
                docs -> appSegments(docs).size() >= 1 && Docs.segments(docs, DOWNSTREAM).size() >= 1);
        ReceivedDocument segment = onlyAppSegment(documents);
        ReceivedDocument downstreamSegment = Docs.only(documents, DOWNSTREAM);
        Map<String, Object> json = segment.json();
        String all = bodies(documents);
        assertRequest(json, path, response);
        assertEquals(200L, number(json, "http.response.status"));
        assertFlags(json, false, false);
        assertEquals(segment.traceId(), downstreamSegment.traceId(), "one trace:\n" + all);

        List<TraceNode> roots = TraceAssembler.assemble(documents);
        assertEquals(1, roots.size(), "one tree:\n" + all);
        TraceNode root = roots.get(0);
        assertEquals(segment.id(), root.id());
        assertEquals(1, root.children().size(), "exactly one subsegment for one call:\n" + all);
        TraceNode call = root.children().get(0);
        Map<String, Object> callJson = call.fields();
        assertEquals("127.0.0.1", call.name());
        assertEquals("remote", call.namespace());
        assertEquals("GET", at(callJson, "http.request.method"));
        assertEquals(Apps.url(downstreamPort) + "/hello", at(callJson, "http.request.url"));
        assertEquals(Boolean.TRUE, at(callJson, "http.request.traced"));
        assertEquals(200L, number(callJson, "http.response.status"));
        assertFalse(call.isInProgress(), callJson.toString());
        assertTrue(call.startTime() >= root.startTime() && call.endTime() >= call.startTime()
                && call.endTime() <= root.endTime(), "the call lies inside the request's segment: " + json);

        assertEquals(1, call.children().size(), "the downstream's segment hangs under the call:\n" + all);
        TraceNode downstreamNode = call.children().get(0);
        assertTrue(downstreamNode.isSegment());
        assertEquals(DOWNSTREAM, downstreamNode.name());
        assertEquals(call.id(), downstreamSegment.parentId());
        assertEquals(Apps.url(downstreamPort) + "/hello", at(downstreamSegment.json(), "http.request.url"));
        assertEquals(200L, number(downstreamSegment.json(), "http.response.status"));
        assertTrue(call.children().get(0).children().isEmpty());

        for (ReceivedDocument document : documents) {
            assertFalse(document.isInProgress(), "everything ended before the response: " + document);
        }
        assertAllValid(documents);
    }

    /**
     * The endpoint's answer names the thread that called the downstream: Tomcat's request threads are named
     * {@code http-nio-...}; Spring's task executor and CompletableFuture's pool are not.
     */
    private void assertCalledOnRequestThread(Http response, boolean requestThread) {
        String prefix = "downstream said 200: hello from " + downstreamPort + " (called on ";
        assertTrue(response.body.startsWith(prefix) && response.body.endsWith(")"), response.body);
        String thread = response.body.substring(prefix.length(), response.body.length() - 1);
        assertEquals(requestThread, thread.startsWith("http-nio-"), "called on " + thread);
    }

    /** What every request's segment says about the request and the response. */
    private void assertRequest(Map<String, Object> json, String path, Http response) {
        assertEquals(serviceName(), json.get("name"));
        assertEquals("GET", at(json, "http.request.method"));
        assertEquals("http://127.0.0.1:" + port + path, at(json, "http.request.url"), "the original path, no query");
        assertEquals("Java/" + System.getProperty("java.version"), at(json, "http.request.user_agent"));
        assertEquals("127.0.0.1", at(json, "http.request.client_ip"));
        assertEquals("Root=" + json.get("trace_id"), response.header("X-Amzn-Trace-Id"),
                "the response names the trace: " + response.headers);
        String declared = response.header("Content-Length");
        Object recorded = at(json, "http.response.content_length");
        if (response.status == 200) {
            // Spring declares the length of a String body before writing it.
            assertNotNull(declared, "a declared length: " + response.headers);
            assertEquals(Long.parseLong(declared), number(json, "http.response.content_length"), json.toString());
        } else if (recorded != null) {
            // Error pages declare none: Tomcat adds the header when it closes the response, after the request has
            // left every servlet API call, so the segment may go without; if it has one, it must be right.
            assertEquals(declared == null ? null : Long.valueOf(declared), ((Number) recorded).longValue(), json.toString());
        }
        assertFalse(Boolean.TRUE.equals(json.get("in_progress")), json.toString());
    }

    private static void assertFlags(Map<String, Object> json, boolean error, boolean fault) {
        assertEquals(error ? Boolean.TRUE : null, json.get("error"), json.toString());
        assertEquals(fault ? Boolean.TRUE : null, json.get("fault"), json.toString());
        assertNull(json.get("throttle"), json.toString());
    }

    /**
     * Waits for the expected documents, then listens a while longer, and returns all that arrived: a second
     * segment for the same request must be among them to be caught.
     */
    private List<ReceivedDocument> settle(Predicate<List<ReceivedDocument>> expected) throws InterruptedException {
        receiver.awaitDocuments(expected, ARRIVAL);
        Thread.sleep(SETTLE_MILLIS);
        assertEquals(List.of(), receiver.rejected());
        return receiver.documents();
    }

    private List<ReceivedDocument> appSegments(List<ReceivedDocument> documents) {
        return Docs.segments(documents, serviceName());
    }

    /** The request's one segment: no second one from the ERROR or async dispatch, under any trace id. */
    private ReceivedDocument onlyAppSegment(List<ReceivedDocument> documents) {
        List<ReceivedDocument> segments = appSegments(documents);
        if (segments.size() != 1) {
            fail("expected one segment of " + serviceName() + " for one request, got " + segments.size() + ":\n"
                    + bodies(segments));
        }
        return segments.get(0);
    }

    private static String bodies(List<ReceivedDocument> documents) {
        return documents.stream().map(ReceivedDocument::body).collect(Collectors.joining("\n"));
    }

    private static void assertAllValid(List<ReceivedDocument> documents) {
        for (ReceivedDocument document : documents) {
            SchemaValidator.assertValid(document.body());
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> exceptions(Map<String, Object> json) {
        Object exceptions = at(json, "cause.exceptions");
        assertTrue(exceptions instanceof List && !((List<?>) exceptions).isEmpty(), "a cause with exceptions: " + json);
        return (List<Map<String, Object>>) exceptions;
    }

    private Path fatJar() {
        String configured = System.getProperty(jarProperty());
        if (configured == null) {
            throw new IllegalStateException(jarProperty() + " is not set: run the smoke tests through Maven");
        }
        Path jar = Paths.get(configured);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the application is not built: " + jar);
        }
        return jar;
    }

    /**
     * The JVM's warnings less one the application prints with or without the agent: Tomcat 9 loads its native
     * library at startup, which JDK 24 and later report in four lines naming Tomcat as the caller.
     */
    private static List<String> jvmWarnings(JavaProcess process) {
        List<String> warnings = new ArrayList<>(process.warningLines());
        if (warnings.stream().anyMatch(line -> line.contains("has been called by org.apache.tomcat.jni."))) {
            warnings.removeIf(line -> line.equals("WARNING: A restricted method in java.lang.System has been called")
                    || line.contains("has been called by org.apache.tomcat.jni.")
                    || line.equals("WARNING: Use --enable-native-access=ALL-UNNAMED to avoid a warning for callers in this module")
                    || line.equals("WARNING: Restricted methods will be blocked in a future release unless native access is enabled"));
        }
        return warnings;
    }
}
