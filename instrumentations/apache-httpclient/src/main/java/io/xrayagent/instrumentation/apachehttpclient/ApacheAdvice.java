package io.xrayagent.instrumentation.apachehttpclient;

import io.xrayagent.bootstrap.HttpClientBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into the clients' {@code doExecute} methods (4.x classes are Java 6 bytecode: nothing here may
 * compile to invokedynamic). Each method only hands its arguments to {@link HttpClientBridge}.
 */
public final class ApacheAdvice {
    private ApacheAdvice() {
    }

    /** 4.x {@code CloseableHttpClient.doExecute(HttpHost, HttpRequest, HttpContext)}. */
    public static final class Classic4 {
        private Classic4() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static Object enter(@Advice.This Object client, @Advice.AllArguments Object[] arguments) {
            return HttpClientBridge.enter(HttpClientBridge.APACHE_HTTPCLIENT_4, client, arguments);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter Object scope, @Advice.Return Object returned, @Advice.Thrown Throwable thrown) {
            HttpClientBridge.exit(HttpClientBridge.APACHE_HTTPCLIENT_4, scope, returned, thrown);
        }
    }

    /** 5.x {@code CloseableHttpClient.doExecute(HttpHost, ClassicHttpRequest, HttpContext)}. */
    public static final class Classic5 {
        private Classic5() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static Object enter(@Advice.This Object client, @Advice.AllArguments Object[] arguments) {
            return HttpClientBridge.enter(HttpClientBridge.APACHE_HTTPCLIENT_5, client, arguments);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter Object scope, @Advice.Return Object returned, @Advice.Thrown Throwable thrown) {
            HttpClientBridge.exit(HttpClientBridge.APACHE_HTTPCLIENT_5, scope, returned, thrown);
        }
    }

    /**
     * 5.x {@code CloseableHttpAsyncClient.doExecute(HttpHost, AsyncRequestProducer, AsyncResponseConsumer,
     * HandlerFactory, HttpContext, FutureCallback)}: the handler replaces the producer, the consumer and the
     * callback with its wrappers, written back into the parameters.
     */
    public static final class Async5 {
        private Async5() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static Object enter(@Advice.This Object client,
                @Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object[] arguments) {
            // No branch here: the agent jar's copy of this class has stack map frames computed by ProGuard, which
            // Byte Buddy cannot merge into the client's code. Unchanged arguments are written back as they were.
            Object[] replaced = arguments;
            Object scope = HttpClientBridge.enter(HttpClientBridge.APACHE_HTTPCLIENT_5_ASYNC, client, replaced);
            arguments = replaced;
            return scope;
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter Object scope, @Advice.Return Object returned, @Advice.Thrown Throwable thrown) {
            HttpClientBridge.exit(HttpClientBridge.APACHE_HTTPCLIENT_5_ASYNC, scope, returned, thrown);
        }
    }
}
