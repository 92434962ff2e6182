package io.xrayagent.instrumentation.okhttp;

import io.xrayagent.bootstrap.HttpClientBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined into OkHttp; each hands its arguments to the bridge, which passes them to {@link OkHttpHandler}. */
public final class OkHttpAdvice {
    private OkHttpAdvice() {
    }

    /**
     * {@code OkHttpClient(Builder)}, which every client goes through (the no-argument constructor and
     * {@code Builder.build()} too): the builder gets the tracing interceptor before the client copies its
     * interceptors. Before the super constructor there is no {@code this}, hence the null target.
     */
    public static final class ClientConstructor {
        private ClientConstructor() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.AllArguments Object[] arguments) {
            HttpClientBridge.prepare(HttpClientBridge.OKHTTP, null, arguments);
        }
    }

    /** {@code RealCall.enqueue(Callback)}: the handler may replace the callback, and the advice writes it back. */
    public static final class Enqueue {
        private Enqueue() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This Object call,
                @Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object[] arguments) {
            Object[] replaced = arguments;
            HttpClientBridge.prepare(HttpClientBridge.OKHTTP, call, replaced);
            arguments = replaced;
        }
    }
}
