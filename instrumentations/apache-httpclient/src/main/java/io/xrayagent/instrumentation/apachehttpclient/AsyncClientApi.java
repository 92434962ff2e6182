package io.xrayagent.instrumentation.apachehttpclient;

/** The async Apache client's types, seen from the handler (implemented in package {@code v5}, see ClassicClientApi). */
public interface AsyncClientApi {
    /**
     * Replaces the request producer, response consumer and callback among the arguments of
     * {@code doExecute(target, producer, consumer, pushHandlerFactory, context, callback)} with wrappers that
     * report to {@code exchange}. Returns false, changing nothing, when the arguments are not of the expected
     * types.
     */
    boolean trace(Object[] arguments, AsyncExchange exchange);
}
