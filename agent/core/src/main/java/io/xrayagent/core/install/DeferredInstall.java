package io.xrayagent.core.install;

import io.xrayagent.core.log.AgentLog;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Installs the instrumentations on a thread of their own, so that the application starts while Byte Buddy
 * loads (some hundreds of milliseconds of class loading), and a program that never touches an instrumented
 * library does not wait for it at all.
 *
 * <p>Premain registers one transformer, a {@link Proxy} that forwards every call to Byte Buddy's
 * transformer once it exists. Byte Buddy is handed an {@link Instrumentation} whose {@code addTransformer}
 * fills that slot instead of registering a second transformer, so a class is never transformed twice and
 * the JVM's module-aware {@code transform} reaches Byte Buddy unchanged on Java 9+ (which a class compiled
 * for Java 8 could not implement itself).
 *
 * <p>Classes loaded before the install ends are retransformed by it. A class whose name starts with one of
 * the modules' {@linkplain InstrumentationModule#triggers() triggers} (a servlet or JDBC interface, the JDK's
 * HTTP classes) instead waits for the install while it loads, so that the first request an application
 * serves is already traced. The wait is bounded; a class that could not wait is retransformed afterwards.
 */
public final class DeferredInstall {
    /** Far longer than an install takes; only reached if the installing thread cannot progress. */
    static final long TRIGGER_WAIT_MILLIS = 20_000;
    private static final long POLL_MILLIS = 20;
    /** How long, in polls, a passed-over class has to appear among the loaded ones. */
    private static final int PASSED_OVER_ATTEMPTS = 100;

    /** What runs on the installing thread, given the redirecting instrumentation. */
    public interface Task {
        void install(Instrumentation redirected);
    }

    private final String[] triggers;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Queue<PassedOver> passedOver = new ConcurrentLinkedQueue<PassedOver>();
    private volatile Object transformer;
    private volatile Thread installer;

    DeferredInstall(String[] triggers) {
        this.triggers = triggers.clone();
    }

    /** Registers the forwarding transformer now and runs {@code task} on a daemon thread. */
    public static DeferredInstall start(final Instrumentation instrumentation, String[] triggers, final Task task) {
        final DeferredInstall install = new DeferredInstall(triggers);
        instrumentation.addTransformer(install.forwardingTransformer(), true);
        Thread thread = new Thread(new Runnable() {
            @Override
            public void run() {
                try {
                    task.install(install.redirect(instrumentation));
                    install.retransformPassedOver(instrumentation);
                } catch (Throwable t) {
                    AgentLog.warn("the instrumentations could not be installed, the application runs untraced: " + t);
                } finally {
                    install.done.countDown();
                }
            }
        }, "xray-agent-installer");
        thread.setDaemon(true);
        install.installer = thread;
        thread.start();
        return install;
    }

    /** Waits for the install to end; true when it did within the time. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    ClassFileTransformer forwardingTransformer() {
        return (ClassFileTransformer) Proxy.newProxyInstance(DeferredInstall.class.getClassLoader(),
                new Class<?>[] {ClassFileTransformer.class}, new Forwarding());
    }

    Instrumentation redirect(Instrumentation instrumentation) {
        return (Instrumentation) Proxy.newProxyInstance(DeferredInstall.class.getClassLoader(),
                new Class<?>[] {Instrumentation.class}, new Redirecting(instrumentation));
    }

    boolean isTrigger(String internalName) {
        for (String trigger : triggers) {
            if (internalName.startsWith(trigger)) {
                return true;
            }
        }
        return false;
    }

    /** Both transform methods take the class name fourth from the end (with or without the module first). */
    private Object transform(Method method, Object[] args) throws Throwable {
        Object target = transformer;
        if (target == null) {
            String name = (String) args[args.length - 4];
            if (name == null || Thread.currentThread() == installer || !isTrigger(name)
                    || !awaitInstall((ClassLoader) args[args.length - 5], name)) {
                return null;
            }
            target = transformer;
            if (target == null) {
                return null;
            }
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalClassFormatException) {
                throw e.getCause();
            }
            // Byte Buddy reports its own failures to its listener; anything else must not fail a class load.
            return null;
        }
    }

    /**
     * Waits for the install while a trigger class loads. The loading thread holds that class's loading lock
     * (or, in an old-style class loader, the loader's). Should the installing thread be blocked on a lock
     * this thread owns, waiting would be a deadlock: the class then loads untransformed and is retransformed
     * once the install, free again, is done ({@link #retransformPassedOver}).
     */
    private boolean awaitInstall(ClassLoader loader, String name) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TRIGGER_WAIT_MILLIS);
        try {
            while (!done.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (installerWaitsFor(Thread.currentThread()) || System.nanoTime() > deadline) {
                    passedOver.add(new PassedOver(loader, name));
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean installerWaitsFor(Thread thread) {
        Thread waiting = installer;
        if (waiting == null || waiting.getState() != Thread.State.BLOCKED) {
            return false;
        }
        ThreadInfo info = ManagementFactory.getThreadMXBean().getThreadInfo(waiting.getId());
        return info != null && info.getLockOwnerId() == thread.getId();
    }

    /**
     * Retransforms the trigger classes that loaded while the installer was blocked by their thread, once each
     * has been defined (the thread that passed it over defines it right after).
     */
    void retransformPassedOver(Instrumentation instrumentation) {
        for (int attempt = 0; attempt < PASSED_OVER_ATTEMPTS && !passedOver.isEmpty(); attempt++) {
            for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
                for (PassedOver each : passedOver) {
                    if (each.is(loaded)) {
                        passedOver.remove(each);
                        try {
                            instrumentation.retransformClasses(loaded);
                        } catch (Throwable t) {
                            AgentLog.debug("could not retransform " + loaded.getName(), t);
                        }
                    }
                }
            }
            if (!passedOver.isEmpty()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            }
        }
        passedOver.clear();
    }

    /** A class that loaded without waiting for the install; the loader held weakly. */
    private static final class PassedOver {
        private final WeakReference<ClassLoader> loader;
        private final String name;

        PassedOver(ClassLoader loader, String internalName) {
            this.loader = new WeakReference<ClassLoader>(loader);
            this.name = internalName.replace('/', '.');
        }

        boolean is(Class<?> type) {
            return type.getName().equals(name) && type.getClassLoader() == loader.get();
        }
    }

    private final class Forwarding implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("transform")) {
                return transform(method, args);
            }
            if (name.equals("equals")) {
                return proxy == args[0];
            }
            if (name.equals("hashCode")) {
                return System.identityHashCode(proxy);
            }
            if (name.equals("toString")) {
                return "xray-agent transformer";
            }
            return null;
        }
    }

    /** Everything goes to the JVM's instrumentation except Byte Buddy's own transformer, which fills the slot. */
    private final class Redirecting implements InvocationHandler {
        private final Instrumentation instrumentation;

        Redirecting(Instrumentation instrumentation) {
            this.instrumentation = instrumentation;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("addTransformer")) {
                transformer = args[0];
                return null;
            }
            if (name.equals("removeTransformer") && args[0] == transformer) {
                transformer = null;
                return true;
            }
            if (name.equals("equals")) {
                return proxy == args[0];
            }
            if (name.equals("hashCode")) {
                return System.identityHashCode(proxy);
            }
            if (name.equals("toString")) {
                return "xray-agent instrumentation";
            }
            try {
                return method.invoke(instrumentation, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
