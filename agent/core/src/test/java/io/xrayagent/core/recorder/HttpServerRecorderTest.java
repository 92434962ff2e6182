package io.xrayagent.core.recorder;

import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.core.header.TraceHeader;
import io.xrayagent.core.model.ExceptionRecord;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.model.TraceContext;
import io.xrayagent.core.model.UnsampledTrace;
import io.xrayagent.core.sampling.Sampler;
import io.xrayagent.core.sampling.Samplers;
import io.xrayagent.core.trace.Tracer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpServerRecorderTest {
    private static final String TRACE = "1-5759e988-bd862e3fe1be46a994272793";
    private static final String CALLER = "53995c3f42cd8ad8";
    private static final Pattern TRACE_ID = Pattern.compile("^1-[0-9a-f]{8}-[0-9a-f]{24}$");

    private Adapters.CollectingEmitter emitter;
    private Tracer tracer;

    @BeforeEach
    void setUp() {
        CurrentContext.restore(null);
        emitter = new Adapters.CollectingEmitter();
        tracer = Adapters.tracer(emitter);
    }

    @AfterEach
    void clearContext() {
        CurrentContext.restore(null);
    }

    private HttpServerRecorder recorder(Sampler sampler) {
        return new HttpServerRecorder(tracer, sampler, "orders-api", "AWS::EC2::Instance");
    }

    @Test
    void withoutAHeaderANewTraceStartsAndTheResponseCarriesItsRootOnly() {
        HttpServerRecorder recorder = recorder(Samplers.all());
        Adapters.Server request = new Adapters.Server();
        long nowSeconds = System.currentTimeMillis() / 1000;

        ServerScope scope = recorder.begin(request);
        Segment segment = scope.segment();
        assertNotNull(segment);
        assertSame(segment, CurrentContext.get(), "the segment is current while the application runs");
        recorder.end(scope, 201, 52, null);

        String traceId = segment.traceId();
        assertTrue(TRACE_ID.matcher(traceId).matches(), traceId);
        long epoch = Long.parseLong(traceId.substring(2, 10), 16);
        assertTrue(Math.abs(epoch - nowSeconds) < 600, "trace id epoch " + epoch + " vs now " + nowSeconds);
        assertEquals("Root=" + traceId, request.responseHeaders.get(TraceHeader.NAME));
        assertNull(segment.parentId());
        assertEquals("orders-api", segment.name());
        assertEquals("AWS::EC2::Instance", segment.origin());
        assertEquals(1, emitter.segments.size());
        assertSame(segment, emitter.segments.get(0));
        assertTrue(segment.isEnded());
        assertEquals(201, segment.status());
        assertEquals(52, segment.contentLength());
        assertFalse(segment.error() || segment.fault() || segment.throttle());
        assertEquals("GET", segment.request().method());
        assertEquals("http://orders.example.com:8080/api/orders", segment.request().url());
        assertEquals("10.0.0.9", segment.request().clientIp());
        assertFalse(segment.request().forwarded());
        assertNull(CurrentContext.get());
    }

    @Test
    void twoRequestsWithoutHeadersGetDifferentTraces() {
        HttpServerRecorder recorder = recorder(Samplers.all());
        ServerScope first = recorder.begin(new Adapters.Server());
        recorder.end(first, 200, -1, null);
        ServerScope second = recorder.begin(new Adapters.Server());
        recorder.end(second, 200, -1, null);

        assertFalse(first.segment().traceId().equals(second.segment().traceId()));
        assertFalse(first.segment().id().equals(second.segment().id()));
    }

    @Test
    void sampledQuestionMarkIsAnsweredWithTheDecision() {
        Adapters.Server asked = new Adapters.Server().header(TraceHeader.NAME, "Root=" + TRACE + ";Sampled=?");
        ServerScope scope = recorder(Samplers.all()).begin(asked);
        recorder(Samplers.all()).end(scope, 200, -1, null);
        assertEquals("Root=" + TRACE + ";Sampled=1", asked.responseHeaders.get(TraceHeader.NAME));
        assertEquals(TRACE, scope.segment().traceId());

        Adapters.Server declined = new Adapters.Server().header(TraceHeader.NAME, "Root=" + TRACE + ";Sampled=?");
        ServerScope unsampled = recorder(Samplers.none()).begin(declined);
        assertNull(unsampled.segment());
        recorder(Samplers.none()).end(unsampled, 200, -1, null);
        assertEquals("Root=" + TRACE + ";Sampled=0", declined.responseHeaders.get(TraceHeader.NAME));
        assertEquals(1, emitter.segments.size());
    }

    @Test
    void anIncomingRootWithoutSampledIsKeptAndTheSamplerDecides() {
        HttpServerRecorder recorder = recorder(Samplers.all());
        Adapters.Server request = new Adapters.Server().header("x-amzn-trace-id", "Root=" + TRACE);

        ServerScope scope = recorder.begin(request);
        recorder.end(scope, 200, -1, null);

        assertEquals(TRACE, scope.segment().traceId());
        assertEquals("Root=" + TRACE, request.responseHeaders.get(TraceHeader.NAME));
    }

    @Test
    void sampledZeroRecordsNothingButKeepsTheTraceCurrent() {
        HttpServerRecorder recorder = recorder(Samplers.all());
        Adapters.Server request = new Adapters.Server().header(TraceHeader.NAME,
                "Root=" + TRACE + ";Parent=" + CALLER + ";Sampled=0");

        ServerScope scope = recorder.begin(request);

        assertNull(scope.segment());
        Object current = CurrentContext.get();
        assertTrue(current instanceof UnsampledTrace, String.valueOf(current));
        TraceContext context = (TraceContext) current;
        assertEquals(TRACE, context.traceId());
        assertFalse(context.sampled());
        assertEquals("Root=" + TRACE, request.responseHeaders.get(TraceHeader.NAME));

        // A downstream call during the request carries the trace on, with the decision, and records nothing.
        HttpClientRecorder client = new HttpClientRecorder(tracer);
        Adapters.Client call = new Adapters.Client();
        Subsegment recorded = client.begin(call);
        assertNull(recorded);
        assertEquals("Root=" + TRACE + ";Sampled=0", call.headers.get(TraceHeader.NAME));
        client.end(recorded, 200, 10, null);

        recorder.end(scope, 200, -1, null);
        assertTrue(emitter.segments.isEmpty());
        assertTrue(emitter.subsegments.isEmpty());
        assertNull(CurrentContext.get());
    }

    @Test
    void anUnsampledTracePassesLineageOn() {
        HttpServerRecorder recorder = recorder(Samplers.all());
        Adapters.Server request = new Adapters.Server().header(TraceHeader.NAME,
                "Root=" + TRACE + ";Sampled=0;Lineage=a87bd80c:1");
        ServerScope scope = recorder.begin(request);

        Adapters.Client call = new Adapters.Client();
        new HttpClientRecorder(tracer).begin(call);
        recorder.end(scope, 200, -1, null);

        assertEquals("Root=" + TRACE + ";Sampled=0;Lineage=a87bd80c:1", call.headers.get(TraceHeader.NAME));
    }

    @Test
    void sampledOneIsObeyedAndTheCallerBecomesTheParent() {
        // The sampler would say no: an upstream decision wins.
        HttpServerRecorder recorder = recorder(Samplers.none());
        Adapters.Server request = new Adapters.Server().header(TraceHeader.NAME,
                "Root=" + TRACE + ";Parent=" + CALLER + ";Sampled=1");

        ServerScope scope = recorder.begin(request);
        recorder.end(scope, 200, -1, null);

        Segment segment = scope.segment();
        assertNotNull(segment);
        assertEquals(TRACE, segment.traceId());
        assertEquals(CALLER, segment.parentId());
        assertNull(segment.ruleName(), "the decision came from upstream");
        assertEquals("Root=" + TRACE, request.responseHeaders.get(TraceHeader.NAME));
        assertEquals(1, emitter.segments.size());
    }

    @Test
    void aMalformedRootStartsANewTrace() {
        HttpServerRecorder recorder = recorder(Samplers.all());
        Adapters.Server request = new Adapters.Server().header(TraceHeader.NAME, "Root=1-zzzz;Sampled=1");

        ServerScope scope = recorder.begin(request);
        recorder.end(scope, 200, -1, null);

        String traceId = scope.segment().traceId();
        assertTrue(TRACE_ID.matcher(traceId).matches(), traceId);
        assertEquals("Root=" + traceId, request.responseHeaders.get(TraceHeader.NAME));
    }

    @Test
    void theFirstForwardedForEntryIsTheClientIp() {
        HttpServerRecorder recorder = recorder(Samplers.all());
        Adapters.Server request = new Adapters.Server()
                .header("X-Forwarded-For", " 203.0.113.7 , 10.0.0.2, 10.0.0.3")
                .header("User-Agent", "curl/8.5");

        ServerScope scope = recorder.begin(request);
        recorder.end(scope, 200, -1, null);

        assertEquals("203.0.113.7", scope.segment().request().clientIp());
        assertTrue(scope.segment().request().forwarded());
        assertEquals("curl/8.5", scope.segment().request().userAgent());
    }

    @Test
    void anEmptyForwardedForFallsBackToThePeerAddress() {
        HttpServerRecorder recorder = recorder(Samplers.all());
        Adapters.Server request = new Adapters.Server().header("X-Forwarded-For", " ,10.0.0.2");

        ServerScope scope = recorder.begin(request);
        recorder.end(scope, 200, -1, null);

        assertEquals("10.0.0.9", scope.segment().request().clientIp());
        assertFalse(scope.segment().request().forwarded());
    }

    @Test
    void withoutAHostHeaderTheUrlUsesTheLocalAuthority() {
        HttpServerRecorder recorder = recorder(Samplers.all());
        Adapters.Server request = new Adapters.Server();
        request.host = null;
        request.scheme = "https";

        ServerScope scope = recorder.begin(request);
        recorder.end(scope, 200, -1, null);

        assertEquals("https://10.0.0.1:8080/api/orders", scope.segment().request().url());
    }

    @Test
    void thePreviousContextIsRestoredAfterTheRequest() {
        HttpServerRecorder recorder = recorder(Samplers.all());
        UnsampledTrace outer = new UnsampledTrace("1-5759e988-000000000000000000000001", null);
        CurrentContext.swap(outer);

        ServerScope scope = recorder.begin(new Adapters.Server());
        assertSame(scope.segment(), CurrentContext.get());
        recorder.end(scope, 200, -1, null);

        assertSame(outer, CurrentContext.get());
    }

    @Test
    void thePreviousContextIsRestoredForAnUnsampledRequestAndOnDetach() {
        HttpServerRecorder recorder = recorder(Samplers.none());
        Object outer = new UnsampledTrace("1-5759e988-000000000000000000000002", null);
        CurrentContext.swap(outer);

        ServerScope unsampled = recorder.begin(new Adapters.Server());
        assertTrue(CurrentContext.get() instanceof UnsampledTrace);
        recorder.end(unsampled, 200, -1, null);
        assertSame(outer, CurrentContext.get());

        HttpServerRecorder sampling = recorder(Samplers.all());
        ServerScope async = sampling.begin(new Adapters.Server());
        sampling.detach(async);
        assertSame(outer, CurrentContext.get());
        assertFalse(async.segment().isEnded(), "detach leaves the segment open");
        assertTrue(emitter.segments.isEmpty());
        // Later, on another thread in a real server: the request ends.
        sampling.end(async, 200, -1, null);
        assertEquals(1, emitter.segments.size());
        assertSame(outer, CurrentContext.get());
    }

    @Test
    void nestedRequestsOnOneThreadRestoreInOrder() {
        HttpServerRecorder recorder = recorder(Samplers.all());
        ServerScope outer = recorder.begin(new Adapters.Server());
        ServerScope inner = recorder.begin(new Adapters.Server());
        assertSame(inner.segment(), CurrentContext.get());

        recorder.end(inner, 200, -1, null);
        assertSame(outer.segment(), CurrentContext.get());
        recorder.end(outer, 200, -1, null);
        assertNull(CurrentContext.get());
    }

    @Test
    void anExceptionEscapingTheApplicationIsAFaultWithItsCause() {
        HttpServerRecorder recorder = recorder(Samplers.all());
        ServerScope scope = recorder.begin(new Adapters.Server());
        IllegalStateException thrown = new IllegalStateException("database down");

        recorder.end(scope, -1, -1, thrown);

        Segment segment = scope.segment();
        assertTrue(segment.fault());
        assertEquals(-1, segment.status(), "no response was sent");
        ExceptionRecord record = segment.cause().exceptions().get(0);
        assertEquals("java.lang.IllegalStateException", record.type());
        assertEquals("database down", record.message());
        assertTrue(record.frames().length > 0);
        assertEquals(1, emitter.segments.size());
        assertNull(CurrentContext.get());
    }

    @Test
    void responseStatusesSetTheFlags() {
        HttpServerRecorder recorder = recorder(Samplers.all());
        Segment notFound = run(recorder, 404);
        assertTrue(notFound.error());
        assertFalse(notFound.throttle());
        assertFalse(notFound.fault());

        Segment throttled = run(recorder, 429);
        assertTrue(throttled.error());
        assertTrue(throttled.throttle());
        assertFalse(throttled.fault());

        Segment unavailable = run(recorder, 503);
        assertTrue(unavailable.fault());
        assertFalse(unavailable.error());
        assertFalse(unavailable.throttle());

        Segment ok = run(recorder, 204);
        assertFalse(ok.fault() || ok.error() || ok.throttle());
    }

    @Test
    void anInvalidServiceNameIsSanitized() {
        HttpServerRecorder recorder = new HttpServerRecorder(tracer, Samplers.all(), "orders (prod)!", null);
        ServerScope scope = recorder.begin(new Adapters.Server());
        recorder.end(scope, 200, -1, null);
        assertEquals("orders prod", scope.segment().name());
        assertNull(scope.segment().origin());

        HttpServerRecorder unnamed = new HttpServerRecorder(tracer, Samplers.all(), (String) null, null);
        ServerScope other = unnamed.begin(new Adapters.Server());
        unnamed.end(other, 200, -1, null);
        assertEquals("XRayInstrumentedService", other.segment().name());
    }

    @Test
    void theSamplerGetsHostWithoutPortMethodPathAndTheSegmentName() {
        java.util.List<io.xrayagent.core.sampling.SamplingRequest> asked = new java.util.ArrayList<>();
        HttpServerRecorder recorder = new HttpServerRecorder(tracer, request -> {
            asked.add(request);
            return Samplers.all().decide(request);
        }, SegmentNaming.dynamic("orders-api", "*.example.com:*"), "AWS::EC2::Instance");
        Adapters.Server request = new Adapters.Server();
        request.method = "POST";
        recorder.end(recorder.begin(request), 200, -1, null);
        assertEquals(1, asked.size());
        assertEquals("orders.example.com", asked.get(0).host());
        assertEquals("POST", asked.get(0).method());
        assertEquals("/api/orders", asked.get(0).urlPath());
        assertEquals("orders.example.com:8080", asked.get(0).serviceName(), "the dynamic name is the rules' service name");
        assertEquals("AWS::EC2::Instance", asked.get(0).serviceType());
        assertEquals("orders.example.com:8080", emitter.segments.get(0).name());
    }

    @Test
    void dynamicNamingFallsBackForAnUnrecognizedHost() {
        HttpServerRecorder recorder = new HttpServerRecorder(tracer, Samplers.all(),
                SegmentNaming.dynamic("orders-api", "*.internal"), null);
        recorder.end(recorder.begin(new Adapters.Server()), 200, -1, null);
        assertEquals("orders-api", emitter.segments.get(0).name());
    }

    @Test
    void hostWithoutPortHandlesIpv6() {
        assertEquals("example.com", HttpServerRecorder.hostWithoutPort("example.com:8080"));
        assertEquals("example.com", HttpServerRecorder.hostWithoutPort("example.com"));
        assertEquals("[::1]", HttpServerRecorder.hostWithoutPort("[::1]:8080"));
        assertEquals("[::1]", HttpServerRecorder.hostWithoutPort("[::1]"));
        assertNull(HttpServerRecorder.hostWithoutPort(null));
    }

    private Segment run(HttpServerRecorder recorder, int status) {
        ServerScope scope = recorder.begin(new Adapters.Server());
        recorder.end(scope, status, -1, null);
        return scope.segment();
    }
}
