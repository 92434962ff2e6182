package io.xrayagent.instrumentation.servlet.javax;

import io.xrayagent.core.recorder.ServerRequest;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/** An HTTP servlet request as the HTTP-server recorder reads it (generated for jakarta too). */
final class HttpRequestAdapter implements ServerRequest {
    private final HttpServletRequest request;
    private final HttpServletResponse response;

    HttpRequestAdapter(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String scheme() {
        return request.getScheme();
    }

    @Override
    public String host() {
        return request.getHeader("Host");
    }

    @Override
    public String path() {
        return request.getRequestURI();
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public String remoteAddress() {
        return request.getRemoteAddr();
    }

    @Override
    public String localAuthority() {
        return request.getServerName() + ":" + request.getServerPort();
    }

    @Override
    public void setResponseHeader(String name, String value) {
        if (!response.isCommitted()) {
            response.setHeader(name, value);
        }
    }
}
