package io.xrayagent.instrumentation.concurrent;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.xrayagent.core.install.InstallContext;
import io.xrayagent.core.install.InstrumentationModule;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * Carries the trace context into executor threads: every {@code submit} of a JDK executor (and Spring's
 * task executors) builds a {@code FutureTask}, and {@code CompletableFuture.supplyAsync/runAsync} hand a
 * function to a pool; both are wrapped when a context is current. Plain {@code execute(Runnable)} is left
 * alone on purpose: wrapping that task would change what the pool's own hooks and queues see.
 * Switched off with {@code contextPropagation=false} (checked at run time by the bridge).
 */
public final class ConcurrentInstrumentation implements InstrumentationModule {
    @Override
    public String name() {
        return "concurrent";
    }

    @Override
    public boolean tracesIncomingRequests() {
        return false;
    }

    @Override
    public String[] triggers() {
        return new String[] {"java/util/concurrent/FutureTask", "java/util/concurrent/CompletableFuture"};
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, InstallContext context) {
        return builder
                .type(named("java.util.concurrent.FutureTask"))
                .transform(context.advice()
                        .advice(isConstructor().and(takesArgument(0, Callable.class)),
                                TaskAdvice.WrapCallable.class.getName())
                        .advice(isConstructor().and(takesArgument(0, Runnable.class)),
                                TaskAdvice.WrapRunnable.class.getName()))
                .type(named("java.util.concurrent.CompletableFuture"))
                .transform(context.advice()
                        .advice(isStatic().and(named("supplyAsync")).and(takesArgument(0, Supplier.class)),
                                TaskAdvice.WrapSupplier.class.getName())
                        .advice(isStatic().and(named("runAsync")).and(takesArgument(0, Runnable.class)),
                                TaskAdvice.WrapRunnable.class.getName()));
    }
}
