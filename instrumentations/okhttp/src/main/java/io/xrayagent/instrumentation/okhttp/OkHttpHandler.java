package io.xrayagent.instrumentation.okhttp;

import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.bootstrap.HttpClientBridge;
import io.xrayagent.core.log.AgentLog;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.recorder.HttpClientRecorder;
import io.xrayagent.core.state.WeakKeyedMap;

/**
 * The bridge's OkHttp handler. {@code prepare} serves the woven places: a client being constructed (null
 * target, the builder as argument) and an enqueued call (the call as target, the callback as argument).
 * {@code begin}/{@code end} serve the tracing interceptor, which passes its {@link OkHttpLibrary} as target
 * and the request and chain as arguments.
 */
final class OkHttpHandler implements HttpClientBridge.Handler {
    /** Enqueued beneath another client's call (an AWS SDK call): that call is the record, this one adds none. */
    private static final Object SUPPRESSED = new Object();

    private final HttpClientRecorder recorder;
    private final OkHttpLibraries libraries;
    private final boolean callbacksWithContext;
    /** Enqueued call → the context it was made in, until the interceptor picks it up on a dispatcher thread. */
    private final WeakKeyedMap<Object, Object> enqueued = new WeakKeyedMap<Object, Object>();

    /** {@code callbacksWithContext}: the contextPropagation setting, which also covers enqueued calls' callbacks. */
    OkHttpHandler(HttpClientRecorder recorder, OkHttpLibraries libraries, boolean callbacksWithContext) {
        this.recorder = recorder;
        this.libraries = libraries;
        this.callbacksWithContext = callbacksWithContext;
    }

    @Override
    public void prepare(Object target, Object[] arguments) {
        try {
            if (target == null) {
                clientConstructed(arguments.length == 1 ? arguments[0] : null);
            } else if (arguments.length == 1) {
                enqueued(target, arguments);
            }
        } catch (RuntimeException e) {
            AgentLog.debug("OkHttp: could not prepare " + (target == null ? "a client" : "an enqueued call"), e);
        }
    }

    private void clientConstructed(Object builder) {
        OkHttpLibrary library = libraries.of(builder);
        if (library != null) {
            library.installInterceptor(builder);
        }
    }

    private void enqueued(Object call, Object[] arguments) {
        Object context = CurrentContext.get();
        if (context == null) {
            return;
        }
        OkHttpLibrary library = libraries.of(call);
        if (library == null) {
            return;
        }
        enqueued.put(call, HttpClientBridge.insideCall() ? SUPPRESSED : context);
        if (callbacksWithContext && arguments[0] != null) {
            arguments[0] = library.callbackWithContext(arguments[0], context);
        }
    }

    @Override
    public Object begin(Object target, Object[] arguments) {
        OkHttpLibrary library = (OkHttpLibrary) target;
        try {
            Object context = CurrentContext.get();
            if (context == null) {
                // An enqueued call, on OkHttp's dispatcher thread: the context it was made in.
                context = enqueued.remove(library.call(arguments[1]));
                if (context == SUPPRESSED) {
                    return null;
                }
            }
            OkHttpLibrary.OutgoingRequest request = library.request(arguments[0]);
            Subsegment call = recorder.begin(request, context);
            arguments[0] = request.toSend();
            return call == null ? null : new CallScope(library, call);
        } catch (RuntimeException e) {
            AgentLog.debug("OkHttp: could not start recording a call", e);
            return null;
        }
    }

    @Override
    public Object end(Object scope, Object returned, Throwable thrown) {
        CallScope call = (CallScope) scope;
        int status = -1;
        long length = -1;
        try {
            if (returned != null) {
                status = call.library.status(returned);
                length = call.library.contentLength(returned);
            }
        } catch (RuntimeException e) {
            AgentLog.debug("OkHttp: could not read a response", e);
        }
        recorder.end(call.subsegment, status, length, status > 0 ? null : thrown);
        return returned;
    }

    private static final class CallScope {
        final OkHttpLibrary library;
        final Subsegment subsegment;

        CallScope(OkHttpLibrary library, Subsegment subsegment) {
            this.library = library;
            this.subsegment = subsegment;
        }
    }
}
