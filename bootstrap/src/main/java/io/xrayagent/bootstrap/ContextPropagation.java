package io.xrayagent.bootstrap;

import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Carries the current trace context to work that runs later, on another thread: advice in task
 * constructors (FutureTask, CompletableFuture's async steps, AsyncContext.start) wraps the task when a
 * context is current, and the wrapper makes that context current while the task runs. Without a current
 * context nothing is wrapped and nothing is allocated.
 */
public final class ContextPropagation {
    private static volatile boolean enabled;

    private ContextPropagation() {
    }

    /** Set from the {@code contextPropagation} setting when the agent starts. */
    public static void enable(boolean on) {
        enabled = on;
    }

    public static Runnable wrap(Runnable task) {
        Object context = captured(task);
        return context == null ? task : new PropagatingRunnable(task, context);
    }

    public static <T> Callable<T> wrap(Callable<T> task) {
        Object context = captured(task);
        return context == null ? task : new PropagatingCallable<T>(task, context);
    }

    public static <T> Supplier<T> wrap(Supplier<T> task) {
        Object context = captured(task);
        return context == null ? task : new PropagatingSupplier<T>(task, context);
    }

    private static Object captured(Object task) {
        if (!enabled || task == null || task instanceof Propagating) {
            return null;
        }
        return CurrentContext.get();
    }

    /** Marks our wrappers, so a task passed on twice is wrapped once. */
    interface Propagating {
    }

    static final class PropagatingRunnable implements Runnable, Propagating {
        private final Runnable task;
        private final Object context;

        PropagatingRunnable(Runnable task, Object context) {
            this.task = task;
            this.context = context;
        }

        @Override
        public void run() {
            Object previous = CurrentContext.swap(context);
            try {
                task.run();
            } finally {
                CurrentContext.restore(previous);
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }

    static final class PropagatingCallable<T> implements Callable<T>, Propagating {
        private final Callable<T> task;
        private final Object context;

        PropagatingCallable(Callable<T> task, Object context) {
            this.task = task;
            this.context = context;
        }

        @Override
        public T call() throws Exception {
            Object previous = CurrentContext.swap(context);
            try {
                return task.call();
            } finally {
                CurrentContext.restore(previous);
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }

    static final class PropagatingSupplier<T> implements Supplier<T>, Propagating {
        private final Supplier<T> task;
        private final Object context;

        PropagatingSupplier(Supplier<T> task, Object context) {
            this.task = task;
            this.context = context;
        }

        @Override
        public T get() {
            Object previous = CurrentContext.swap(context);
            try {
                return task.get();
            } finally {
                CurrentContext.restore(previous);
            }
        }

        @Override
        public String toString() {
            return task.toString();
        }
    }
}
