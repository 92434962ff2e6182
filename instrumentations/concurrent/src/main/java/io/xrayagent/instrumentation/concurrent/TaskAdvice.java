package io.xrayagent.instrumentation.concurrent;

import io.xrayagent.bootstrap.ContextPropagation;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import net.bytebuddy.asm.Advice;

/**
 * Inlined where the JDK takes a task to run later: the task is wrapped so that it runs with the trace
 * context current at hand-over. Only the task object that the JDK keeps privately is wrapped (the callable
 * inside a FutureTask, the function inside a CompletableFuture step), so pools, queues and
 * {@code afterExecute} hooks still see the application's own objects.
 */
public final class TaskAdvice {
    private TaskAdvice() {
    }

    /** {@code FutureTask(Callable)}. */
    public static final class WrapCallable {
        private WrapCallable() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(value = 0, readOnly = false) Callable<?> task) {
            task = ContextPropagation.wrap(task);
        }
    }

    /** {@code FutureTask(Runnable, V)}, {@code CompletableFuture.runAsync(Runnable[, Executor])}. */
    public static final class WrapRunnable {
        private WrapRunnable() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = ContextPropagation.wrap(task);
        }
    }

    /** {@code CompletableFuture.supplyAsync(Supplier[, Executor])}. */
    public static final class WrapSupplier {
        private WrapSupplier() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(value = 0, readOnly = false) Supplier<?> task) {
            task = ContextPropagation.wrap(task);
        }
    }
}
