package io.xrayagent.core.model;

/** The {@code http.request} block. Immutable. */
public final class HttpRequestData {
    private final String method;
    private final String url;
    private final String userAgent;
    private final String clientIp;
    private final boolean forwarded;
    private final boolean traced;

    private HttpRequestData(String method, String url, String userAgent, String clientIp, boolean forwarded,
            boolean traced) {
        this.method = method;
        this.url = url;
        this.userAgent = userAgent;
        this.clientIp = clientIp;
        this.forwarded = forwarded;
        this.traced = traced;
    }

    /** For a segment: the request as the server received it. */
    public static HttpRequestData incoming(String method, String url, String userAgent, String clientIp,
            boolean forwarded) {
        return new HttpRequestData(method, url, userAgent, clientIp, forwarded, false);
    }

    /** For a remote subsegment: {@code traced} says the trace header went out with the call. */
    public static HttpRequestData outgoing(String method, String url, boolean traced) {
        return new HttpRequestData(method, url, null, null, false, traced);
    }

    public String method() {
        return method;
    }

    public String url() {
        return url;
    }

    public String userAgent() {
        return userAgent;
    }

    public String clientIp() {
        return clientIp;
    }

    public boolean forwarded() {
        return forwarded;
    }

    public boolean traced() {
        return traced;
    }
}
