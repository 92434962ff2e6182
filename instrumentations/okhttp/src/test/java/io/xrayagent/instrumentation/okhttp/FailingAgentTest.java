package io.xrayagent.instrumentation.okhttp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.bootstrap.CallDepth;
import io.xrayagent.bootstrap.HttpClientBridge;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real advice and interceptor with an agent handler that fails at every step, or hands back garbage:
 * clients are built, calls made and callbacks called as without the agent, and nothing of the failure
 * reaches the application.
 */
class FailingAgentTest {
    private static Downstream downstream;
    /** Built with the real handler, so it holds the tracing interceptor. */
    private static OkHttpClient traced;

    @BeforeAll
    static void start() throws Exception {
        WovenOkHttp.install();
        downstream = new Downstream();
        traced = new OkHttpClient();
    }

    @AfterAll
    static void stop() {
        downstream.close();
    }

    @AfterEach
    void restore() {
        WovenOkHttp.installHandler();
    }

    @Test
    void aFailingPrepareLeavesClientsAndCallbacksAlone() throws Exception {
        AtomicInteger prepared = new AtomicInteger();
        HttpClientBridge.install(HttpClientBridge.OKHTTP, new Failing() {
            @Override
            public void prepare(Object target, Object[] arguments) {
                prepared.incrementAndGet();
                arguments[0] = "not a builder, nor a callback";
                throw new IllegalStateException("agent bug in prepare");
            }
        });
        WovenOkHttp.traced(s -> {
            OkHttpClient client = new OkHttpClient.Builder().build();
            assertTrue(client.interceptors().isEmpty());
            assertEquals(503, enqueue(client, "/status/503"));
        });
        assertEquals(2, prepared.get(), "the client's construction and the enqueued call");
    }

    @Test
    void failingOrGarbageCallHandlingLeavesTheCallsAlone() throws Exception {
        AtomicInteger begun = new AtomicInteger();
        HttpClientBridge.install(HttpClientBridge.OKHTTP, new Failing() {
            @Override
            public Object begin(Object target, Object[] arguments) {
                if (begun.incrementAndGet() % 2 == 1) {
                    throw new IllegalStateException("agent bug in begin");
                }
                arguments[0] = "not a request";
                return "a scope";
            }

            @Override
            public Object end(Object scope, Object returned, Throwable thrown) {
                if (returned != null) {
                    return "not a response";
                }
                throw new OutOfMemoryError("agent failure in end");
            }
        });
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        int port = closedPort;
        Map<String, Object> segment = WovenOkHttp.traced(s -> {
            for (int i = 0; i < 2; i++) {
                try (Response response = traced.newCall(new Request.Builder().url(downstream.url("/status/200")).build()).execute()) {
                    assertEquals(200, response.code());
                    assertEquals("hello", response.body().string());
                }
                assertEquals(404, enqueue(traced, "/status/404"));
            }
            ConnectException refused = new ConnectException("placeholder");
            for (int i = 0; i < 2; i++) {
                refused = assertThrows(ConnectException.class,
                        () -> traced.newCall(new Request.Builder().url("http://127.0.0.1:" + port + "/").build()).execute());
            }
            assertTrue(refused.getMessage().contains(String.valueOf(port)), "OkHttp's own exception: " + refused);
        });
        assertEquals(6, begun.get());
        assertNull(segment.get("subsegments"));
        assertEquals(0, CallDepth.current(CallDepth.HTTP_CLIENT), "the call depth is balanced after failures");
    }

    private static Object enqueue(OkHttpClient client, String path) throws InterruptedException {
        AtomicReference<Object> outcome = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Callback callback = new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                outcome.set(e);
                done.countDown();
            }

            @Override
            public void onResponse(Call call, Response response) {
                outcome.set(response.code());
                response.close();
                done.countDown();
            }
        };
        client.newCall(new Request.Builder().url(downstream.url(path)).build()).enqueue(callback);
        assertTrue(done.await(10, TimeUnit.SECONDS));
        return outcome.get();
    }

    /** Fails at every step unless a test overrides it. */
    private static class Failing implements HttpClientBridge.Handler {
        @Override
        public void prepare(Object target, Object[] arguments) {
            throw new IllegalStateException("agent bug in prepare");
        }

        @Override
        public Object begin(Object target, Object[] arguments) {
            throw new IllegalStateException("agent bug in begin");
        }

        @Override
        public Object end(Object scope, Object returned, Throwable thrown) {
            throw new IllegalStateException("agent bug in end");
        }
    }
}
