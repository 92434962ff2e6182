package io.xrayagent.instrumentation.okhttp;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.xrayagent.bootstrap.HttpClientBridge;
import io.xrayagent.core.install.InstallContext;
import io.xrayagent.core.install.InstrumentationModule;
import io.xrayagent.core.install.LoaderHasClass;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * OkHttp 3.9+, 4.x and 5.x ({@code okhttp3}): every client gets a tracing interceptor as its last
 * application interceptor, which records each call, {@code execute} or {@code enqueue}, once, above
 * OkHttp's own retries and redirects. An enqueued call remembers the context it was made in, for the
 * interceptor on OkHttp's dispatcher thread, and its callback runs with that context.
 *
 * <p>Two woven places, the rest is plain code: the client constructor every client goes through, and
 * {@code RealCall.enqueue} (package {@code okhttp3} in 3.x, {@code okhttp3.internal.connection} since 4.0).
 * OkHttp 2.x ({@code com.squareup.okhttp}) is not matched; 3.0 to 3.8 lack {@code Chain.call()} and run
 * untraced (the library helper turns them down).
 */
public final class OkHttpInstrumentation implements InstrumentationModule {
    static final String CLIENT = "okhttp3.OkHttpClient";
    static final String BUILDER = "okhttp3.OkHttpClient$Builder";
    static final String[] CALLS = {"okhttp3.RealCall", "okhttp3.internal.connection.RealCall"};
    static final String CALLBACK = "okhttp3.Callback";
    static final String LIBRARY = "io.xrayagent.instrumentation.okhttp.library.OkHttpLibraryAdapter";

    @Override
    public String name() {
        return "okhttp";
    }

    @Override
    public boolean tracesIncomingRequests() {
        return false;
    }

    /**
     * A client built before the constructor is woven never gets the interceptor, and stays untraced for its
     * whole life (often a static field set at startup): loading the client class waits for the install.
     */
    @Override
    public String[] triggers() {
        return new String[] {"okhttp3/OkHttpClient", "okhttp3/RealCall", "okhttp3/internal/connection/RealCall"};
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, InstallContext context) {
        OkHttpLibraries libraries = new OkHttpLibraries(context.helper(OkHttpLibrary.class, LIBRARY));
        HttpClientBridge.install(HttpClientBridge.OKHTTP, new OkHttpHandler(context.clientRecorder(), libraries,
                context.config().contextPropagation()));
        LoaderHasClass seesOkHttp = LoaderHasClass.anyOf(CLIENT);
        return builder
                .type(named(CLIENT), seesOkHttp)
                .transform(context.advice().advice(
                        isConstructor().and(takesArguments(1)).and(takesArgument(0, named(BUILDER))),
                        OkHttpAdvice.ClientConstructor.class.getName()))
                .type(namedOneOf(CALLS), seesOkHttp)
                .transform(context.advice().advice(
                        named("enqueue").and(takesArguments(1)).and(takesArgument(0, named(CALLBACK))),
                        OkHttpAdvice.Enqueue.class.getName()));
    }
}
