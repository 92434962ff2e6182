package io.xrayagent.instrumentation.apachehttpclient;

import io.xrayagent.bootstrap.HttpClientBridge;
import io.xrayagent.core.install.LibraryHelper;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.recorder.HttpClientRecorder;

/**
 * One blocking {@code doExecute(target, request, context)} call of a 4.x or 5.x classic client: the whole
 * exchange, redirects and retries of the client's exec chain included, up to the response headers.
 */
final class ClassicCallHandler implements HttpClientBridge.Handler {
    private final HttpClientRecorder recorder;
    private final LibraryHelper<ClassicClientApi> apis;
    private final FailureLog failures;

    ClassicCallHandler(HttpClientRecorder recorder, LibraryHelper<ClassicClientApi> apis, String clientName) {
        this.recorder = recorder;
        this.apis = apis;
        this.failures = new FailureLog("recording an " + clientName + " call");
    }

    @Override
    public void prepare(Object target, Object[] arguments) {
    }

    @Override
    public Object begin(Object client, Object[] arguments) {
        try {
            if (arguments.length < 2) {
                return null;
            }
            ClassicClientApi api = apis.forAnchor(client.getClass());
            TracedRequest request = api == null ? null : api.request(arguments[0], arguments[1]);
            if (request == null) {
                return null;
            }
            Subsegment call = recorder.begin(request);
            return call == null && !request.injected() ? null : new Call(api, request, call);
        } catch (Throwable t) {
            failures.failed(t);
            return null;
        }
    }

    @Override
    public Object end(Object scope, Object returned, Throwable thrown) {
        Call call = (Call) scope;
        try {
            if (call.subsegment != null) {
                int status = -1;
                long length = -1;
                try {
                    status = returned == null ? -1 : call.api.status(returned);
                    length = status > 0 ? call.api.contentLength(returned) : -1;
                } catch (Throwable t) {
                    failures.failed(t);
                }
                recorder.end(call.subsegment, status, length, status > 0 ? null : thrown);
            }
        } finally {
            call.request.restore();
        }
        return returned;
    }

    private static final class Call {
        final ClassicClientApi api;
        final TracedRequest request;
        final Subsegment subsegment;

        Call(ClassicClientApi api, TracedRequest request, Subsegment subsegment) {
            this.api = api;
            this.request = request;
            this.subsegment = subsegment;
        }
    }
}
