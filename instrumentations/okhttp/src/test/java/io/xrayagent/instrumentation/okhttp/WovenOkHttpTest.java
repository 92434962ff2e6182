package io.xrayagent.instrumentation.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.bootstrap.CallDepth;
import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.core.model.UnsampledTrace;
import io.xrayagent.receiver.ReceivedDocument;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OkHttp 5 woven for real in this JVM, against a real local server. */
class WovenOkHttpTest {
    private static final String TRACE_HEADER = "X-Amzn-Trace-Id";
    private static Downstream downstream;
    private static OkHttpClient client;

    @BeforeAll
    static void start() throws Exception {
        WovenOkHttp.install();
        downstream = new Downstream();
        client = new OkHttpClient.Builder().readTimeout(10, TimeUnit.SECONDS).build();
    }

    @AfterAll
    static void stop() {
        downstream.close();
    }

    @BeforeEach
    void clear() {
        downstream.clear();
        WovenOkHttp.clear();
    }

    @Test
    void executeIsOneRemoteSubsegmentWhoseIdGoesDownstreamAsParent() throws Exception {
        Request request = new Request.Builder().url(downstream.url("/status/200?q=secret")).build();
        AtomicReference<Request> sent = new AtomicReference<>();
        Map<String, Object> segment = WovenOkHttp.traced(s -> {
            try (Response response = client.newCall(request).execute()) {
                assertEquals(200, response.code());
                assertEquals("hello", response.body().string(), "the body is the application's to read");
                sent.set(response.request());
            }
        });

        Map<String, Object> call = onlySubsegment(segment);
        assertEquals("127.0.0.1", call.get("name"));
        assertEquals("remote", call.get("namespace"));
        Map<String, Object> http = map(call.get("http"));
        assertEquals("GET", map(http.get("request")).get("method"));
        assertEquals(downstream.url("/status/200"), map(http.get("request")).get("url"), "no query string");
        assertEquals(Boolean.TRUE, map(http.get("request")).get("traced"));
        assertEquals(200L, map(http.get("response")).get("status"));
        assertEquals(5L, map(http.get("response")).get("content_length"));
        assertNull(call.get("fault"));
        assertNull(call.get("error"));

        assertEquals(1, downstream.received().size());
        assertEquals("Root=" + segment.get("trace_id") + ";Parent=" + call.get("id") + ";Sampled=1",
                downstream.received().get(0).traceHeader);
        assertNull(request.header(TRACE_HEADER), "the application's request object is untouched");
        assertEquals(downstream.received().get(0).traceHeader, sent.get().header(TRACE_HEADER),
                "the request that went out is a rebuilt copy with the header");
    }

    @Test
    void errorStatusesSetTheFlagsOfTheirClass() throws Exception {
        Map<String, Object> segment = WovenOkHttp.traced(s -> {
            for (int status : new int[] {404, 429, 500}) {
                try (Response response = client.newCall(get("/status/" + status)).execute()) {
                    assertEquals(status, response.code());
                }
            }
        });
        List<Map<String, Object>> calls = subsegments(segment);
        assertEquals(3, calls.size());
        assertFlags(calls.get(0), 404, true, false, false);
        assertFlags(calls.get(1), 429, true, true, false);
        assertFlags(calls.get(2), 500, false, false, true);
    }

    private static void assertFlags(Map<String, Object> call, int status, boolean error, boolean throttle, boolean fault) {
        assertEquals((long) status, map(map(call.get("http")).get("response")).get("status"));
        assertEquals(error, Boolean.TRUE.equals(call.get("error")), "error for " + status);
        assertEquals(throttle, Boolean.TRUE.equals(call.get("throttle")), "throttle for " + status);
        assertEquals(fault, Boolean.TRUE.equals(call.get("fault")), "fault for " + status);
        assertNull(call.get("cause"), "a response is no exception");
    }

    @Test
    void aRedirectFollowedByOkHttpIsStillOneCall() throws Exception {
        Map<String, Object> segment = WovenOkHttp.traced(s -> {
            try (Response response = client.newCall(get("/redirect")).execute()) {
                assertEquals(200, response.code());
                assertTrue(response.priorResponse() != null, "OkHttp followed the redirect");
            }
        });
        Map<String, Object> call = onlySubsegment(segment);
        assertEquals(downstream.url("/redirect"), map(map(call.get("http")).get("request")).get("url"));
        assertEquals(200L, map(map(call.get("http")).get("response")).get("status"));
        assertEquals(2, downstream.received().size());
        for (Downstream.Received hop : downstream.received()) {
            assertTrue(hop.traceHeader.contains("Parent=" + call.get("id")), hop.path + ": " + hop.traceHeader);
        }
    }

    @Test
    void aTraceHeaderTheApplicationSetIsSentAsItIsAndTheCallIsNotTraced() throws Exception {
        String own = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        Map<String, Object> segment = WovenOkHttp.traced(s -> {
            Request request = new Request.Builder().url(downstream.url("/status/200")).header(TRACE_HEADER, own).build();
            client.newCall(request).execute().close();
        });
        assertNull(map(map(onlySubsegment(segment).get("http")).get("request")).get("traced"), "traced is written only when true");
        assertEquals(own, downstream.received().get(0).traceHeader);
    }

    @Test
    void enqueueRecordsUnderTheCallersSegmentAndTheCallbackRunsWithIt() throws Exception {
        AtomicReference<Object> contextInCallback = new AtomicReference<>();
        AtomicReference<Thread> callbackThread = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Object> tracedSegment = new AtomicReference<>();
        Map<String, Object> segment = WovenOkHttp.traced(s -> {
            tracedSegment.set(s);
            CountDownLatch done = new CountDownLatch(1);
            client.newCall(get("/status/200")).enqueue(new Callback() {
                @Override
                public void onFailure(Call call, IOException e) {
                    failure.set(e);
                    done.countDown();
                }

                @Override
                public void onResponse(Call call, Response response) throws IOException {
                    try {
                        response.close();
                        callbackThread.set(Thread.currentThread());
                        contextInCallback.set(CurrentContext.get());
                        // A call made in the callback joins the trace too.
                        client.newCall(get("/status/201")).execute().close();
                    } catch (Throwable t) {
                        failure.set(t);
                    } finally {
                        done.countDown();
                    }
                }
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
        });
        assertNull(failure.get());
        assertNotEquals(Thread.currentThread(), callbackThread.get(), "OkHttp ran the call on its dispatcher");
        assertSame(tracedSegment.get(), contextInCallback.get(), "the callback runs with the caller's context");
        assertNull(CurrentContext.get());

        List<Map<String, Object>> calls = subsegments(segment);
        assertEquals(2, calls.size(), "the enqueued call and the call its callback made");
        List<Long> statuses = new ArrayList<>();
        for (Map<String, Object> call : calls) {
            statuses.add((Long) map(map(call.get("http")).get("response")).get("status"));
        }
        Collections.sort(statuses);
        assertEquals(List.of(200L, 201L), statuses);
        for (Downstream.Received hop : downstream.received()) {
            assertTrue(hop.traceHeader.startsWith("Root=" + segment.get("trace_id") + ";Parent="), hop.traceHeader);
        }
    }

    @Test
    void aWebSocketUpgradeIsOneCallAndTheSocketsListenerRunsWithoutTheRequestsContext() throws Exception {
        AtomicReference<Object> contextOnOpen = new AtomicReference<>("not called");
        CountDownLatch open = new CountDownLatch(1);
        try (WebSocketUpgradeServer server = new WebSocketUpgradeServer()) {
            AtomicReference<WebSocket> socket = new AtomicReference<>();
            Map<String, Object> segment = WovenOkHttp.traced(s -> {
                socket.set(client.newWebSocket(new Request.Builder().url(server.url()).build(), new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket webSocket, Response response) {
                        // OkHttp runs the socket's whole read loop on from here: no request's context belongs to it.
                        contextOnOpen.set(CurrentContext.get());
                        open.countDown();
                    }
                }));
                assertTrue(open.await(10, TimeUnit.SECONDS));
            });
            socket.get().cancel();
            assertNull(contextOnOpen.get());
            Map<String, Object> call = onlySubsegment(segment);
            assertEquals(101L, map(map(call.get("http")).get("response")).get("status"));
            assertEquals("Root=" + segment.get("trace_id") + ";Parent=" + call.get("id") + ";Sampled=1", server.traceHeader());
        }
    }

    @Test
    void aRefusedConnectionIsAFaultWithItsCause() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        int port = closedPort;
        Map<String, Object> segment = WovenOkHttp.traced(s -> assertThrows(ConnectException.class,
                () -> client.newCall(new Request.Builder().url("http://127.0.0.1:" + port + "/").build()).execute()));
        Map<String, Object> call = onlySubsegment(segment);
        assertFault(call, ConnectException.class);
        assertNull(map(call.get("http")).get("response"));
    }

    @Test
    void aReadTimeoutIsAFaultWithItsCause() throws Exception {
        OkHttpClient impatient = client.newBuilder().readTimeout(200, TimeUnit.MILLISECONDS).retryOnConnectionFailure(false).build();
        Map<String, Object> segment = WovenOkHttp.traced(s -> assertThrows(SocketTimeoutException.class,
                () -> impatient.newCall(get("/slow")).execute()));
        assertFault(onlySubsegment(segment), SocketTimeoutException.class);
    }

    @Test
    void anEnqueuedCallThatFailsIsAFaultAndItsCallbackHearsOfIt() throws Exception {
        OkHttpClient impatient = client.newBuilder().readTimeout(200, TimeUnit.MILLISECONDS).retryOnConnectionFailure(false).build();
        AtomicReference<IOException> failure = new AtomicReference<>();
        AtomicReference<Object> contextInCallback = new AtomicReference<>();
        Map<String, Object> segment = WovenOkHttp.traced(s -> {
            CountDownLatch done = new CountDownLatch(1);
            impatient.newCall(get("/slow")).enqueue(new Callback() {
                @Override
                public void onFailure(Call call, IOException e) {
                    failure.set(e);
                    contextInCallback.set(CurrentContext.get());
                    done.countDown();
                }

                @Override
                public void onResponse(Call call, Response response) {
                    response.close();
                    done.countDown();
                }
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
        });
        assertTrue(failure.get() instanceof SocketTimeoutException, String.valueOf(failure.get()));
        assertNotNull(contextInCallback.get());
        assertFault(onlySubsegment(segment), SocketTimeoutException.class);
    }

    private static void assertFault(Map<String, Object> call, Class<?> exception) {
        assertEquals(Boolean.TRUE, call.get("fault"));
        List<Object> exceptions = list(map(call.get("cause")).get("exceptions"));
        assertEquals(exception.getName(), map(exceptions.get(0)).get("type"));
    }

    @Test
    void clientsGetTheInterceptorOnceAndLastEvenThroughNewBuilder() {
        Interceptor app = chain -> chain.proceed(chain.request());
        OkHttpClient first = new OkHttpClient.Builder().addInterceptor(app).build();
        assertEquals(2, first.interceptors().size());
        assertSame(app, first.interceptors().get(0));
        Interceptor tracing = first.interceptors().get(1);
        assertEquals("xray-agent tracing interceptor", tracing.toString());

        Interceptor later = chain -> chain.proceed(chain.request());
        OkHttpClient second = first.newBuilder().addInterceptor(later).build();
        assertEquals(List.of(app, later, tracing), second.interceptors(), "moved behind the interceptor added later");
        assertEquals(List.of(tracing), new OkHttpClient().interceptors());
        assertTrue(new OkHttpClient().networkInterceptors().isEmpty());
    }

    @Test
    void aHeaderSetByAnApplicationInterceptorIsRespected() throws Exception {
        String own = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0";
        OkHttpClient withOwnHeader = client.newBuilder()
                .addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header(TRACE_HEADER, own).build()))
                .build();
        Map<String, Object> segment = WovenOkHttp.traced(s -> withOwnHeader.newCall(get("/status/200")).execute().close());
        assertNull(map(map(onlySubsegment(segment).get("http")).get("request")).get("traced"), "traced is written only when true");
        assertEquals(own, downstream.received().get(0).traceHeader);
    }

    @Test
    void anUnsampledTraceSendsSampledZeroAndRecordsNothing() throws Exception {
        Object previous = CurrentContext.swap(new UnsampledTrace("1-5759e988-bd862e3fe1be46a994272793", null));
        try {
            client.newCall(get("/status/200")).execute().close();
        } finally {
            CurrentContext.restore(previous);
        }
        assertEquals("Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0", downstream.received().get(0).traceHeader);
        assertTrue(WovenOkHttp.received().isEmpty());
    }

    @Test
    void withoutAContextNothingIsRecordedAndNoHeaderSent() throws Exception {
        client.newCall(get("/status/200")).execute().close();
        CountDownLatch done = new CountDownLatch(1);
        client.newCall(get("/status/202")).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                done.countDown();
            }

            @Override
            public void onResponse(Call call, Response response) {
                response.close();
                done.countDown();
            }
        });
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(2, downstream.received().size());
        for (Downstream.Received hop : downstream.received()) {
            assertNull(hop.traceHeader, hop.path);
        }
        List<ReceivedDocument> documents = WovenOkHttp.received();
        assertTrue(documents.isEmpty(), documents.toString());
    }

    @Test
    void beneathAnotherClientsCallNothingIsAdded() throws Exception {
        Map<String, Object> segment = WovenOkHttp.traced(s -> {
            // What an AWS SDK call over OkHttp will hold while its own subsegment records the call.
            CallDepth.enter(CallDepth.HTTP_CLIENT);
            try {
                client.newCall(get("/status/200")).execute().close();
            } finally {
                CallDepth.exit(CallDepth.HTTP_CLIENT);
            }
        });
        assertTrue(subsegments(segment).isEmpty());
        assertFalse(downstream.received().isEmpty());
        assertNull(downstream.received().get(0).traceHeader);
    }

    private static Request get(String path) {
        return new Request.Builder().url(downstream.url(path)).build();
    }

    private static Map<String, Object> onlySubsegment(Map<String, Object> segment) {
        List<Map<String, Object>> calls = subsegments(segment);
        assertEquals(1, calls.size(), String.valueOf(segment));
        return calls.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> subsegments(Map<String, Object> segment) {
        Object children = segment.get("subsegments");
        return children == null ? List.of() : (List<Map<String, Object>>) children;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertNotNull(value);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertNotNull(value);
        return (List<Object>) value;
    }
}
