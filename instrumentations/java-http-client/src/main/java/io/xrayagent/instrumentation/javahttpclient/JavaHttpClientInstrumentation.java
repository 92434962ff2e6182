package io.xrayagent.instrumentation.javahttpclient;

import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;

import io.xrayagent.bootstrap.HttpClientBridge;
import io.xrayagent.core.install.InstallContext;
import io.xrayagent.core.install.InstrumentationModule;
import io.xrayagent.core.log.AgentLog;
import io.xrayagent.core.recorder.HttpClientRecorder;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * {@code java.net.http.HttpClient} (Java 11+): its one implementation, {@code jdk.internal.net.http.HttpClientImpl},
 * behind the facade every {@code HttpClient.newHttpClient()} returns. {@code send} and both public
 * {@code sendAsync} record one subsegment; the overloads and {@code send}'s own {@code sendAsync} nest below
 * the outermost call, which the call depth stops.
 *
 * <p>This class and the advice are Java 8 bytecode and name no {@code java.net.http} type: on a JVM without
 * that module the instrumentation skips itself before anything of the {@code jdk11} package (Java 11
 * bytecode) is loaded.
 */
public final class JavaHttpClientInstrumentation implements InstrumentationModule {
    static final String IMPLEMENTATION = "jdk.internal.net.http.HttpClientImpl";
    private static final String HANDLER = "io.xrayagent.instrumentation.javahttpclient.jdk11.JdkClientHandler";

    @Override
    public String name() {
        return "java-http-client";
    }

    @Override
    public boolean tracesIncomingRequests() {
        return false;
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, InstallContext context) {
        HttpClientBridge.Handler handler = handler(context.clientRecorder());
        if (handler == null) {
            return builder;
        }
        HttpClientBridge.install(HttpClientBridge.JDK_HTTP_CLIENT, handler);
        return builder.type(named(IMPLEMENTATION))
                .transform(context.advice().advice(
                        isPublic().and(named("send").or(named("sendAsync")))
                                .and(takesArgument(0, named("java.net.http.HttpRequest"))),
                        SendAdvice.class.getName()));
    }

    @Override
    public String[] triggers() {
        return new String[] {"jdk/internal/net/http/HttpClientImpl"};
    }

    /** The handler, or null on a JVM without java.net.http (Java 8). */
    private static HttpClientBridge.Handler handler(HttpClientRecorder recorder) {
        try {
            Class.forName("java.net.http.HttpRequest", false, JavaHttpClientInstrumentation.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            AgentLog.debug("no java.net.http on this JVM: java-http-client instrumentation skipped");
            return null;
        }
        try {
            return (HttpClientBridge.Handler) Class.forName(HANDLER, true, JavaHttpClientInstrumentation.class.getClassLoader())
                    .getConstructor(HttpClientRecorder.class).newInstance(recorder);
        } catch (Exception e) {
            AgentLog.debug("java-http-client instrumentation skipped", e);
            return null;
        } catch (LinkageError e) {
            AgentLog.debug("java-http-client instrumentation skipped", e);
            return null;
        }
    }
}
