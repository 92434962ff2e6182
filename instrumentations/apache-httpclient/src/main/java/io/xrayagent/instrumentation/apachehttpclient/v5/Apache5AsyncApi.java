package io.xrayagent.instrumentation.apachehttpclient.v5;

import io.xrayagent.instrumentation.apachehttpclient.AsyncClientApi;
import io.xrayagent.instrumentation.apachehttpclient.AsyncExchange;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;

/**
 * Apache HttpClient 5.x async, loaded beside the application's copy. Every 5.x async client (HTTP/1.1 and
 * HTTP/2, full and minimal) asks the request producer for its request while {@code doExecute} runs, on the
 * caller's thread, and passes the consumer's result to the callback: the wrappers see the request before it
 * is copied or written, the response head, and the end of the exchange.
 */
public final class Apache5AsyncApi implements AsyncClientApi {
    private static final int TARGET = 0;
    private static final int PRODUCER = 1;
    private static final int CONSUMER = 2;
    private static final int CALLBACK = 5;

    @Override
    @SuppressWarnings("unchecked")
    public boolean trace(Object[] arguments, AsyncExchange exchange) {
        if (arguments.length != 6 || !(arguments[PRODUCER] instanceof AsyncRequestProducer)
                || !(arguments[CONSUMER] instanceof AsyncResponseConsumer)
                || (arguments[CALLBACK] != null && !(arguments[CALLBACK] instanceof FutureCallback))) {
            return false;
        }
        HttpHost target = arguments[TARGET] instanceof HttpHost ? (HttpHost) arguments[TARGET] : null;
        arguments[PRODUCER] = new TracingRequestProducer((AsyncRequestProducer) arguments[PRODUCER], target, exchange);
        arguments[CONSUMER] = new TracingResponseConsumer<Object>((AsyncResponseConsumer<Object>) arguments[CONSUMER], exchange);
        arguments[CALLBACK] = new TracingCallback<Object>((FutureCallback<Object>) arguments[CALLBACK], exchange, true);
        return true;
    }
}
