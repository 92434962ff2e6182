package io.xrayagent.core.recorder;

/** What the HTTP-client recorder needs from any client's outgoing request. */
public interface ClientRequest {
    String method();

    /** Scheme, host, port and path; the recorder strips any query string. */
    String url();

    /** The target host name alone: the subsegment is named after it. */
    String host();

    /** The header as the application set it on the request, or null. */
    String header(String name);

    /** Sets a header; false when the request can no longer take one (already sent). */
    boolean setHeader(String name, String value);
}
