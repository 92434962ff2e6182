package io.xrayagent.instrumentation.servlet;

import io.xrayagent.core.recorder.ServerRequest;

/**
 * What the servlet handler needs from one servlet namespace, with the library's types kept out of its
 * signature: {@code javax.servlet} and {@code jakarta.servlet} each get an implementation, generated from
 * one source, that is loaded beside the application's copy of the API.
 */
public interface ServletApi {
    /** The request for the HTTP-server recorder; null when it is not an HTTP request. */
    ServerRequest serverRequest(Object request, Object response);

    Object attribute(Object request, String name);

    void setAttribute(Object request, String name, Object value);

    boolean isAsyncStarted(Object request);

    /** Calls {@code events} when the request's async processing ends, and again after each new startAsync. */
    void listenForAsyncEnd(Object request, Object response, AsyncEvents events);

    int status(Object response);

    /** Sets a response header unless the response is already committed. */
    void setResponseHeader(Object response, String name, String value);

    /** The Content-Length header the response carries, -1 when it has none. */
    long contentLength(Object response);
}
