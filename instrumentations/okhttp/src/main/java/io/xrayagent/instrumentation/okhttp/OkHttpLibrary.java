package io.xrayagent.instrumentation.okhttp;

import io.xrayagent.core.recorder.ClientRequest;

/**
 * What the handler needs from one copy of OkHttp, implemented beside it (the {@code library} package, loaded
 * through {@link io.xrayagent.core.install.LibraryHelper}). Library objects are passed as plain Objects.
 */
public interface OkHttpLibrary {
    /**
     * Makes the tracing interceptor the builder's last application interceptor: added once, and moved
     * back to the end when a builder copied from a traced client ({@code newBuilder()}) got more.
     */
    void installInterceptor(Object builder);

    /** The application's {@code Callback}, made to run with {@code context} current. */
    Object callbackWithContext(Object callback, Object context);

    /** The {@code Call} an interceptor chain executes. */
    Object call(Object chain);

    /** An outgoing request the recorder can read and add the trace header to. */
    OutgoingRequest request(Object request);

    int status(Object response);

    /** The declared length of the response body, -1 when unknown; the body is not read. */
    long contentLength(Object response);

    /** OkHttp's requests are immutable: a header goes into a rebuilt copy, which is what gets sent. */
    interface OutgoingRequest extends ClientRequest {
        /** The request to send: the rebuilt copy when a header was set, else the application's own. */
        Object toSend();
    }
}
