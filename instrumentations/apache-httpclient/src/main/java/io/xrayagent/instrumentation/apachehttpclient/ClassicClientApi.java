package io.xrayagent.instrumentation.apachehttpclient;

/**
 * A classic (blocking) Apache client generation's types, seen from the handler. Implemented beside each copy
 * of the library (packages {@code v4} and {@code v5}, loaded through LibraryHelper), since the agent's own
 * class loader does not see the application's Apache classes.
 */
public interface ClassicClientApi {
    /** The request of a {@code doExecute(target, request, context)} call, or null when it is of no known type. */
    TracedRequest request(Object target, Object request);

    /** The response status, or -1 when {@code response} is of no known type. */
    int status(Object response);

    /** The response body's declared length, or -1 when unknown. */
    long contentLength(Object response);
}
