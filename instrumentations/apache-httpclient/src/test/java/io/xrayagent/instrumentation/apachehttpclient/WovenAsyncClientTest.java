package io.xrayagent.instrumentation.apachehttpclient;

import static io.xrayagent.instrumentation.apachehttpclient.Trees.children;
import static io.xrayagent.instrumentation.apachehttpclient.Trees.firstException;
import static io.xrayagent.instrumentation.apachehttpclient.Trees.flag;
import static io.xrayagent.instrumentation.apachehttpclient.Trees.http;
import static io.xrayagent.instrumentation.apachehttpclient.Trees.onlyChild;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.bootstrap.CurrentContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.entity.StringAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.support.AsyncRequestBuilder;
import org.apache.hc.core5.http.nio.support.BasicResponseConsumer;
import org.apache.hc.core5.io.CloseMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What only the async client does: the call ends on an I/O thread, the callback, cancellation. */
class WovenAsyncClientTest {
    private static Downstream downstream;
    private static Apache5Clients.Async client;
    private static ApacheClient classic;

    @BeforeAll
    static void start() throws Exception {
        WovenClients.install();
        downstream = new Downstream();
        client = Apache5Clients.async();
        classic = Apache4Clients.internal();
    }

    @AfterAll
    static void stop() throws Exception {
        client.shutdown();
        classic.shutdown();
        downstream.close();
    }

    @BeforeEach
    void clear() {
        downstream.clear();
        WovenClients.clear();
    }

    @Test
    void theCallEndsOnAnIoThreadAndTheCallbackRunsWithTheCallersContext() throws Exception {
        AtomicReference<Thread> callbackThread = new AtomicReference<>();
        AtomicReference<Object> callbackContext = new AtomicReference<>();
        AtomicReference<Object> segmentSeen = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Map<String, Object> segment = WovenClients.traced(s -> {
            segmentSeen.set(s);
            client.start(client.request(downstream.url("/ok")), new FutureCallback<SimpleHttpResponse>() {
                @Override
                public void completed(SimpleHttpResponse response) {
                    callbackThread.set(Thread.currentThread());
                    callbackContext.set(CurrentContext.get());
                    try {
                        // A call made from the callback belongs to the request that started the first one.
                        classic.send(classic.request(downstream.url("/status/404")));
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    } finally {
                        done.countDown();
                    }
                }

                @Override
                public void failed(Exception ex) {
                    done.countDown();
                }

                @Override
                public void cancelled() {
                    done.countDown();
                }
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
        });

        assertNotEquals(Thread.currentThread(), callbackThread.get());
        assertSame(segmentSeen.get(), callbackContext.get());
        assertNull(CurrentContext.get());
        List<Map<String, Object>> calls = children(segment);
        assertEquals(2, calls.size(), segment.toString());
        assertEquals(200, ((Number) http(calls.get(0), "response").get("status")).intValue());
        assertEquals(404, ((Number) http(calls.get(1), "response").get("status")).intValue());
        assertEquals("Root=" + segment.get("trace_id") + ";Parent=" + calls.get(1).get("id") + ";Sampled=1",
                downstream.seen().get(1).traceHeader);
    }

    @Test
    void aRequestProducerAndConsumerOfTheApplicationsOwn() throws Exception {
        AtomicReference<Message<HttpResponse, String>> result = new AtomicReference<>();
        Map<String, Object> segment = WovenClients.traced(s -> {
            CloseableHttpAsyncClient own = HttpAsyncClients.createDefault();
            own.start();
            try {
                Future<Message<HttpResponse, String>> future = own.execute(
                        AsyncRequestBuilder.get(downstream.url("/status/500")).build(),
                        new BasicResponseConsumer<>(new StringAsyncEntityConsumer()), null);
                result.set(future.get(10, TimeUnit.SECONDS));
            } finally {
                own.close(CloseMode.GRACEFUL);
            }
        });

        assertEquals(500, result.get().getHead().getCode());
        assertEquals(Downstream.ERROR_BODY, result.get().getBody());
        Map<String, Object> call = onlyChild(segment);
        assertTrue(flag(call, "fault"));
        assertEquals(500, ((Number) http(call, "response").get("status")).intValue());
        assertEquals("Root=" + segment.get("trace_id") + ";Parent=" + call.get("id") + ";Sampled=1",
                downstream.seen().get(0).traceHeader);
    }

    @Test
    void aCancelledCallIsAFaultWithCancellationAsItsCause() throws Exception {
        AtomicReference<Boolean> cancelledSeen = new AtomicReference<>(false);
        Map<String, Object> segment = WovenClients.traced(s -> {
            Future<SimpleHttpResponse> future = client.startExchange(client.request(downstream.url("/slow")),
                    new FutureCallback<SimpleHttpResponse>() {
                        @Override
                        public void completed(SimpleHttpResponse response) {
                        }

                        @Override
                        public void failed(Exception ex) {
                        }

                        @Override
                        public void cancelled() {
                            cancelledSeen.set(true);
                        }
                    });
            awaitRequestAtServer();
            assertTrue(future.cancel(true));
        });

        assertTrue(cancelledSeen.get());
        Map<String, Object> call = onlyChild(segment);
        assertTrue(flag(call, "fault"), call.toString());
        assertNull(http(call, "response"));
        assertEquals(CancellationException.class.getName(), firstException(call).get("type"));
    }

    private static void awaitRequestAtServer() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (downstream.seen().isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the request never reached the server");
            Thread.sleep(10);
        }
        assertNotNull(downstream.seen().get(0).traceHeader);
    }
}
