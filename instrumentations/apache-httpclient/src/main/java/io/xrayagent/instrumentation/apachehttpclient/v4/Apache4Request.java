package io.xrayagent.instrumentation.apachehttpclient.v4;

import io.xrayagent.instrumentation.apachehttpclient.TracedRequest;
import io.xrayagent.instrumentation.apachehttpclient.Urls;
import java.net.URI;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.methods.HttpUriRequest;

/** A 4.x request with the host it is sent to (null when the client is to find it in the request's URI). */
final class Apache4Request extends TracedRequest {
    private final HttpHost target;
    private final HttpRequest request;
    private URI uri;

    Apache4Request(HttpHost target, HttpRequest request) {
        this.target = target;
        this.request = request;
    }

    @Override
    public String method() {
        return request instanceof HttpUriRequest ? ((HttpUriRequest) request).getMethod()
                : request.getRequestLine().getMethod();
    }

    @Override
    public String url() {
        URI requestUri = uri();
        String path = requestUri == null ? null : requestUri.getRawPath();
        if (target != null) {
            return Urls.of(target.getSchemeName(), target.getHostName(), target.getPort(), path);
        }
        return requestUri == null ? null : Urls.of(requestUri.getScheme(), requestUri.getHost(), requestUri.getPort(), path);
    }

    @Override
    public String host() {
        if (target != null) {
            return target.getHostName();
        }
        URI requestUri = uri();
        return requestUri == null ? null : requestUri.getHost();
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

    private URI uri() {
        if (uri == null) {
            try {
                uri = request instanceof HttpUriRequest ? ((HttpUriRequest) request).getURI()
                        : URI.create(request.getRequestLine().getUri());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return uri;
    }
}
