package io.xrayagent.instrumentation.servlet.javax;

import io.xrayagent.instrumentation.servlet.AsyncEvents;
import java.io.IOException;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;

/** Tells the handler how an async request ended (generated for jakarta too). */
final class AsyncEventsListener implements AsyncListener {
    private final AsyncEvents events;

    AsyncEventsListener(AsyncEvents events) {
        this.events = events;
    }

    @Override
    public void onComplete(AsyncEvent event) throws IOException {
        events.onComplete(event.getSuppliedResponse() != null ? event.getSuppliedResponse()
                : event.getAsyncContext().getResponse());
    }

    @Override
    public void onTimeout(AsyncEvent event) throws IOException {
        // The container answers the timeout itself (or the application's own listener does); onComplete follows
        // with the status it chose.
    }

    @Override
    public void onError(AsyncEvent event) throws IOException {
        events.onError(event.getThrowable());
    }

    @Override
    public void onStartAsync(AsyncEvent event) throws IOException {
        // A new startAsync in a dispatch drops the listeners of the previous cycle: stay registered.
        event.getAsyncContext().addListener(this, event.getSuppliedRequest(), event.getSuppliedResponse());
    }
}
