package io.xrayagent.instrumentation.apachehttpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.emit.Emitter;
import io.xrayagent.core.model.Ids;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.recorder.HttpClientRecorder;
import io.xrayagent.core.trace.ContextMissingReporter;
import io.xrayagent.core.trace.Tracer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The order of an async call's signals is the client's: whatever it is, one subsegment, ended once. */
class AsyncExchangeTest {
    private final Tracer tracer = new Tracer(new Emitter() {
        @Override
        public void sendSegment(Segment segment) {
        }

        @Override
        public void sendSubsegment(Subsegment subsegment) {
        }
    }, 100, 50, new ContextMissingReporter(ContextMissingStrategy.IGNORE_ERROR));
    private final Segment segment = tracer.beginSegment("test", Ids.newTraceId(System.currentTimeMillis() / 1000), null, null, null);
    private final AsyncExchange exchange = new AsyncExchange(new HttpClientRecorder(tracer), segment, true,
            new FailureLog("test"));

    @Test
    void endsOnceWithTheResponseItSaw() {
        Request request = new Request();
        exchange.sending(request);
        exchange.sending(new Request());
        exchange.response(503, 12);
        exchange.completed();
        exchange.failed(new IllegalStateException("late"));
        exchange.cancelled();

        Subsegment call = onlyCall();
        assertTrue(call.isEnded());
        assertEquals(503, call.status());
        assertEquals(12, call.contentLength());
        assertNull(call.cause(), "only the first end counts");
        assertNull(request.headers.get("X-Amzn-Trace-Id"), "the header is taken off when the call ends");
    }

    @Test
    void aCallCancelledBeforeItsRequestWentOutRecordsNothingAndSendsNoHeader() {
        Request request = new Request();
        exchange.cancelled();
        exchange.sending(request);

        assertTrue(segment.children().isEmpty());
        assertNull(request.headers.get("X-Amzn-Trace-Id"));
    }

    @Test
    void aHeaderTheApplicationReplacedMeanwhileStays() {
        Request request = new Request();
        exchange.sending(request);
        request.headers.put("X-Amzn-Trace-Id", "Root=1-5f84c7a5-0123456789abcdef01234567");
        exchange.completed();

        assertEquals("Root=1-5f84c7a5-0123456789abcdef01234567", request.headers.get("X-Amzn-Trace-Id"));
    }

    @Test
    void aCallThatNeverWentOutRecordsNothing() {
        exchange.failed(new IllegalStateException("client not running"));
        assertTrue(segment.children().isEmpty());
        assertFalse(exchange.callbackContext() == null);
    }

    private Subsegment onlyCall() {
        assertEquals(1, segment.children().size());
        return segment.children().get(0);
    }

    private static final class Request extends TracedRequest {
        final Map<String, String> headers = new LinkedHashMap<>();

        @Override
        public String method() {
            return "GET";
        }

        @Override
        public String url() {
            return "http://example.com/";
        }

        @Override
        public String host() {
            return "example.com";
        }

        @Override
        public String header(String name) {
            return headers.get(name);
        }

        @Override
        protected void putHeader(String name, String value) {
            headers.put(name, value);
        }

        @Override
        protected void removeHeader(String name, String value) {
            headers.remove(name, value);
        }
    }
}
