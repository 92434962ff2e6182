package io.xrayagent.core.recorder;

import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.core.header.TraceHeader;
import io.xrayagent.core.model.EpochClock;
import io.xrayagent.core.model.HttpRequestData;
import io.xrayagent.core.model.Ids;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.TraceContext;
import io.xrayagent.core.model.UnsampledTrace;
import io.xrayagent.core.sampling.Sampler;
import io.xrayagent.core.sampling.SamplingDecision;
import io.xrayagent.core.sampling.SamplingRequest;
import io.xrayagent.core.trace.Tracer;

/**
 * The one recorder behind every HTTP-server instrumentation: reads the incoming trace header, decides
 * sampling, answers with the trace header, opens the segment and makes it current for the request, then
 * closes it with the response. Server adapters only translate their API into {@link ServerRequest}.
 */
public final class HttpServerRecorder {
    private final Tracer tracer;
    private final Sampler sampler;
    private final SegmentNaming naming;
    private final String origin;

    /** Every segment named {@code serviceName}. */
    public HttpServerRecorder(Tracer tracer, Sampler sampler, String serviceName, String origin) {
        this(tracer, sampler, SegmentNaming.fixed(serviceName), origin);
    }

    public HttpServerRecorder(Tracer tracer, Sampler sampler, SegmentNaming naming, String origin) {
        this.tracer = tracer;
        this.sampler = sampler;
        this.naming = naming;
        this.origin = origin;
    }

    /** Starts recording a request. Never returns null; the scope must be passed to {@link #end} exactly once. */
    public ServerScope begin(ServerRequest request) {
        TraceHeader incoming = TraceHeader.parse(request.header(TraceHeader.NAME));
        String traceId = incoming.root();
        if (traceId == null) {
            // Without a usable Root, a Parent or Sampled flag would belong to some other trace: start afresh.
            incoming = incoming.withoutTrace();
            traceId = Ids.newTraceId(EpochClock.nowMicros() / 1_000_000L);
        }
        String serviceName = naming.nameFor(request.host());
        boolean sampled;
        String ruleName = null;
        switch (incoming.sampled()) {
            case SAMPLED:
                sampled = true;
                break;
            case NOT_SAMPLED:
                sampled = false;
                break;
            default:
                SamplingDecision decision = sampler.decide(new SamplingRequest(hostWithoutPort(request.host()),
                        request.method(), request.path(), serviceName, origin));
                sampled = decision.sampled();
                ruleName = decision.ruleName();
        }
        String responseHeader = TraceHeader.forResponse(traceId, incoming.sampled(), sampled);
        request.setResponseHeader(TraceHeader.NAME, responseHeader);
        TraceContext context;
        Segment segment = null;
        if (sampled) {
            segment = tracer.beginSegment(serviceName, traceId, incoming.parent(), incoming.passThrough(), ruleName);
            segment.setOrigin(origin);
            segment.setRequest(requestData(request));
            context = segment;
        } else {
            context = new UnsampledTrace(traceId, incoming.passThrough());
        }
        return new ServerScope(segment, context, responseHeader, CurrentContext.swap(context));
    }

    /**
     * Ends the request: {@code status} -1 when no response was sent, {@code contentLength} -1 when unknown,
     * {@code thrown} what escaped the application, if anything. Restores the thread's previous context.
     */
    public void end(ServerScope scope, int status, long contentLength, Throwable thrown) {
        CurrentContext.restore(scope.previous());
        complete(scope, status, contentLength, thrown);
    }

    /**
     * Ends a request that was {@link #detach detached}, from whatever thread finishes it (an async request's
     * completion); touches no thread's context.
     */
    public void complete(ServerScope scope, int status, long contentLength, Throwable thrown) {
        Segment segment = scope.segment();
        if (segment == null) {
            return;
        }
        if (status > 0) {
            segment.setResponse(status, contentLength);
        }
        if (thrown != null) {
            tracer.recordException(segment, thrown);
        }
        tracer.endSegment(segment);
    }

    /** Leaves the segment open (an async request goes on elsewhere) but restores the thread's context. */
    public void detach(ServerScope scope) {
        CurrentContext.restore(scope.previous());
    }

    private static HttpRequestData requestData(ServerRequest request) {
        String forwardedFor = request.header("X-Forwarded-For");
        String clientIp = null;
        boolean forwarded = false;
        if (forwardedFor != null) {
            int comma = forwardedFor.indexOf(',');
            clientIp = (comma < 0 ? forwardedFor : forwardedFor.substring(0, comma)).trim();
            forwarded = !clientIp.isEmpty();
        }
        if (!forwarded) {
            clientIp = request.remoteAddress();
        }
        String host = request.host();
        if (host == null || host.isEmpty()) {
            host = request.localAuthority();
        }
        String url = request.scheme() + "://" + host + request.path();
        return HttpRequestData.incoming(request.method(), url, request.header("User-Agent"), clientIp, forwarded);
    }

    static String hostWithoutPort(String host) {
        if (host == null) {
            return null;
        }
        int colon = host.lastIndexOf(':');
        if (colon < 0 || host.indexOf(']') > colon) {
            return host;
        }
        return host.substring(0, colon);
    }
}
