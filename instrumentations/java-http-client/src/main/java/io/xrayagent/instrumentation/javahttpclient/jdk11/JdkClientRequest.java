package io.xrayagent.instrumentation.javahttpclient.jdk11;

import io.xrayagent.core.log.AgentLog;
import io.xrayagent.core.recorder.ClientRequest;
import java.net.URI;
import java.net.http.HttpRequest;

/**
 * {@link ClientRequest} over an immutable {@link HttpRequest}: setting a header builds a copy with it
 * ({@link RequestCopy}), which {@link #toSend} hands to the client in place of the application's request.
 */
final class JdkClientRequest implements ClientRequest {
    private HttpRequest request;

    JdkClientRequest(HttpRequest request) {
        this.request = request;
    }

    HttpRequest toSend() {
        return request;
    }

    @Override
    public String method() {
        return request.method();
    }

    @Override
    public String url() {
        URI uri = request.uri();
        // Built from the parts so that user info in the URI never reaches a segment.
        StringBuilder out = new StringBuilder(64).append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            out.append(':').append(uri.getPort());
        }
        String path = uri.getRawPath();
        return out.append(path == null || path.isEmpty() ? "/" : path).toString();
    }

    @Override
    public String host() {
        return request.uri().getHost();
    }

    @Override
    public String header(String name) {
        return request.headers().firstValue(name).orElse(null);
    }

    @Override
    public boolean setHeader(String name, String value) {
        try {
            request = RequestCopy.withHeader(request, name, value);
            return true;
        } catch (RuntimeException e) {
            AgentLog.debug("could not add " + name + " to an HttpRequest; it goes out as the application built it", e);
            return false;
        }
    }
}
