package io.xrayagent.core.recorder;

import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.emit.Emitter;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.trace.ContextMissingReporter;
import io.xrayagent.core.trace.Tracer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Minimal server and client request adapters (what an instrumentation writes for its HTTP library) and an
 * emitter that keeps what it is given.
 */
final class Adapters {
    private Adapters() {
    }

    static Tracer tracer(CollectingEmitter emitter) {
        return new Tracer(emitter, 100, 50, new ContextMissingReporter(ContextMissingStrategy.LOG_ERROR));
    }

    static final class CollectingEmitter implements Emitter {
        final List<Segment> segments = new ArrayList<Segment>();
        final List<Subsegment> subsegments = new ArrayList<Subsegment>();

        @Override
        public synchronized void sendSegment(Segment segment) {
            segments.add(segment);
        }

        @Override
        public synchronized void sendSubsegment(Subsegment subsegment) {
            subsegments.add(subsegment);
        }
    }

    static final class Server implements ServerRequest {
        final Map<String, String> headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        final Map<String, String> responseHeaders = new LinkedHashMap<String, String>();
        String method = "GET";
        String scheme = "http";
        String host = "orders.example.com:8080";
        String path = "/api/orders";
        String remoteAddress = "10.0.0.9";
        String localAuthority = "10.0.0.1:8080";

        Server header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public String scheme() {
            return scheme;
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public String header(String name) {
            return headers.get(name);
        }

        @Override
        public String remoteAddress() {
            return remoteAddress;
        }

        @Override
        public String localAuthority() {
            return localAuthority;
        }

        @Override
        public void setResponseHeader(String name, String value) {
            responseHeaders.put(name, value);
        }
    }

    static final class Client implements ClientRequest {
        final Map<String, String> headers = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        String method = "POST";
        String url = "https://payments.example.com:8443/charge?card=4111&amount=5#top";
        String host = "payments.example.com";
        boolean alreadySent;

        @Override
        public String method() {
            return method;
        }

        @Override
        public String url() {
            return url;
        }

        @Override
        public String host() {
            return host;
        }

        @Override
        public String header(String name) {
            return headers.get(name);
        }

        @Override
        public boolean setHeader(String name, String value) {
            if (alreadySent) {
                return false;
            }
            headers.put(name, value);
            return true;
        }
    }
}
