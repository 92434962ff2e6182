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
import java.security.ProtectionDomain;
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
 * <p>This class is the agent's one registered transformer. Byte Buddy is given an {@link Instrumentation}
 * whose {@code addTransformer} hands its transformer to this one instead of registering it, so every class
 * is transformed exactly once, whenever Byte Buddy's install ends. Classes loaded before are retransformed
 * by the install. A class whose name starts with one of the modules'
 * {@linkplain InstrumentationModule#triggers() triggers} (a servlet or JDBC interface, the JDK's HTTP
 * classes, OkHttp's client) waits for the install while it loads, so that the first request an application
 * serves is traced and a client built at once gets its hooks.
 *
 * <p>The transform path runs inside every class load, {@code java.lang.invoke}'s included: it must not use
 * reflection, proxies or lambdas (a class needing itself is a {@code ClassCircularityError}). So Byte
 * Buddy's transformer is called through the Java 8 method, without the module, and the read edges from
 * woven JDK modules to the bridge are added by the installer ({@link Installer#addReadEdges}).
 */
public final class DeferredInstall implements ClassFileTransformer {
    /** Far longer than an install takes; only reached if the installing thread cannot progress. */
    static final long TRIGGER_WAIT_MILLIS = 20_000;
    private static final long POLL_MILLIS = 20;
    /** How long, in polls, a class that could not wait has to appear among the loaded ones. */
    private static final int WAITED_ATTEMPTS = 150;

    /** What runs on the installing thread, given the instrumentation to hand to Byte Buddy. */
    public interface Task {
        void install(Instrumentation redirected);
    }

    private final String[] triggers;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Queue<Waited> waited = new ConcurrentLinkedQueue<Waited>();
    private volatile Thread installer;
    private volatile ClassFileTransformer transformer;

    DeferredInstall(String[] triggers) {
        this.triggers = triggers.clone();
    }

    /** Registers this transformer now and runs {@code task} on a daemon thread. */
    public static DeferredInstall start(final Instrumentation instrumentation, String[] triggers, final Task task) {
        final DeferredInstall install = new DeferredInstall(triggers);
        instrumentation.addTransformer(install, true);
        Thread thread = new Thread(new Runnable() {
            @Override
            public void run() {
                install.run(instrumentation, task);
            }
        }, "xray-agent-installer");
        thread.setDaemon(true);
        install.installer = thread;
        thread.start();
        return install;
    }

    void run(Instrumentation instrumentation, Task task) {
        try {
            task.install(redirect(instrumentation));
        } catch (Throwable t) {
            AgentLog.warn("the instrumentations could not be installed, the application runs untraced: " + t);
        } finally {
            done.countDown();
        }
        retransformWaited(instrumentation);
    }

    /** Waits for the install to end; true when it did within the time. */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    @Override
    public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
            byte[] bytes) throws IllegalClassFormatException {
        ClassFileTransformer target = transformer;
        if (target == null) {
            if (name == null || redefined != null || Thread.currentThread() == installer || !isTrigger(name)) {
                return null;
            }
            awaitInstall();
            target = transformer;
            if (target == null) {
                waited.add(new Waited(loader, name));
                return null;
            }
        }
        return target.transform(loader, name, redefined, domain, bytes);
    }

    /** For the installing thread only: everything goes to the JVM but Byte Buddy's transformer, kept here. */
    Instrumentation redirect(final Instrumentation instrumentation) {
        return (Instrumentation) Proxy.newProxyInstance(DeferredInstall.class.getClassLoader(),
                new Class<?>[] {Instrumentation.class}, new InvocationHandler() {
                    @Override
                    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
                        String name = method.getName();
                        if (name.equals("addTransformer")) {
                            transformer = (ClassFileTransformer) args[0];
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
                });
    }

    boolean isTrigger(String internalName) {
        for (int i = 0; i < triggers.length; i++) {
            if (internalName.startsWith(triggers[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits for the install while a trigger class loads. The loading thread holds that class's loading lock
     * (or, in an old-style class loader, the loader's): should the installing thread be blocked on a lock
     * this thread owns, waiting would be a deadlock: the class then loads untransformed, and is retransformed
     * once the install is done ({@link #retransformWaited}).
     */
    private void awaitInstall() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TRIGGER_WAIT_MILLIS);
        try {
            while (!done.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (installerWaitsFor(Thread.currentThread()) || System.nanoTime() > deadline) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
     * Retransforms the classes that could not wait for the install, as each gets defined (their threads
     * define them right after giving up).
     */
    void retransformWaited(Instrumentation instrumentation) {
        for (int attempt = 0; attempt < WAITED_ATTEMPTS && !waited.isEmpty(); attempt++) {
            if (attempt > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
            }
            for (Class<?> loaded : instrumentation.getAllLoadedClasses()) {
                for (Waited each : waited) {
                    if (each.is(loaded)) {
                        waited.remove(each);
                        retransform(instrumentation, loaded);
                    }
                }
            }
        }
        waited.clear();
    }

    private static void retransform(Instrumentation instrumentation, Class<?> type) {
        try {
            if (instrumentation.isModifiableClass(type)) {
                instrumentation.retransformClasses(type);
            }
        } catch (Throwable t) {
            AgentLog.debug("could not retransform " + type.getName(), t);
        }
    }

    /** A class that loaded untransformed while the install was under way; its loader held weakly. */
    private static final class Waited {
        private final WeakReference<ClassLoader> loader;
        private final String name;

        Waited(ClassLoader loader, String internalName) {
            this.loader = new WeakReference<ClassLoader>(loader);
            this.name = internalName.replace('/', '.');
        }

        boolean is(Class<?> type) {
            return type.getName().equals(name) && type.getClassLoader() == loader.get();
        }
    }
}
