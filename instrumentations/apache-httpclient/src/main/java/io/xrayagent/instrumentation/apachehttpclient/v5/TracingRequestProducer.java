package io.xrayagent.instrumentation.apachehttpclient.v5;

import io.xrayagent.instrumentation.apachehttpclient.AsyncExchange;
import java.io.IOException;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.RequestChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/** The application's request producer, with a channel that records the request as the producer hands it over. */
final class TracingRequestProducer implements AsyncRequestProducer {
    private final AsyncRequestProducer delegate;
    private final HttpHost target;
    private final AsyncExchange exchange;

    TracingRequestProducer(AsyncRequestProducer delegate, HttpHost target, AsyncExchange exchange) {
        this.delegate = delegate;
        this.target = target;
        this.exchange = exchange;
    }

    @Override
    public void sendRequest(RequestChannel channel, HttpContext context) throws HttpException, IOException {
        delegate.sendRequest(new TracingRequestChannel(channel, target, exchange), context);
    }

    @Override
    public boolean isRepeatable() {
        return delegate.isRepeatable();
    }

    @Override
    public void failed(Exception cause) {
        delegate.failed(cause);
    }

    @Override
    public int available() {
        return delegate.available();
    }

    @Override
    public void produce(DataStreamChannel channel) throws IOException {
        delegate.produce(channel);
    }

    @Override
    public void releaseResources() {
        delegate.releaseResources();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
