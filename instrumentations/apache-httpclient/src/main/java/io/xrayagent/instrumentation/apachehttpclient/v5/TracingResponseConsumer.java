package io.xrayagent.instrumentation.apachehttpclient.v5;

import io.xrayagent.instrumentation.apachehttpclient.AsyncExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.nio.AsyncResponseConsumer;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The application's response consumer, noting the status and declared length of the final response. The
 * exchange ends when the consumer hands over its result or fails: before the call's future completes, so
 * that an application waiting on the future finds the subsegment ended.
 */
final class TracingResponseConsumer<T> implements AsyncResponseConsumer<T> {
    private final AsyncResponseConsumer<T> delegate;
    private final AsyncExchange exchange;

    TracingResponseConsumer(AsyncResponseConsumer<T> delegate, AsyncExchange exchange) {
        this.delegate = delegate;
        this.exchange = exchange;
    }

    @Override
    public void consumeResponse(HttpResponse response, EntityDetails entityDetails, HttpContext context,
            FutureCallback<T> resultCallback) throws HttpException, IOException {
        exchange.response(response.getCode(), entityDetails == null ? declaredLength(response) : entityDetails.getContentLength());
        delegate.consumeResponse(response, entityDetails, context, new TracingCallback<T>(resultCallback, exchange, false));
    }

    /** A response without a body (HEAD, 204, 304) may still say how long the body would be. */
    private static long declaredLength(HttpResponse response) {
        Header length = response.getFirstHeader("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.getValue().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void informationResponse(HttpResponse response, HttpContext context) throws HttpException, IOException {
        delegate.informationResponse(response, context);
    }

    @Override
    public void failed(Exception cause) {
        exchange.failed(cause);
        delegate.failed(cause);
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        delegate.updateCapacity(capacityChannel);
    }

    @Override
    public void consume(ByteBuffer src) throws IOException {
        delegate.consume(src);
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) throws HttpException, IOException {
        delegate.streamEnd(trailers);
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
