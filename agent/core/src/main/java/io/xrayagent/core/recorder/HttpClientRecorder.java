package io.xrayagent.core.recorder;

import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.core.header.TraceHeader;
import io.xrayagent.core.model.Entity;
import io.xrayagent.core.model.HttpRequestData;
import io.xrayagent.core.model.Names;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.model.TraceContext;
import io.xrayagent.core.trace.Tracer;

/**
 * The one recorder behind every HTTP-client instrumentation: a {@code remote} subsegment named after the
 * host, the trace header injected (unless the application set its own), and the response or failure.
 */
public final class HttpClientRecorder {
    private final Tracer tracer;

    public HttpClientRecorder(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * Starts a call. Returns null when nothing is to be recorded: outside any request (reported per
     * contextMissingStrategy), or in an unsampled trace (then the header still goes out with Sampled=0).
     */
    public Subsegment begin(ClientRequest request) {
        return begin(request, CurrentContext.get());
    }

    /**
     * Starts a call under {@code current}, the context captured where the application made the call (an
     * enqueued call runs on a client's own thread, where no context is current).
     */
    public Subsegment begin(ClientRequest request, Object current) {
        if (!(current instanceof TraceContext)) {
            tracer.contextMissing().report("HTTP call to " + request.host());
            return null;
        }
        TraceContext context = (TraceContext) current;
        boolean ownHeader = request.header(TraceHeader.NAME) != null;
        if (!context.sampled()) {
            if (!ownHeader) {
                request.setHeader(TraceHeader.NAME, TraceHeader.forDownstream(context.traceId(), null, false,
                        context.passThroughHeaderFields()));
            }
            return null;
        }
        Subsegment call = tracer.beginSubsegment((Entity) context, Names.sanitize(request.host(), "unknown-host"), "remote");
        boolean traced = !ownHeader && request.setHeader(TraceHeader.NAME,
                TraceHeader.forDownstream(context.traceId(), call.id(), true, context.passThroughHeaderFields()));
        call.setRequest(HttpRequestData.outgoing(request.method(), withoutQuery(request.url()), traced));
        return call;
    }

    /** Ends a call begun by {@link #begin}: {@code status} -1 when no response arrived. */
    public void end(Subsegment call, int status, long contentLength, Throwable thrown) {
        if (call == null) {
            return;
        }
        if (status > 0) {
            call.setResponse(status, contentLength);
        } else if (thrown != null) {
            tracer.recordException(call, thrown);
        }
        tracer.endSubsegment(call);
    }

    static String withoutQuery(String url) {
        if (url == null) {
            return null;
        }
        int cut = url.indexOf('?');
        int fragment = url.indexOf('#');
        if (fragment >= 0 && (cut < 0 || fragment < cut)) {
            cut = fragment;
        }
        return cut < 0 ? url : url.substring(0, cut);
    }
}
