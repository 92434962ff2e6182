package io.xrayagent.instrumentation.jdkhttpserver;

import io.xrayagent.bootstrap.JdkHttpServerBridge;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code ServerImpl.createContext}: hands the new context to the agent. */
public final class CreateContextAdvice {
    private CreateContextAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.Return Object context) {
        JdkHttpServerBridge.contextCreated(context);
    }
}
