package io.xrayagent.instrumentation.jdkhttpserver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsExchange;
import io.xrayagent.core.recorder.ServerRequest;
import java.net.InetSocketAddress;

/** {@link ServerRequest} over the JDK server's {@link HttpExchange}. */
final class ExchangeRequest implements ServerRequest {
    private final HttpExchange exchange;

    ExchangeRequest(HttpExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public String method() {
        return exchange.getRequestMethod();
    }

    @Override
    public String scheme() {
        return exchange instanceof HttpsExchange ? "https" : "http";
    }

    @Override
    public String host() {
        return exchange.getRequestHeaders().getFirst("Host");
    }

    @Override
    public String path() {
        String path = exchange.getRequestURI().getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    @Override
    public String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    @Override
    public String remoteAddress() {
        InetSocketAddress remote = exchange.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }

    @Override
    public String localAuthority() {
        InetSocketAddress local = exchange.getLocalAddress();
        if (local == null) {
            return "localhost";
        }
        String host = local.getAddress() == null ? local.getHostString() : local.getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return host + ":" + local.getPort();
    }

    @Override
    public void setResponseHeader(String name, String value) {
        exchange.getResponseHeaders().set(name, value);
    }

    /** The length the handler announced with sendResponseHeaders, or -1 (chunked, or no response). */
    static long contentLength(HttpExchange exchange) {
        String value = exchange.getResponseHeaders().getFirst("Content-length");
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
