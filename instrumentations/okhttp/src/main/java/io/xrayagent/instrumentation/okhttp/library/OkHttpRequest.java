package io.xrayagent.instrumentation.okhttp.library;

import io.xrayagent.instrumentation.okhttp.OkHttpLibrary;
import okhttp3.HttpUrl;
import okhttp3.Request;

/** An OkHttp request as the recorder sees it; a header set goes into a rebuilt copy. */
final class OkHttpRequest implements OkHttpLibrary.OutgoingRequest {
    private Request request;

    OkHttpRequest(Request request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.method();
    }

    /** Without user name and password, which {@code HttpUrl.toString()} would include. */
    @Override
    public String url() {
        HttpUrl url = request.url();
        String scheme = url.scheme();
        String host = url.host();
        StringBuilder out = new StringBuilder(64).append(scheme).append("://");
        if (host.indexOf(':') >= 0) {
            out.append('[').append(host).append(']');
        } else {
            out.append(host);
        }
        int port = url.port();
        if (port != ("https".equals(scheme) ? 443 : 80)) {
            out.append(':').append(port);
        }
        return out.append(url.encodedPath()).toString();
    }

    @Override
    public String host() {
        return request.url().host();
    }

    @Override
    public String header(String name) {
        return request.header(name);
    }

    @Override
    public boolean setHeader(String name, String value) {
        request = request.newBuilder().header(name, value).build();
        return true;
    }

    @Override
    public Object toSend() {
        return request;
    }
}
