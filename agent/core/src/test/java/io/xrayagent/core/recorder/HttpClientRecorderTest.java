package io.xrayagent.core.recorder;

import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.config.DaemonAddress;
import io.xrayagent.core.emit.AgentIdentity;
import io.xrayagent.core.emit.UdpEmitter;
import io.xrayagent.core.header.TraceHeader;
import io.xrayagent.core.model.ExceptionRecord;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.sampling.Samplers;
import io.xrayagent.core.trace.ContextMissingReporter;
import io.xrayagent.core.trace.Tracer;
import io.xrayagent.testing.LogCapture;
import io.xrayagent.receiver.LocalReceiver;
import io.xrayagent.receiver.ReceivedDocument;
import io.xrayagent.testing.SchemaValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpClientRecorderTest {
    private static final String TRACE = "1-5759e988-bd862e3fe1be46a994272793";
    private static final String CALLER = "53995c3f42cd8ad8";

    private Adapters.CollectingEmitter emitter;
    private Tracer tracer;
    private HttpClientRecorder client;

    @BeforeEach
    void setUp() {
        CurrentContext.restore(null);
        emitter = new Adapters.CollectingEmitter();
        tracer = Adapters.tracer(emitter);
        client = new HttpClientRecorder(tracer);
    }

    @AfterEach
    void clearContext() {
        CurrentContext.restore(null);
    }

    /** A sampled request in progress, as the server recorder leaves it: the segment current on this thread. */
    private ServerScope sampledRequest(String incomingHeader) {
        HttpServerRecorder server = new HttpServerRecorder(tracer, Samplers.all(), "orders-api", null);
        Adapters.Server request = new Adapters.Server();
        if (incomingHeader != null) {
            request.header(TraceHeader.NAME, incomingHeader);
        }
        return server.begin(request);
    }

    private void endRequest(ServerScope scope) {
        new HttpServerRecorder(tracer, Samplers.all(), "orders-api", null).end(scope, 200, -1, null);
    }

    @Test
    void aCallIsARemoteSubsegmentNamedAfterTheHostWithTheHeaderInjected() {
        ServerScope scope = sampledRequest("Root=" + TRACE + ";Parent=" + CALLER + ";Sampled=1;Lineage=a87bd80c:1");
        Segment segment = scope.segment();
        Adapters.Client request = new Adapters.Client();

        Subsegment call = client.begin(request);
        assertSame(segment, CurrentContext.get(), "the client recorder does not change the current context");
        client.end(call, 201, 17, null);
        assertSame(segment, CurrentContext.get());
        endRequest(scope);

        assertNotNull(call);
        assertEquals("payments.example.com", call.name());
        assertEquals("remote", call.namespace());
        assertSame(segment, call.parent());
        assertEquals(TRACE, call.traceId());
        assertEquals("Root=" + TRACE + ";Parent=" + call.id() + ";Sampled=1;Lineage=a87bd80c:1",
                request.headers.get(TraceHeader.NAME));
        assertEquals("POST", call.request().method());
        assertEquals("https://payments.example.com:8443/charge", call.request().url(), "no query, no fragment");
        assertTrue(call.request().traced());
        assertEquals(201, call.status());
        assertEquals(17, call.contentLength());
        assertFalse(call.error() || call.fault() || call.throttle());
        assertTrue(call.isEnded());
        // The call travels inside its segment's document.
        assertEquals(1, emitter.segments.size());
        assertEquals(1, segment.children().size());
        assertSame(call, segment.children().get(0));
        assertTrue(emitter.subsegments.isEmpty());
    }

    @Test
    void withoutPassThroughFieldsTheHeaderHasExactlyThreeFields() {
        ServerScope scope = sampledRequest(null);
        Adapters.Client request = new Adapters.Client();

        Subsegment call = client.begin(request);
        client.end(call, 200, -1, null);
        endRequest(scope);

        assertEquals("Root=" + scope.segment().traceId() + ";Parent=" + call.id() + ";Sampled=1",
                request.headers.get(TraceHeader.NAME));
    }

    @Test
    void theInjectedHeaderIsWhatTheNextServiceReads() {
        ServerScope scope = sampledRequest("Root=" + TRACE + ";Sampled=1;Lineage=a87bd80c:1");
        Adapters.Client request = new Adapters.Client();
        Subsegment call = client.begin(request);

        // The downstream service, instrumented by the same agent.
        CurrentContext.restore(null);
        ServerScope downstream = new HttpServerRecorder(tracer, Samplers.none(), "payments", null)
                .begin(new Adapters.Server().header(TraceHeader.NAME, request.headers.get(TraceHeader.NAME)));
        Segment next = downstream.segment();
        assertNotNull(next, "Sampled=1 obliges the callee even when its own sampler says no");
        assertEquals(TRACE, next.traceId());
        assertEquals(call.id(), next.parentId());
        assertEquals("Lineage=a87bd80c:1", next.passThroughHeaderFields());
        CurrentContext.restore(scope.segment());
        client.end(call, 200, -1, null);
        endRequest(scope);
    }

    @Test
    void aCallUnderASubsegmentIsItsChild() {
        ServerScope scope = sampledRequest(null);
        Subsegment local = tracer.beginSubsegment(scope.segment(), "checkout", null);
        Object previous = CurrentContext.swap(local);

        Adapters.Client request = new Adapters.Client();
        Subsegment call = client.begin(request);
        client.end(call, 200, -1, null);
        CurrentContext.restore(previous);
        tracer.endSubsegment(local);
        endRequest(scope);

        assertSame(local, call.parent());
        assertEquals("Root=" + scope.segment().traceId() + ";Parent=" + call.id() + ";Sampled=1",
                request.headers.get(TraceHeader.NAME));
    }

    @Test
    void aHeaderTheApplicationSetIsLeftAloneAndTheCallIsNotTraced() {
        ServerScope scope = sampledRequest(null);
        Adapters.Client request = new Adapters.Client();
        String own = "Root=1-67891233-abcdef012345678912345678;Parent=1234567890abcdef;Sampled=1";
        request.headers.put("x-amzn-trace-id", own);

        Subsegment call = client.begin(request);
        client.end(call, 200, -1, null);
        endRequest(scope);

        assertEquals(own, request.headers.get(TraceHeader.NAME));
        assertEquals(1, request.headers.size());
        assertNotNull(call, "the call is still recorded");
        assertFalse(call.request().traced());
    }

    @Test
    void aRequestThatCanNoLongerTakeHeadersIsNotTraced() {
        ServerScope scope = sampledRequest(null);
        Adapters.Client request = new Adapters.Client();
        request.alreadySent = true;

        Subsegment call = client.begin(request);
        client.end(call, 200, -1, null);
        endRequest(scope);

        assertNull(request.headers.get(TraceHeader.NAME));
        assertFalse(call.request().traced());
    }

    @Test
    void anUnsampledTraceWithAnApplicationHeaderIsLeftAlone() {
        HttpServerRecorder server = new HttpServerRecorder(tracer, Samplers.none(), "orders-api", null);
        ServerScope scope = server.begin(new Adapters.Server());
        Adapters.Client request = new Adapters.Client();
        request.headers.put(TraceHeader.NAME, "Root=" + TRACE + ";Sampled=1");

        assertNull(client.begin(request));
        server.end(scope, 200, -1, null);

        assertEquals("Root=" + TRACE + ";Sampled=1", request.headers.get(TraceHeader.NAME));
    }

    @Test
    void responseStatusesSetTheFlags() {
        ServerScope scope = sampledRequest(null);
        Subsegment notFound = call(404);
        Subsegment throttled = call(429);
        Subsegment unavailable = call(503);
        Subsegment redirect = call(302);
        endRequest(scope);

        assertTrue(notFound.error());
        assertFalse(notFound.throttle() || notFound.fault());
        assertTrue(throttled.error());
        assertTrue(throttled.throttle());
        assertFalse(throttled.fault());
        assertTrue(unavailable.fault());
        assertFalse(unavailable.error() || unavailable.throttle());
        assertFalse(redirect.error() || redirect.throttle() || redirect.fault());
        assertEquals(404, notFound.status());
        assertEquals(503, unavailable.status());
        assertNull(notFound.cause());
        assertFalse(scope.segment().fault(), "a downstream failure is the call's, not the segment's");
    }

    @Test
    void aConnectionFailureIsAFaultWithItsCause() {
        ServerScope scope = sampledRequest(null);
        Adapters.Client request = new Adapters.Client();
        Subsegment call = client.begin(request);
        ConnectException refused = new ConnectException("Connection refused");

        client.end(call, -1, -1, refused);
        endRequest(scope);

        assertTrue(call.fault());
        assertFalse(call.error());
        assertEquals(-1, call.status());
        ExceptionRecord record = call.cause().exceptions().get(0);
        assertEquals("java.net.ConnectException", record.type());
        assertEquals("Connection refused", record.message());
        assertTrue(call.isEnded());
    }

    @Test
    void aCallEndingAfterItsRequestIsSentOnItsOwn() {
        ServerScope scope = sampledRequest(null);
        Subsegment call = client.begin(new Adapters.Client());
        endRequest(scope);
        assertEquals(1, emitter.segments.size());
        assertTrue(emitter.subsegments.isEmpty());

        client.end(call, 200, -1, null);

        assertEquals(1, emitter.subsegments.size());
        assertSame(call, emitter.subsegments.get(0));
        assertSame(scope.segment(), call.parent());
    }

    @Test
    void endingNullIsHarmless() {
        client.end(null, 200, -1, null);
        client.end(null, -1, -1, new IOException("x"));
        assertTrue(emitter.segments.isEmpty());
        assertTrue(emitter.subsegments.isEmpty());
    }

    @Test
    void withoutACurrentContextNothingIsRecordedAndTheErrorIsLoggedOnce() {
        List<String> lines = captureLog(ContextMissingStrategy.LOG_ERROR, 1000);

        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("[xray-agent] ERROR "), lines.get(0));
        assertTrue(lines.get(0).contains("payments.example.com"), lines.get(0));
    }

    @Test
    void withIgnoreErrorAMissingContextIsSilent() {
        List<String> lines = captureLog(ContextMissingStrategy.IGNORE_ERROR, 1000);

        assertTrue(lines.isEmpty(), lines.toString());
    }

    private List<String> captureLog(ContextMissingStrategy strategy, int calls) {
        Tracer strategyTracer = new Tracer(emitter, 100, 50, new ContextMissingReporter(strategy));
        HttpClientRecorder recorder = new HttpClientRecorder(strategyTracer);
        LogCapture log = new LogCapture();
        List<Adapters.Client> requests = new ArrayList<Adapters.Client>();
        log.start();
        try {
            for (int i = 0; i < calls; i++) {
                Adapters.Client request = new Adapters.Client();
                requests.add(request);
                Subsegment call = recorder.begin(request);
                assertNull(call);
                recorder.end(call, 200, -1, null);
            }
        } finally {
            log.stop();
        }
        for (Adapters.Client request : requests) {
            assertTrue(request.headers.isEmpty(), "nothing is injected without a context");
        }
        assertTrue(emitter.segments.isEmpty());
        assertTrue(emitter.subsegments.isEmpty());
        return log.lines();
    }

    private Subsegment call(int status) {
        Subsegment call = client.begin(new Adapters.Client());
        client.end(call, status, -1, null);
        return call;
    }

    @Test
    void endToEndTheDaemonReceivesTheSegmentWithTheCallThatCarriedTheHeader() throws Exception {
        LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
        UdpEmitter udp = new UdpEmitter(DaemonAddress.parse(receiver.daemonAddress()), 64, 64512,
                AgentIdentity.ofThisJvm("0.1.0-test"));
        try {
            Tracer realTracer = new Tracer(udp, 100, 50, new ContextMissingReporter(ContextMissingStrategy.LOG_ERROR));
            HttpServerRecorder server = new HttpServerRecorder(realTracer, Samplers.all(), "orders-api", null);
            HttpClientRecorder realClient = new HttpClientRecorder(realTracer);
            Adapters.Server incoming = new Adapters.Server()
                    .header(TraceHeader.NAME, "Root=" + TRACE + ";Parent=" + CALLER + ";Sampled=1")
                    .header("X-Forwarded-For", "203.0.113.7");
            Adapters.Client outgoing = new Adapters.Client();

            ServerScope scope = server.begin(incoming);
            Subsegment call = realClient.begin(outgoing);
            realClient.end(call, 429, 0, null);
            server.end(scope, 500, 12, new IllegalStateException("payments throttled"));

            List<ReceivedDocument> documents = receiver.awaitDocuments(d -> d.size() >= 1, Duration.ofSeconds(20));
            ReceivedDocument document = documents.get(0);
            SchemaValidator.assertValid(document.body());
            assertEquals("orders-api", document.name());
            assertEquals(TRACE, document.traceId());
            assertEquals(CALLER, document.parentId());
            Map<String, Object> json = document.json();
            assertEquals(Boolean.TRUE, json.get("fault"));
            Map<?, ?> request = (Map<?, ?>) ((Map<?, ?>) json.get("http")).get("request");
            assertEquals("203.0.113.7", request.get("client_ip"));
            assertEquals(Boolean.TRUE, request.get("x_forwarded_for"));
            Map<?, ?> embedded = (Map<?, ?>) ((List<?>) json.get("subsegments")).get(0);
            assertEquals("payments.example.com", embedded.get("name"));
            assertEquals("remote", embedded.get("namespace"));
            assertEquals(Boolean.TRUE, embedded.get("error"));
            assertEquals(Boolean.TRUE, embedded.get("throttle"));
            Map<?, ?> embeddedRequest = (Map<?, ?>) ((Map<?, ?>) embedded.get("http")).get("request");
            assertEquals(Boolean.TRUE, embeddedRequest.get("traced"));
            assertEquals("https://payments.example.com:8443/charge", embeddedRequest.get("url"));
            // The header that went out names this very subsegment as the parent.
            TraceHeader sent = TraceHeader.parse(outgoing.headers.get(TraceHeader.NAME));
            assertEquals(embedded.get("id"), sent.parent());
            assertEquals(TRACE, sent.root());
            assertEquals("Root=" + TRACE, incoming.responseHeaders.get(TraceHeader.NAME));
        } finally {
            udp.shutdown(1, TimeUnit.SECONDS);
            receiver.close();
        }
    }
}
