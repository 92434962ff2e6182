package io.xrayagent.instrumentation.apachehttpclient.v5;

import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.instrumentation.apachehttpclient.AsyncExchange;
import org.apache.hc.core5.concurrent.FutureCallback;

/**
 * Ends the exchange, then passes the outcome on. Wraps two callbacks: the one a response consumer reports
 * its result to (the usual end), and the call's own callback, which its future always calls once and which
 * ends whatever the consumer did not see (a cancel, a failure before any response). The application's
 * callback, if it gave one, runs with the caller's context.
 */
final class TracingCallback<T> implements FutureCallback<T> {
    private final FutureCallback<T> delegate;
    private final AsyncExchange exchange;
    private final boolean withCallerContext;

    TracingCallback(FutureCallback<T> delegate, AsyncExchange exchange, boolean withCallerContext) {
        this.delegate = delegate;
        this.exchange = exchange;
        this.withCallerContext = withCallerContext;
    }

    @Override
    public void completed(T result) {
        exchange.completed();
        if (delegate != null) {
            Object previous = enter();
            try {
                delegate.completed(result);
            } finally {
                exit(previous);
            }
        }
    }

    @Override
    public void failed(Exception cause) {
        exchange.failed(cause);
        if (delegate != null) {
            Object previous = enter();
            try {
                delegate.failed(cause);
            } finally {
                exit(previous);
            }
        }
    }

    @Override
    public void cancelled() {
        exchange.cancelled();
        if (delegate != null) {
            Object previous = enter();
            try {
                delegate.cancelled();
            } finally {
                exit(previous);
            }
        }
    }

    /** Returns what {@link #exit} restores; this callback itself stands for "nothing was swapped". */
    private Object enter() {
        Object context = withCallerContext ? exchange.callbackContext() : null;
        return context == null ? this : CurrentContext.swap(context);
    }

    private void exit(Object previous) {
        if (previous != this) {
            CurrentContext.restore(previous);
        }
    }

    @Override
    public String toString() {
        return delegate == null ? super.toString() : delegate.toString();
    }
}
