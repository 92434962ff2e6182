package io.xrayagent.instrumentation.servlet;

import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.core.header.TraceHeader;
import io.xrayagent.core.log.AgentLog;
import io.xrayagent.core.recorder.HttpServerRecorder;
import io.xrayagent.core.recorder.ServerScope;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One servlet request from its first filter to its end, which is either the return of the outermost call
 * or, for an async request, the container's completion. Kept as a request attribute, so that a dispatch of
 * the same request (async, error) finds it instead of starting a second segment.
 */
final class RequestScope implements AsyncEvents {
    static final String ATTRIBUTE = "io.xrayagent.servlet.RequestScope";

    private final HttpServerRecorder recorder;
    private final ServerScope server;
    private final ServletApi api;
    private final Object response;
    private final AtomicBoolean finished = new AtomicBoolean();
    private boolean listening;
    private volatile Throwable asyncFailure;

    RequestScope(HttpServerRecorder recorder, ServerScope server, ServletApi api, Object response) {
        this.recorder = recorder;
        this.server = server;
        this.api = api;
        this.response = response;
    }

    /** After {@code reset()} of this request's response: the trace header goes back on (if still possible). */
    void responseReset(Object reset) {
        if (reset == response) {
            rewriteTraceHeader(response);
        }
    }

    /**
     * An error dispatch after the request ended: containers clear the headers before their error page
     * (Undertow even after {@code reset()}), so the trace header goes back on for the page.
     */
    void rewriteTraceHeader(Object target) {
        api.setResponseHeader(target, TraceHeader.NAME, server.responseHeader());
    }

    boolean isFinished() {
        return finished.get();
    }

    /** The outermost call returned or threw: the end of a synchronous request, or the hand-off of an async one. */
    void exitOutermost(Object request, Object response, Throwable thrown) {
        recorder.detach(server);
        if (api.isAsyncStarted(request)) {
            if (thrown != null) {
                onError(thrown);
            }
            if (!listening) {
                listening = true;
                api.listenForAsyncEnd(request, response, this);
            }
            return;
        }
        finish(thrown != null ? 500 : api.status(response), api.contentLength(response), thrown);
    }

    /** A later dispatch of this request (async or error) runs on some thread: the request's context is current there. */
    Resumption resume() {
        return new Resumption(this, CurrentContext.swap(server.context()));
    }

    @Override
    public void onComplete(Object response) {
        int status = api.status(response);
        Throwable failure = asyncFailure;
        if (failure != null && status < 500) {
            status = 500;
        }
        finish(status, api.contentLength(response), failure);
    }

    @Override
    public void onError(Throwable thrown) {
        if (thrown != null) {
            asyncFailure = thrown;
        }
    }

    private void finish(int status, long contentLength, Throwable thrown) {
        if (finished.compareAndSet(false, true)) {
            recorder.complete(server, status, contentLength, thrown);
        }
    }

    /** A dispatch in progress: restores the dispatching thread's own context when it returns. */
    static final class Resumption {
        private final RequestScope scope;
        private final Object previous;

        Resumption(RequestScope scope, Object previous) {
            this.scope = scope;
            this.previous = previous;
        }

        void end(Throwable thrown) {
            CurrentContext.restore(previous);
            if (thrown != null) {
                scope.onError(thrown);
            }
        }
    }

    static void debug(String what, Throwable t) {
        AgentLog.debug("servlet: could not " + what, t);
    }
}
