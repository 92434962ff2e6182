package io.xrayagent.instrumentation.javahttpclient;

import io.xrayagent.bootstrap.HttpClientBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * Inlined into {@code HttpClientImpl.send/sendAsync}. The handler may replace the request (rebuilt with the
 * trace header) and the returned future (one more stage of the same future type, see JdkClientHandler), and
 * the advice writes both back.
 */
public final class SendAdvice {
    private SendAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    public static Object enter(@Advice.This Object client,
            @Advice.AllArguments(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object[] arguments) {
        Object[] replaced = arguments;
        Object scope = HttpClientBridge.enter(HttpClientBridge.JDK_HTTP_CLIENT, client, replaced);
        arguments = replaced;
        return scope;
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    public static void exit(@Advice.Enter Object scope,
            @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
            @Advice.Thrown Throwable thrown) {
        returned = HttpClientBridge.exit(HttpClientBridge.JDK_HTTP_CLIENT, scope, returned, thrown);
    }
}
