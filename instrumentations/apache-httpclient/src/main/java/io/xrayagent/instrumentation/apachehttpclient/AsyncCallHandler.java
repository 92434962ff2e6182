package io.xrayagent.instrumentation.apachehttpclient;

import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.bootstrap.HttpClientBridge;
import io.xrayagent.core.install.LibraryHelper;
import io.xrayagent.core.recorder.HttpClientRecorder;

/**
 * {@code doExecute} of the 5.x async clients: the call's producer, consumer and callback are wrapped so that
 * the subsegment begins when the request goes out and ends when the exchange completes, fails or is
 * cancelled, usually on an I/O thread after {@code doExecute} has returned.
 */
final class AsyncCallHandler implements HttpClientBridge.Handler {
    private final HttpClientRecorder recorder;
    private final LibraryHelper<AsyncClientApi> apis;
    private final boolean propagate;
    private final FailureLog failures = new FailureLog("recording an Apache HttpClient 5 async call");

    AsyncCallHandler(HttpClientRecorder recorder, LibraryHelper<AsyncClientApi> apis, boolean propagate) {
        this.recorder = recorder;
        this.apis = apis;
        this.propagate = propagate;
    }

    @Override
    public void prepare(Object target, Object[] arguments) {
    }

    @Override
    public Object begin(Object client, Object[] arguments) {
        try {
            AsyncClientApi api = apis.forAnchor(client.getClass());
            if (api == null) {
                return null;
            }
            AsyncExchange exchange = new AsyncExchange(recorder, CurrentContext.get(), propagate, failures);
            return api.trace(arguments, exchange) ? exchange : null;
        } catch (Throwable t) {
            failures.failed(t);
            return null;
        }
    }

    /** Only a failure thrown by {@code doExecute} itself ends the exchange here; the rest ends through the callback. */
    @Override
    public Object end(Object scope, Object returned, Throwable thrown) {
        if (thrown != null) {
            ((AsyncExchange) scope).failed(thrown);
        }
        return returned;
    }
}
