package io.xrayagent.instrumentation.apachehttpclient;

import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.recorder.HttpClientRecorder;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call of the async client, followed across threads: the wrappers that {@link AsyncClientApi} puts in
 * the call report to it when the request goes out, when the response head arrives and when the exchange
 * ends, on whatever thread that happens. It records at most one subsegment and ends it exactly once.
 */
public final class AsyncExchange {
    private static final int NEW = 0;
    private static final int BEGUN = 1;
    private static final int ENDED = 2;

    private final HttpClientRecorder recorder;
    private final Object context;
    private final boolean propagate;
    private final FailureLog failures;
    private final AtomicInteger state = new AtomicInteger(NEW);
    private volatile TracedRequest request;
    private volatile Subsegment call;
    private volatile int status = -1;
    private volatile long contentLength = -1;
    /** Why the exchange ended when it ended before its request went out (a cancel racing the send). */
    private volatile Throwable endedEarly;

    /**
     * @param context what was current where the application made the call, or null
     * @param propagate whether the application's callback runs with that context
     */
    AsyncExchange(HttpClientRecorder recorder, Object context, boolean propagate, FailureLog failures) {
        this.recorder = recorder;
        this.context = context;
        this.propagate = propagate;
        this.failures = failures;
    }

    /** The request is going out: records the call (once) under the caller's context and gives it the header. */
    public void sending(TracedRequest outgoing) {
        if (state.get() != NEW) {
            return;
        }
        try {
            call = recorder.begin(outgoing, context);
            request = outgoing;
        } catch (Throwable t) {
            failures.failed(t);
        }
        if (!state.compareAndSet(NEW, BEGUN)) {
            finish(endedEarly);
        }
    }

    /** The response head arrived (redirects and retries are followed inside the client: the last one counts). */
    public void response(int statusCode, long length) {
        status = statusCode;
        contentLength = length;
    }

    public void completed() {
        end(null);
    }

    public void failed(Throwable thrown) {
        end(thrown);
    }

    public void cancelled() {
        end(new CancellationException("the call was cancelled"));
    }

    /** What the application's callback should run with: the caller's context, when contexts are propagated. */
    public Object callbackContext() {
        return propagate ? context : null;
    }

    private void end(Throwable thrown) {
        int previous = state.getAndSet(ENDED);
        if (previous == NEW) {
            endedEarly = thrown;
        } else if (previous == BEGUN) {
            finish(thrown);
        }
    }

    private void finish(Throwable thrown) {
        TracedRequest sent = request;
        try {
            int statusCode = status;
            recorder.end(call, statusCode, statusCode > 0 ? contentLength : -1, statusCode > 0 ? null : thrown);
        } catch (Throwable t) {
            failures.failed(t);
        } finally {
            if (sent != null) {
                sent.restore();
            }
        }
    }
}
