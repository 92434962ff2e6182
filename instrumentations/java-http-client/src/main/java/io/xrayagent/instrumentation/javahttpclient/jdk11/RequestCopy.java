package io.xrayagent.instrumentation.javahttpclient.jdk11;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Copies an immutable {@link HttpRequest} with one header set. On Java 16+ the JDK copies it itself
 * ({@code HttpRequest.newBuilder(request, filter)}), which carries any property later JDKs add; on 11 to 15
 * every property the API has is copied by hand: URI, method and body publisher, headers, timeout, version,
 * expect-continue.
 */
final class RequestCopy {
    /** Reflection, not a method handle: ProGuard, which shrinks the agent jar, cannot resolve invokeExact. */
    private static final Method JDK_COPY = jdkCopy();
    private static final BiPredicate<String, String> ALL_HEADERS = (name, value) -> true;

    private RequestCopy() {
    }

    static HttpRequest withHeader(HttpRequest request, String name, String value) {
        HttpRequest.Builder builder = builderFrom(request);
        return builder.setHeader(name, value).build();
    }

    static HttpRequest.Builder builderFrom(HttpRequest request) {
        if (JDK_COPY != null) {
            try {
                return (HttpRequest.Builder) JDK_COPY.invoke(null, request, ALL_HEADERS);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException(e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return copiedByHand(request);
    }

    static HttpRequest.Builder copiedByHand(HttpRequest request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .expectContinue(request.expectContinue())
                .method(request.method(), request.bodyPublisher().orElseGet(HttpRequest.BodyPublishers::noBody));
        request.timeout().ifPresent(builder::timeout);
        request.version().ifPresent(builder::version);
        for (Map.Entry<String, List<String>> header : request.headers().map().entrySet()) {
            for (String headerValue : header.getValue()) {
                builder.header(header.getKey(), headerValue);
            }
        }
        return builder;
    }

    private static Method jdkCopy() {
        try {
            return HttpRequest.class.getMethod("newBuilder", HttpRequest.class, BiPredicate.class);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
