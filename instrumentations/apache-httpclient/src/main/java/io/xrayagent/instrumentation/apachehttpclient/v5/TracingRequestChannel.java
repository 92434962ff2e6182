package io.xrayagent.instrumentation.apachehttpclient.v5;

import io.xrayagent.instrumentation.apachehttpclient.AsyncExchange;
import java.io.IOException;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/** Sees the request on its way into the client: the call begins here and the request gets the trace header. */
final class TracingRequestChannel implements RequestChannel {
    private final RequestChannel delegate;
    private final HttpHost target;
    private final AsyncExchange exchange;

    TracingRequestChannel(RequestChannel delegate, HttpHost target, AsyncExchange exchange) {
        this.delegate = delegate;
        this.target = target;
        this.exchange = exchange;
    }

    @Override
    public void sendRequest(HttpRequest request, EntityDetails entityDetails, HttpContext context)
            throws HttpException, IOException {
        exchange.sending(new Apache5Request(target, request));
        delegate.sendRequest(request, entityDetails, context);
    }
}
