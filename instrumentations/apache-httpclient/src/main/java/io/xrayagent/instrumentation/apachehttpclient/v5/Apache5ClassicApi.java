package io.xrayagent.instrumentation.apachehttpclient.v5;

import io.xrayagent.instrumentation.apachehttpclient.ClassicClientApi;
import io.xrayagent.instrumentation.apachehttpclient.TracedRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Apache HttpClient 5.x classic ({@code org.apache.hc.client5}), loaded beside the application's copy.
 * Compiled against 5.0, the oldest 5.x release.
 */
public final class Apache5ClassicApi implements ClassicClientApi {
    @Override
    public TracedRequest request(Object target, Object request) {
        if (!(request instanceof HttpRequest)) {
            return null;
        }
        return new Apache5Request(target instanceof HttpHost ? (HttpHost) target : null, (HttpRequest) request);
    }

    @Override
    public int status(Object response) {
        return response instanceof HttpResponse ? ((HttpResponse) response).getCode() : -1;
    }

    @Override
    public long contentLength(Object response) {
        HttpEntity entity = response instanceof ClassicHttpResponse ? ((ClassicHttpResponse) response).getEntity() : null;
        return entity == null ? -1 : entity.getContentLength();
    }
}
