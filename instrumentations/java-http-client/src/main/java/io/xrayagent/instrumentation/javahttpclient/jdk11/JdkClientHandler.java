package io.xrayagent.instrumentation.javahttpclient.jdk11;

import io.xrayagent.bootstrap.HttpClientBridge;
import io.xrayagent.core.log.AgentLog;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.recorder.HttpClientRecorder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * Records {@code HttpClient.send} and {@code sendAsync}. {@code send} ends on the calling thread when it returns
 * or throws. {@code sendAsync} ends when the response future completes, on whatever thread completes it.
 *
 * <p>For {@code sendAsync} the application gets {@code future.whenComplete(end)} instead of the JDK's future:
 * only a stage in the chain runs before the application's own dependents and {@code join()}, so the
 * subsegment has ended by the time the application sees the response (a callback merely attached to the
 * JDK's future runs after them, and the request could end first with the call still in progress). The
 * JDK's future is itself such a stage of the exchange (its sendAsync returns {@code whenCompleteAsync} or
 * {@code copy()} of it), and every stage of the JDK's {@code MinimalFuture} carries the exchange's
 * cancelable, so {@code cancel} on what the application holds still aborts the exchange.
 */
public final class JdkClientHandler implements HttpClientBridge.Handler {
    private final HttpClientRecorder recorder;

    public JdkClientHandler(HttpClientRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void prepare(Object target, Object[] arguments) {
    }

    @Override
    public Object begin(Object target, Object[] arguments) {
        if (arguments.length < 2 || !(arguments[0] instanceof HttpRequest)) {
            return null;
        }
        JdkClientRequest request = new JdkClientRequest((HttpRequest) arguments[0]);
        Subsegment call = recorder.begin(request);
        arguments[0] = request.toSend();
        return call;
    }

    @Override
    public Object end(Object scope, Object returned, Throwable thrown) {
        Subsegment call = (Subsegment) scope;
        if (thrown != null) {
            recorder.end(call, -1, -1, thrown);
            return returned;
        }
        if (returned instanceof CompletableFuture) {
            @SuppressWarnings("unchecked")
            CompletableFuture<Object> future = (CompletableFuture<Object>) returned;
            EndOnCompletion end = new EndOnCompletion(recorder, call);
            CompletableFuture<Object> stage = future.whenComplete(end);
            // A cancel of what the application holds aborts the exchange, but the JDK's own future may then
            // never complete: the cancelled stage ends the call too (whichever comes first).
            stage.whenComplete(end);
            return stage;
        }
        if (returned instanceof HttpResponse) {
            HttpResponse<?> response = (HttpResponse<?>) returned;
            recorder.end(call, response.statusCode(), contentLength(response), null);
            return returned;
        }
        recorder.end(call, -1, -1, null);
        return returned;
    }

    static long contentLength(HttpResponse<?> response) {
        return response.headers().firstValueAsLong("content-length").orElse(-1L);
    }

    /** Ends the call with the future's outcome, before any stage the application added runs. */
    static final class EndOnCompletion implements BiConsumer<Object, Throwable> {
        private final HttpClientRecorder recorder;
        private final Subsegment call;
        private final AtomicBoolean ended = new AtomicBoolean();

        EndOnCompletion(HttpClientRecorder recorder, Subsegment call) {
            this.recorder = recorder;
            this.call = call;
        }

        @Override
        public void accept(Object response, Throwable thrown) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            try {
                if (response instanceof HttpResponse) {
                    HttpResponse<?> done = (HttpResponse<?>) response;
                    recorder.end(call, done.statusCode(), contentLength(done), null);
                } else {
                    Throwable cause = thrown;
                    while (cause instanceof CompletionException && cause.getCause() != null) {
                        cause = cause.getCause();
                    }
                    recorder.end(call, -1, -1, cause);
                }
            } catch (RuntimeException e) {
                // Never into the application's future: its outcome is the exchange's, whatever happens here.
                AgentLog.debug("could not end an HttpClient call", e);
            }
        }
    }
}
