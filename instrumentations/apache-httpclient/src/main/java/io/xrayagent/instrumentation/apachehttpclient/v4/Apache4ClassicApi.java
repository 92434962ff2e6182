package io.xrayagent.instrumentation.apachehttpclient.v4;

import io.xrayagent.instrumentation.apachehttpclient.ClassicClientApi;
import io.xrayagent.instrumentation.apachehttpclient.TracedRequest;
import org.apache.http.HttpEntity;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpResponse;
import org.apache.http.StatusLine;

/**
 * Apache HttpClient 4.x ({@code org.apache.http}), loaded beside the application's copy. Compiled against
 * 4.3, the oldest release instrumented; it uses nothing newer than 4.0's message API.
 */
public final class Apache4ClassicApi implements ClassicClientApi {
    @Override
    public TracedRequest request(Object target, Object request) {
        if (!(request instanceof HttpRequest)) {
            return null;
        }
        return new Apache4Request(target instanceof HttpHost ? (HttpHost) target : null, (HttpRequest) request);
    }

    @Override
    public int status(Object response) {
        if (!(response instanceof HttpResponse)) {
            return -1;
        }
        StatusLine status = ((HttpResponse) response).getStatusLine();
        return status == null ? -1 : status.getStatusCode();
    }

    @Override
    public long contentLength(Object response) {
        HttpEntity entity = response instanceof HttpResponse ? ((HttpResponse) response).getEntity() : null;
        return entity == null ? -1 : entity.getContentLength();
    }
}
