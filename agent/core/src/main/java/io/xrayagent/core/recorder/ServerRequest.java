package io.xrayagent.core.recorder;

/** What the HTTP-server recorder needs from any server's request; one small adapter per server API. */
public interface ServerRequest {
    String method();

    /** {@code http} or {@code https}. */
    String scheme();

    /** The Host header as sent (may include a port), or null. */
    String host();

    /** The path without the query string. */
    String path();

    /** A request header, looked up case-insensitively; null when absent. */
    String header(String name);

    /** The address of the peer that connected (may be a proxy), or null. */
    String remoteAddress();

    /** The local host and port, for the URL when the request had no Host header. */
    String localAuthority();

    /** Sets a header on the response; called before the application runs, so headers are not yet sent. */
    void setResponseHeader(String name, String value);
}
