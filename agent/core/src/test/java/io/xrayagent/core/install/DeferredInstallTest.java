package io.xrayagent.core.install;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.Proxy;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeferredInstallTest {
    private static final byte[] ORIGINAL = {1};
    private static final byte[] WOVEN = {2};

    /** The transformers registered with the "JVM", in order. */
    private final List<ClassFileTransformer> registered = Collections.synchronizedList(new ArrayList<ClassFileTransformer>());
    private final List<Class<?>> retransformed = Collections.synchronizedList(new ArrayList<Class<?>>());
    private final Instrumentation jvm = (Instrumentation) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Instrumentation.class}, (proxy, method, args) -> {
                if (method.getName().equals("addTransformer")) {
                    registered.add((ClassFileTransformer) args[0]);
                    return null;
                }
                if (method.getName().equals("isRetransformClassesSupported")
                        || method.getName().equals("isModifiableClass")) {
                    return true;
                }
                if (method.getName().equals("getAllLoadedClasses")) {
                    return new Class<?>[] {Object.class, String.class};
                }
                if (method.getName().equals("retransformClasses")) {
                    retransformed.addAll(java.util.Arrays.asList((Class<?>[]) args[0]));
                    return null;
                }
                return null;
            });
    private final ExecutorService loaders = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        loaders.shutdownNow();
    }

    /** What Byte Buddy's transformer does here: weave every class it is given. */
    private static final class Weaving implements ClassFileTransformer {
        final List<String> woven = Collections.synchronizedList(new ArrayList<String>());

        @Override
        public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain, byte[] bytes) {
            woven.add(name);
            return WOVEN;
        }
    }

    private byte[] load(String name) throws IllegalClassFormatException {
        return registered.get(0).transform(null, name, null, null, ORIGINAL);
    }

    @Test
    void registersOneTransformerThatForwardsToTheOneTheInstallAdds() throws Exception {
        Weaving weaving = new Weaving();
        DeferredInstall install = DeferredInstall.start(jvm, new String[] {"javax/servlet/"},
                redirected -> redirected.addTransformer(weaving, true));
        assertTrue(install.await(5, TimeUnit.SECONDS));

        assertEquals(1, registered.size(), "the install's transformer takes the slot; it is not registered again");
        assertArrayEquals(WOVEN, load("com/example/Anything"));
        assertEquals(Collections.singletonList("com/example/Anything"), weaving.woven);
    }

    @Test
    void aTriggerClassWaitsForTheInstallAndIsWoven() throws Exception {
        Weaving weaving = new Weaving();
        CountDownLatch release = new CountDownLatch(1);
        DeferredInstall.start(jvm, new String[] {"javax/servlet/"}, redirected -> {
            await(release);
            redirected.addTransformer(weaving, true);
        });

        assertNull(load("com/example/Early"), "other classes load at once, untransformed");
        Future<byte[]> servlet = loaders.submit(() -> load("javax/servlet/Servlet"));
        Thread.sleep(200);
        assertFalse(servlet.isDone(), "the trigger class waits for the install");
        release.countDown();
        assertArrayEquals(WOVEN, servlet.get(5, TimeUnit.SECONDS));
        assertEquals(Collections.singletonList("javax/servlet/Servlet"), weaving.woven);
    }

    @Test
    void aFailedInstallReleasesTheWaitersUntraced() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        DeferredInstall install = DeferredInstall.start(jvm, new String[] {"java/sql/"}, redirected -> {
            await(release);
            throw new IllegalStateException("no Byte Buddy today");
        });
        Future<byte[]> statement = loaders.submit(() -> load("java/sql/Statement"));
        release.countDown();
        assertNull(statement.get(5, TimeUnit.SECONDS));
        assertTrue(install.await(5, TimeUnit.SECONDS));
    }

    @Test
    void aTriggerLoadingThreadGivesUpWhenTheInstallWaitsForALockItHoldsAndTheClassIsRetransformedAfter()
            throws Exception {
        Object loadingLock = new Object();
        Weaving weaving = new Weaving();
        CountDownLatch lockHeld = new CountDownLatch(1);
        DeferredInstall install = DeferredInstall.start(jvm, new String[] {"java/lang/String"}, redirected -> {
            await(lockHeld);
            // The installer needs the lock that the loading thread holds while its class loads.
            synchronized (loadingLock) {
                redirected.addTransformer(weaving, true);
            }
        });
        Future<byte[]> string = loaders.submit(() -> {
            synchronized (loadingLock) {
                lockHeld.countDown();
                return load("java/lang/String");
            }
        });
        assertNull(string.get(5, TimeUnit.SECONDS), "loads untransformed instead of waiting 20 s");
        assertTrue(install.await(5, TimeUnit.SECONDS), "and the install then goes on");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (retransformed.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(Collections.singletonList(String.class), new ArrayList<>(retransformed),
                "the class passed over is retransformed once the install is done");
        assertArrayEquals(WOVEN, load("java/lang/StringBuilder"));
    }

    @Test
    void aTriggerWaitsWhileTheInstallerIsBlockedOnAnotherThreadsLock() throws Exception {
        Object otherLock = new Object();
        Weaving weaving = new Weaving();
        CountDownLatch installerBlocked = new CountDownLatch(1);
        CountDownLatch releaseOther = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            synchronized (otherLock) {
                installerBlocked.countDown();
                await(releaseOther);
            }
        });
        other.start();
        await(installerBlocked);
        DeferredInstall.start(jvm, new String[] {"javax/servlet/"}, redirected -> {
            synchronized (otherLock) {
                redirected.addTransformer(weaving, true);
            }
        });
        Future<byte[]> servlet = loaders.submit(() -> load("javax/servlet/Servlet"));
        Thread.sleep(300);
        assertFalse(servlet.isDone(), "a lock someone else holds is no deadlock: keep waiting");
        releaseOther.countDown();
        assertArrayEquals(WOVEN, servlet.get(5, TimeUnit.SECONDS));
        assertTrue(retransformed.isEmpty());
    }

    @Test
    void matchesTriggersByPrefixOfTheInternalName() {
        DeferredInstall install = new DeferredInstall(new String[] {"java/sql/", "java/util/concurrent/FutureTask"});
        assertTrue(install.isTrigger("java/sql/Statement"));
        assertTrue(install.isTrigger("java/util/concurrent/FutureTask$WaitNode"));
        assertFalse(install.isTrigger("java/util/concurrent/Future"));
        assertFalse(install.isTrigger("javax/sql/DataSource"));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
