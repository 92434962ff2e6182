package io.xrayagent.instrumentation.servlet;

/** The end of an async request, as the container reports it to a listener. */
public interface AsyncEvents {
    void onComplete(Object response);

    void onError(Throwable thrown);
}
