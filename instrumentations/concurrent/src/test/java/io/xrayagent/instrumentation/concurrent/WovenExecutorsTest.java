package io.xrayagent.instrumentation.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.xrayagent.bootstrap.ContextPropagation;
import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.core.config.AgentConfig;
import io.xrayagent.core.config.ContextMissingStrategy;
import io.xrayagent.core.emit.Emitter;
import io.xrayagent.core.install.InstallContext;
import io.xrayagent.core.install.Installer;
import io.xrayagent.core.model.Segment;
import io.xrayagent.core.model.Subsegment;
import io.xrayagent.core.recorder.HttpClientRecorder;
import io.xrayagent.core.recorder.HttpServerRecorder;
import io.xrayagent.core.sampling.Samplers;
import io.xrayagent.core.trace.ContextMissingReporter;
import io.xrayagent.core.trace.Tracer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JDK's FutureTask and CompletableFuture, already loaded when the test starts, retransformed for real:
 * tasks handed over while a context is current run with it on the pool's threads.
 */
class WovenExecutorsTest {
    private static final Object CONTEXT = new Object();
    private static ExecutorService pool;

    @BeforeAll
    static void weave() {
        Emitter none = new Emitter() {
            @Override
            public void sendSegment(Segment segment) {
            }

            @Override
            public void sendSubsegment(Subsegment subsegment) {
            }
        };
        Tracer tracer = new Tracer(none, 100, 50, new ContextMissingReporter(ContextMissingStrategy.IGNORE_ERROR));
        ClassLoader loader = WovenExecutorsTest.class.getClassLoader();
        InstallContext context = new InstallContext(AgentConfig.defaults(), tracer,
                new HttpServerRecorder(tracer, Samplers.all(), "test", null), new HttpClientRecorder(tracer), loader);
        assertEquals(List.of("concurrent"), Installer.install(ByteBuddyAgent.install(), context, new ClassLoader(loader) {
        }));
        ContextPropagation.enable(true);
        pool = Executors.newFixedThreadPool(1);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    @AfterEach
    void clearContext() {
        CurrentContext.restore(null);
        ContextPropagation.enable(true);
    }

    @Test
    void submittedCallableAndRunnableRunWithTheSubmittersContext() throws Exception {
        CurrentContext.swap(CONTEXT);
        assertSame(CONTEXT, pool.submit(CurrentContext::get).get());
        AtomicReference<Object> seen = new AtomicReference<Object>();
        pool.submit(() -> seen.set(CurrentContext.get())).get();
        assertSame(CONTEXT, seen.get());
        CurrentContext.restore(null);
        assertNull(pool.submit(CurrentContext::get).get(), "the pool thread keeps nothing afterwards");
    }

    @Test
    void completableFutureAsyncStepsRunWithTheCallersContext() throws Exception {
        CurrentContext.swap(CONTEXT);
        assertSame(CONTEXT, CompletableFuture.supplyAsync(CurrentContext::get).get(5, TimeUnit.SECONDS));
        AtomicReference<Object> seen = new AtomicReference<Object>();
        CompletableFuture.runAsync(() -> seen.set(CurrentContext.get()), pool).get(5, TimeUnit.SECONDS);
        assertSame(CONTEXT, seen.get());
    }

    @Test
    void withoutAContextNothingIsWrapped() throws Exception {
        Runnable task = () -> { };
        FutureTask<Object> future = new FutureTask<Object>(task, null);
        assertEquals(true, future.toString().contains("Wrapped task = " + task), "the task as given: " + future);
        assertNull(pool.submit(CurrentContext::get).get());
    }

    @Test
    void switchedOffPropagationCarriesNothing() throws Exception {
        ContextPropagation.enable(false);
        CurrentContext.swap(CONTEXT);
        assertNull(pool.submit(CurrentContext::get).get());
    }

    @Test
    void plainExecuteStillHandsThePoolTheApplicationsOwnRunnable() throws Exception {
        List<Runnable> seenByHook = new ArrayList<Runnable>();
        CountDownLatch ran = new CountDownLatch(1);
        ThreadPoolExecutor hooked = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<Runnable>()) {
            @Override
            protected void afterExecute(Runnable r, Throwable t) {
                seenByHook.add(r);
                ran.countDown();
            }
        };
        try {
            CurrentContext.swap(CONTEXT);
            Runnable mine = () -> { };
            hooked.execute(mine);
            ran.await(5, TimeUnit.SECONDS);
            assertSame(mine, seenByHook.get(0));
        } finally {
            hooked.shutdownNow();
        }
    }
}
