package io.xrayagent.instrumentation.servlet.javax;

import io.xrayagent.core.recorder.ServerRequest;
import io.xrayagent.instrumentation.servlet.AsyncEvents;
import io.xrayagent.instrumentation.servlet.ServletApi;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The servlet API as the handler sees it. Written once for {@code javax.servlet}; the build generates the
 * {@code jakarta.servlet} twin from this source. Loaded beside the application's copy of the API, never by
 * the agent's own loader.
 */
public final class ServletApiAdapter implements ServletApi {
    /** Fails on a servlet API older than 3.0, which then runs untraced (see LibraryHelper). */
    public ServletApiAdapter() throws NoSuchMethodException {
        ServletRequest.class.getMethod("isAsyncStarted");
        HttpServletResponse.class.getMethod("getStatus");
        HttpServletResponse.class.getMethod("getHeader", String.class);
    }

    @Override
    public ServerRequest serverRequest(Object request, Object response) {
        if (request instanceof HttpServletRequest && response instanceof HttpServletResponse) {
            return new HttpRequestAdapter((HttpServletRequest) request, (HttpServletResponse) response);
        }
        return null;
    }

    @Override
    public Object attribute(Object request, String name) {
        return ((ServletRequest) request).getAttribute(name);
    }

    @Override
    public void setAttribute(Object request, String name, Object value) {
        ((ServletRequest) request).setAttribute(name, value);
    }

    @Override
    public boolean isAsyncStarted(Object request) {
        return ((ServletRequest) request).isAsyncStarted();
    }

    @Override
    public void listenForAsyncEnd(Object request, Object response, AsyncEvents events) {
        ServletRequest servletRequest = (ServletRequest) request;
        servletRequest.getAsyncContext().addListener(new AsyncEventsListener(events), servletRequest,
                (ServletResponse) response);
    }

    @Override
    public int status(Object response) {
        return response instanceof HttpServletResponse ? ((HttpServletResponse) response).getStatus() : -1;
    }

    @Override
    public void setResponseHeader(Object response, String name, String value) {
        if (response instanceof HttpServletResponse && !((HttpServletResponse) response).isCommitted()) {
            ((HttpServletResponse) response).setHeader(name, value);
        }
    }

    @Override
    public long contentLength(Object response) {
        if (!(response instanceof HttpServletResponse)) {
            return -1;
        }
        String length = ((HttpServletResponse) response).getHeader("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
