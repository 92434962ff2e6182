package io.xrayagent.smoke.clients;

import static io.xrayagent.smoke.support.Docs.at;
import static io.xrayagent.smoke.support.Docs.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import io.xrayagent.smoke.support.Http;
import io.xrayagent.smoke.support.JavaProcess;
import io.xrayagent.testing.SchemaValidator;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every HTTP client library must give under the agent, checked in one JVM per library version: ClientApp
 * (smoke-tests/apps/http-clients) with the library's {@link ClientDriver} makes one call per front request, in
 * every mode the driver offers, to its own JDK server, which the agent traces too. Each case asserts the tree
 * front segment -> one remote subsegment -> the downstream segment, field by field, and validates every document.
 *
 * <p>A subclass names the service, the JDK, the driver class and the class path after the harness's classes
 * (the driver's module classes and the library's jars, see {@link #appClasses} and {@link #libraryJars}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class HttpClientContract {
    private static final String CLIENT_APP = "io.xrayagent.smoke.clients.ClientApp";
    private static final String HARNESS_DIR = "smoke.clients.jdk.dir";
    private static final Pattern ROOT = Pattern.compile("Root=(1-[0-9a-f]{8}-[0-9a-f]{24})");
    private static final Pattern MODES = Pattern.compile("MODES ([^\\r\\n]*)");
    private static final Duration ARRIVAL = Duration.ofSeconds(10);
    /** After the expected documents arrived, how long a stray extra document (a duplicate subsegment) gets to show up. */
    private static final long SETTLE_MILLIS = 150;
    private static final AtomicInteger IDS = new AtomicInteger();

    private final String service;
    private final Path jdk;
    private LocalReceiver receiver;
    private JavaProcess app;
    private int port;
    private List<String> modes;

    protected HttpClientContract(String service, Path jdk) {
        this.service = service;
        this.jdk = jdk;
    }

    /** The {@link ClientDriver} implementation, by class name. */
    protected abstract String driverClass();

    /** Class path entries after the harness's classes: the driver's classes and the library's jars, if any. */
    protected abstract List<String> libraryClassPath();

    /** The exception class the application sees when the connection is refused. */
    protected String connectFailure() {
        return "java.net.ConnectException";
    }

    /** The exception class the application sees when the response does not come within the call's timeout. */
    protected String timeoutFailure() {
        return "java.net.SocketTimeoutException";
    }

    /** Modes whose response is handed over on a thread of the client's own. */
    protected boolean isAsync(String mode) {
        return mode.contains("async");
    }

    /**
     * ClientApp under the agent (every request sampled, documents to {@code receiver}) with {@code driverClass} and
     * {@code libraryClassPath} after the harness's classes; not yet started. For tests outside the contract, such as
     * a library version the instrumentation does not support.
     */
    public static JavaProcess.Builder clientApp(Path jdk, String service, LocalReceiver receiver, String driverClass,
            List<String> libraryClassPath) {
        List<String> classPath = new ArrayList<>();
        classPath.add(appClasses(HARNESS_DIR));
        classPath.addAll(libraryClassPath);
        return JavaProcess.on(jdk).name(service)
                .agent("serviceName=" + service + ",samplingStrategy=ALL,daemonAddress=" + receiver.daemonAddress())
                .classPath(classPath.toArray(new String[0]))
                .main(CLIENT_APP, driverClass);
    }

    /** {@code <build dir>/classes} of a smoke app module: {@code buildDirProperty} is e.g. smoke.clients.apache.dir. */
    public static String appClasses(String buildDirProperty) {
        return existing(buildDir(buildDirProperty).resolve("classes")).toString();
    }

    /** {@code <build dir>/clients/<name>/*}: one library version's jars, copied there by the app module's pom. */
    public static String libraryJars(String buildDirProperty, String name) {
        return existing(buildDir(buildDirProperty).resolve("clients").resolve(name)).resolve("*").toString();
    }

    @BeforeAll
    void start() throws Exception {
        receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
        app = clientApp(jdk, service, receiver, driverClass(), libraryClassPath()).start();
        port = app.awaitPort(Apps.START);
        Matcher matcher = MODES.matcher(app.stdout());
        assertTrue(matcher.find(), app.stdout());
        modes = Arrays.asList(matcher.group(1).trim().split(" "));
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {app, receiver}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // Best effort: the process dies with the build anyway.
            }
        }
    }

    Stream<String> modes() {
        return modes.stream();
    }

    Stream<String> asyncModes() {
        return modes.stream().filter(this::isAsync);
    }

    // ---- the cases ------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void successIsARemoteSubsegmentWithTheDownstreamSegmentUnderIt(String mode) throws Exception {
        String id = newId();
        Front front = call(mode, "/status/200?id=" + id);
        assertEquals("200", front.answer.getProperty("status"), front.toString());

        List<ReceivedDocument> trace = trace(front, 1);
        TraceNode call = onlyCall(trace, front);
        assertRequest(call, base() + "/status/200", true);
        assertResponse(call, 200, "status 200".length());
        TraceNode downstream = onlyDownstream(call, trace, front);
        assertEquals(base() + "/status/200", at(downstream.fields(), "http.request.url"));
        assertEquals(List.of("Root=" + front.traceId + ";Parent=" + call.id() + ";Sampled=1"), received(front));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void statusesGiveTheirFlags(String mode) throws Exception {
        for (int status : new int[] {404, 429, 500}) {
            Front front = call(mode, "/status/" + status);
            assertEquals(Integer.toString(status), front.answer.getProperty("status"), front.toString());

            List<ReceivedDocument> trace = trace(front, 1);
            TraceNode call = onlyCall(trace, front);
            assertRequest(call, base() + "/status/" + status, true);
            assertResponse(call, status, ("status " + status).length());
            TraceNode downstream = onlyDownstream(call, trace, front);
            assertEquals((long) status, number(downstream.fields(), "http.response.status"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void refusedConnectionIsAFaultWithItsCause(String mode) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed + "/status/200";
        Front front = call(mode, url);
        assertEquals(connectFailure(), front.answer.getProperty("exception"), front.toString());

        TraceNode call = onlyCall(trace(front, 0), front);
        assertRequest(call, url, true);
        assertFailure(call, front);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void readTimeoutIsAFaultWithItsCause(String mode) throws Exception {
        Front front = call(mode, "/slow?ms=1000", "timeout", "250");
        assertEquals(timeoutFailure(), front.answer.getProperty("exception"), front.toString());

        TraceNode call = onlyCall(trace(front, 0), front);
        assertRequest(call, base() + "/slow", true);
        assertFailure(call, front);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("asyncModes")
    void asyncCallEndsOnTheClientsThreadWithinTheRequest(String mode) throws Exception {
        Front front = call(mode, "/status/200");
        assertEquals("200", front.answer.getProperty("status"), front.toString());
        assertNotEquals(front.answer.getProperty("requestThread"), front.answer.getProperty("completedOn"),
                "handed over on the client's thread: " + front);

        List<ReceivedDocument> trace = trace(front, 1);
        TraceNode call = onlyCall(trace, front);
        assertFalse(call.isInProgress(), "ended when the response arrived, before the request ended: " + trace);
        assertResponse(call, 200, "status 200".length());
        onlyDownstream(call, trace, front);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void redirectIsOneCallWithBothHopsUnderIt(String mode) throws Exception {
        String id = newId();
        Front front = call(mode, "/redirect?id=" + id);
        assertEquals("200", front.answer.getProperty("status"), front.toString());

        List<ReceivedDocument> trace = trace(front, 2);
        TraceNode call = onlyCall(trace, front);
        assertRequest(call, base() + "/redirect", true);
        assertResponse(call, 200, "status 200".length());
        List<TraceNode> hops = call.children();
        assertEquals(2, hops.size(), "both hops under the one call: " + trace);
        for (TraceNode hop : hops) {
            assertTrue(hop.isSegment(), hop.fields().toString());
            assertEquals(call.id(), hop.parentId());
        }
        assertEquals(base() + "/redirect", at(hops.get(0).fields(), "http.request.url"));
        assertEquals(302L, number(hops.get(0).fields(), "http.response.status"));
        assertEquals(base() + "/status/200", at(hops.get(1).fields(), "http.request.url"));
        String header = "Root=" + front.traceId + ";Parent=" + call.id() + ";Sampled=1";
        assertEquals(List.of(header, header), received(front), "each hop carries the call's header once");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void traceHeaderSetByTheApplicationIsKeptAndNotDuplicated(String mode) throws Exception {
        String id = newId();
        String ownTrace = newTraceId();
        String own = "Root=" + ownTrace + ";Parent=53995c3f42cd8ad8;Sampled=1";
        Front front = call(mode, "/status/200?id=" + id, "header", own);
        assertEquals("200", front.answer.getProperty("status"), front.toString());
        assertEquals(List.of(own), received(front), "the application's header, alone");

        TraceNode call = onlyCall(trace(front, 0), front);
        assertRequest(call, base() + "/status/200", false);
        assertResponse(call, 200, "status 200".length());
        List<ReceivedDocument> downstream = awaitTrace(ownTrace, docs -> segmentsOf(docs, ownTrace) >= 1);
        assertEquals(1, downstream.size(), downstream.toString());
        assertEquals("53995c3f42cd8ad8", downstream.get(0).parentId(), "the downstream follows the application's header");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void unsampledRequestSendsSampledZeroAndRecordsNothing(String mode) throws Exception {
        String id = newId();
        String traceId = newTraceId();
        Front front = call(mode, "/status/200?id=" + id, "X-Amzn-Trace-Id: Root=" + traceId + ";Sampled=0");
        assertEquals("200", front.answer.getProperty("status"), front.toString());
        List<String> received = received(front);
        assertEquals(1, received.size(), received.toString());
        assertTrue(received.get(0).startsWith("Root=" + traceId + ";") && received.get(0).contains("Sampled=0")
                && !received.get(0).contains("Parent="), received.get(0));
        Thread.sleep(SETTLE_MILLIS * 2);
        assertEquals(List.of(), ofTrace(receiver.documents(), traceId), "an unsampled trace sends nothing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void callOutsideAnyRequestIsNotRecordedAndCarriesNoHeader(String mode) throws Exception {
        String id = newId();
        Front front = call(mode, "/status/200?id=" + id, "outside", "true");
        assertEquals("200", front.answer.getProperty("status"), front.toString());
        assertEquals(List.of(), received(front), "no header without a current segment");

        List<ReceivedDocument> trace = trace(front, 0);
        ReceivedDocument segment = frontSegment(trace, front);
        assertNull(segment.json().get("subsegments"), "nothing recorded for the call: " + segment);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void agentPrintsNothingButItsStartLineAndTheMissingContextLine() {
        assertTrue(app.isAlive());
        List<String> lines = app.agentLines();
        assertTrue(!lines.isEmpty() && lines.get(0).startsWith("[xray-agent] INFO xray-agent "), "agent lines: " + lines);
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.contains("no current segment: HTTP call to 127.0.0.1 was not traced"), "agent lines: " + lines);
        }
        List<String> agentFrames = (app.stdout() + "\n" + app.stderr()).lines()
                .filter(line -> line.contains("io.xrayagent.") && !line.contains("io.xrayagent.smoke.")
                        && !line.startsWith("[xray-agent]"))
                .collect(Collectors.toList());
        assertEquals(List.of(), agentFrames);
        assertEquals(List.of(), app.warningLines());
        assertEquals(List.of(), receiver.rejected());
    }

    // ---- calling the front -----------------------------------------------------------------------------------

    /** One front request and what it answered. */
    static final class Front {
        final String path;
        final String traceId;
        final Properties answer;
        final double sentAt;

        Front(String path, String traceId, Properties answer, double sentAt) {
            this.path = path;
            this.traceId = traceId;
            this.answer = answer;
            this.sentAt = sentAt;
        }

        @Override
        public String toString() {
            return path + " -> trace " + traceId + " " + answer;
        }
    }

    private Front call(String mode, String target, String... more) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("mode", mode);
        query.put("target", target);
        String traceHeader = null;
        for (int i = 0; i < more.length; i++) {
            if (more[i].startsWith("X-Amzn-Trace-Id: ")) {
                traceHeader = more[i].substring("X-Amzn-Trace-Id: ".length());
            } else {
                query.put(more[i], more[++i]);
            }
        }
        String path = "/call?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        double sentAt = System.currentTimeMillis() / 1000.0;
        Http response = Http.get(port, path, traceHeader);
        assertEquals(200, response.status, path + ": " + response.body);
        Properties answer = new Properties();
        answer.load(new StringReader(response.body));
        String header = response.header("X-Amzn-Trace-Id");
        assertNotNull(header, "the front names its trace: " + path);
        Matcher matcher = ROOT.matcher(header);
        assertTrue(matcher.find(), header);
        return new Front(path, matcher.group(1), answer, sentAt);
    }

    /** The X-Amzn-Trace-Id values the downstream received for the front's target id. */
    private static List<String> received(Front front) {
        String count = front.answer.getProperty("received.count");
        assertNotNull(count, "the app reports the downstream's headers: " + front);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(count); i++) {
            values.add(front.answer.getProperty("received." + i));
        }
        return values;
    }

    // ---- reading what arrived -------------------------------------------------------------------------------

    private String base() {
        return Apps.url(port);
    }

    private static String newId() {
        return "c" + IDS.incrementAndGet();
    }

    private static String newTraceId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("1-%08x-%012x%012x", System.currentTimeMillis() / 1000,
                random.nextLong(1L << 48), random.nextLong(1L << 48));
    }

    /** The front's trace once its segment and {@code downstreamSegments} complete downstream segments arrived. */
    private List<ReceivedDocument> trace(Front front, int downstreamSegments) throws InterruptedException {
        return awaitTrace(front.traceId, docs -> frontSegments(docs, front.traceId) >= 1
                && segmentsOf(docs, front.traceId) - frontSegments(docs, front.traceId) >= downstreamSegments);
    }

    private List<ReceivedDocument> awaitTrace(String traceId, Predicate<List<ReceivedDocument>> complete)
            throws InterruptedException {
        try {
            receiver.awaitDocuments(docs -> complete.test(ofTrace(docs, traceId)), ARRIVAL);
        } catch (IllegalStateException timeout) {
            fail("trace " + traceId + " incomplete within " + ARRIVAL + ": " + ofTrace(receiver.documents(), traceId)
                    + "\napp stderr:\n" + app.stderr());
        }
        Thread.sleep(SETTLE_MILLIS);
        List<ReceivedDocument> documents = ofTrace(receiver.documents(), traceId);
        for (ReceivedDocument document : documents) {
            SchemaValidator.assertValid(document.body());
        }
        return documents;
    }

    private static List<ReceivedDocument> ofTrace(List<ReceivedDocument> documents, String traceId) {
        return documents.stream().filter(d -> traceId.equals(d.traceId())).collect(Collectors.toList());
    }

    private long segmentsOf(List<ReceivedDocument> documents, String traceId) {
        return documents.stream().filter(d -> traceId.equals(d.traceId()) && service.equals(d.name())
                && !d.isIndependentSubsegment() && !d.isInProgress()).count();
    }

    private long frontSegments(List<ReceivedDocument> documents, String traceId) {
        return documents.stream().filter(d -> traceId.equals(d.traceId()) && service.equals(d.name())
                && !d.isIndependentSubsegment() && !d.isInProgress() && isFront(d.json())).count();
    }

    private static boolean isFront(Map<String, Object> segment) {
        Object url = at(segment, "http.request.url");
        return url instanceof String && ((String) url).contains("/call");
    }

    private ReceivedDocument frontSegment(List<ReceivedDocument> trace, Front front) {
        List<ReceivedDocument> fronts = trace.stream().filter(d -> isFront(d.json())).collect(Collectors.toList());
        if (fronts.size() != 1 || fronts.get(0).isIndependentSubsegment() || fronts.get(0).isInProgress()) {
            fail("expected exactly one complete front segment, got " + fronts.size() + ": " + trace);
        }
        Map<String, Object> segment = fronts.get(0).json();
        assertEquals(service, fronts.get(0).name());
        assertEquals(base() + "/call", at(segment, "http.request.url"));
        assertEquals(200L, number(segment, "http.response.status"), segment.toString());
        assertTrue(((Number) segment.get("start_time")).doubleValue() >= front.sentAt - 1, segment.toString());
        return fronts.get(0);
    }

    /** The front segment's one subsegment: the call, a remote subsegment named after the host, within the request. */
    private TraceNode onlyCall(List<ReceivedDocument> trace, Front front) {
        ReceivedDocument segment = frontSegment(trace, front);
        List<TraceNode> roots = TraceAssembler.assemble(trace);
        TraceNode root = roots.stream().filter(node -> segment.id().equals(node.id())).findFirst()
                .orElseThrow(() -> new AssertionError("no tree for the front segment: " + trace));
        assertEquals(roots.get(0), root, "the front segment is the trace's first root: " + trace);
        assertEquals(1, root.children().size(), "exactly one subsegment for one call: " + segment);
        TraceNode call = root.children().get(0);
        assertFalse(call.isSegment(), call.fields().toString());
        assertEquals("127.0.0.1", call.name(), call.fields().toString());
        assertEquals("remote", call.namespace(), call.fields().toString());
        assertFalse(call.isInProgress(), call.fields().toString());
        assertTrue(call.startTime() >= root.startTime() && call.endTime() <= root.endTime() && call.endTime() >= call.startTime(),
                "the call lies within the request: " + segment);
        return call;
    }

    private static void assertRequest(TraceNode call, String url, boolean traced) {
        assertEquals("GET", at(call.fields(), "http.request.method"), call.fields().toString());
        assertEquals(url, at(call.fields(), "http.request.url"), call.fields().toString());
        assertEquals(traced ? Boolean.TRUE : null, at(call.fields(), "http.request.traced"), call.fields().toString());
    }

    /** Status, length and the flags the status implies. */
    private static void assertResponse(TraceNode call, int status, long contentLength) {
        Map<String, Object> fields = call.fields();
        assertEquals((long) status, number(fields, "http.response.status"), fields.toString());
        assertEquals(contentLength, number(fields, "http.response.content_length"), fields.toString());
        assertEquals(status >= 400 && status < 500 ? Boolean.TRUE : null, fields.get("error"), "error: " + fields);
        assertEquals(status == 429 ? Boolean.TRUE : null, fields.get("throttle"), "throttle: " + fields);
        assertEquals(status >= 500 ? Boolean.TRUE : null, fields.get("fault"), "fault: " + fields);
        assertNull(fields.get("cause"), fields.toString());
    }

    /** No response: a fault whose cause names the exception the application got. */
    @SuppressWarnings("unchecked")
    private static void assertFailure(TraceNode call, Front front) {
        Map<String, Object> fields = call.fields();
        assertNull(at(fields, "http.response"), "no response: " + fields);
        assertEquals(Boolean.TRUE, fields.get("fault"), fields.toString());
        assertNull(fields.get("error"), fields.toString());
        List<Map<String, Object>> exceptions = (List<Map<String, Object>>) at(fields, "cause.exceptions");
        assertNotNull(exceptions, "cause.exceptions: " + fields);
        List<Object> types = exceptions.stream().map(e -> e.get("type")).collect(Collectors.toList());
        assertTrue(types.contains(front.answer.getProperty("exception")),
                "the cause names what the application got (" + front.answer.getProperty("exception") + "): " + types);
    }

    /** The call's one child: the downstream's segment, of the same trace, whose parent is the call. */
    private TraceNode onlyDownstream(TraceNode call, List<ReceivedDocument> trace, Front front) {
        assertEquals(1, call.children().size(), "the downstream segment under the call: " + trace);
        TraceNode downstream = call.children().get(0);
        assertTrue(downstream.isSegment(), downstream.fields().toString());
        assertEquals(service, downstream.name());
        assertEquals(call.id(), downstream.parentId());
        assertEquals(front.traceId, downstream.fields().get("trace_id"));
        return downstream;
    }

    private static Path buildDir(String property) {
        String configured = System.getProperty(property);
        if (configured == null) {
            throw new IllegalStateException(property + " is not set: run the tests through Maven");
        }
        return Paths.get(configured).toAbsolutePath();
    }

    private static Path existing(Path path) {
        if (!Files.isDirectory(path)) {
            throw new IllegalStateException("not built: " + path);
        }
        return path;
    }
}
