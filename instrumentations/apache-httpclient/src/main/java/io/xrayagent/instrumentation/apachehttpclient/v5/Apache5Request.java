package io.xrayagent.instrumentation.apachehttpclient.v5;

import io.xrayagent.instrumentation.apachehttpclient.TracedRequest;
import io.xrayagent.instrumentation.apachehttpclient.Urls;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.net.URIAuthority;

/**
 * A 5.x request, classic or async, with the host the call names (null when the client takes it from the
 * request's own scheme and authority).
 */
final class Apache5Request extends TracedRequest {
    private final HttpHost target;
    private final HttpRequest request;

    Apache5Request(HttpHost target, HttpRequest request) {
        this.target = target;
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String url() {
        URIAuthority authority = request.getAuthority();
        if (authority != null) {
            String scheme = request.getScheme() != null ? request.getScheme() : target != null ? target.getSchemeName() : null;
            return Urls.of(scheme, authority.getHostName(), authority.getPort(), request.getPath());
        }
        if (target != null) {
            return Urls.of(target.getSchemeName(), target.getHostName(), target.getPort(), request.getPath());
        }
        return Urls.of(request.getScheme(), null, -1, request.getPath());
    }

    @Override
    public String host() {
        URIAuthority authority = request.getAuthority();
        if (authority != null) {
            return authority.getHostName();
        }
        return target == null ? null : target.getHostName();
    }

    @Override
    public String header(String name) {
        Header header = request.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    @Override
    protected void putHeader(String name, String value) {
        request.setHeader(name, value);
    }

    @Override
    protected void removeHeader(String name, String value) {
        Header header = request.getFirstHeader(name);
        if (header != null && value.equals(header.getValue())) {
            request.removeHeader(header);
        }
    }
}
