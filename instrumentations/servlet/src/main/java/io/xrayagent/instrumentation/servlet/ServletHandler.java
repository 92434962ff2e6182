package io.xrayagent.instrumentation.servlet;

import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.bootstrap.ServletBridge;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.recorder.HttpServerRecorder;
import io.xrayagent.core.recorder.ServerRequest;

/**
 * Receives the outermost servlet or filter call of each thread from the bridge. A request seen for the
 * first time opens a segment; a later dispatch of the same request (async or error) makes that segment
 * current again; once the request has ended, a further (error) dispatch records nothing and only puts the
 * trace header back on the response, which containers clear before their error page.
 */
final class ServletHandler implements ServletBridge.Handler {
    private final HttpServerRecorder recorder;
    private final ServletApis apis;
    /**
     * The request this thread began last, while its response may still be reset: during the request, and
     * after an exception escaped it, when the container resets the response for its error page (Undertow).
     */
    private final ThreadLocal<RequestScope> lastBegun = new ThreadLocal<RequestScope>();

    ServletHandler(HttpServerRecorder recorder, ServletApis apis) {
        this.recorder = recorder;
        this.apis = apis;
    }

    @Override
    public Object enter(Object request, Object response) {
        try {
            ServletApi api = apis.forRequest(request);
            if (api == null) {
                return null;
            }
            Object attached = api.attribute(request, RequestScope.ATTRIBUTE);
            if (attached instanceof RequestScope) {
                RequestScope earlier = (RequestScope) attached;
                if (earlier.isFinished()) {
                    earlier.rewriteTraceHeader(response);
                    return null;
                }
                return earlier.resume();
            }
            ServerRequest adapted = api.serverRequest(request, response);
            if (adapted == null) {
                return null;
            }
            RequestScope scope = new RequestScope(recorder, recorder.begin(adapted), api, response);
            api.setAttribute(request, RequestScope.ATTRIBUTE, scope);
            lastBegun.set(scope);
            return scope;
        } catch (Throwable t) {
            RequestScope.debug("start recording a request", t);
            return null;
        }
    }

    @Override
    public void exit(Object scope, Object request, Object response, Throwable thrown) {
        try {
            if (scope instanceof RequestScope) {
                if (thrown == null) {
                    lastBegun.remove();
                }
                ((RequestScope) scope).exitOutermost(request, response, thrown);
            } else if (scope instanceof RequestScope.Resumption) {
                ((RequestScope.Resumption) scope).end(thrown);
            }
        } catch (Throwable t) {
            RequestScope.debug("finish recording a request", t);
        }
    }

    @Override
    public void responseReset(Object response) {
        try {
            RequestScope scope = lastBegun.get();
            if (scope != null) {
                scope.responseReset(response);
            }
        } catch (Throwable t) {
            RequestScope.debug("restore the trace header after a reset", t);
        }
    }

    @Override
    public void contentLength(long length) {
        // Containers keep a declared length out of the response's headers until they commit it, after the
        // servlet has returned; so the length is taken when the application declares it.
        Object current = CurrentContext.get();
        if (current instanceof Segment) {
            ((Segment) current).declareContentLength(length);
        }
    }
}
