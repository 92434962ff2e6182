package io.xrayagent.instrumentation.jdkhttpserver;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;

import io.xrayagent.bootstrap.JdkHttpServerBridge;
import io.xrayagent.core.install.InstallContext;
import io.xrayagent.core.install.InstrumentationModule;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * {@code com.sun.net.httpserver}: every context the application creates gets {@link TracingFilter} as its
 * first filter, so each exchange is recorded around the application's own filters and handler.
 */
public final class JdkHttpServerInstrumentation implements InstrumentationModule {
    /** The JDK's implementation behind both HttpServer and HttpsServer. */
    static final String SERVER_IMPL = "sun.net.httpserver.ServerImpl";

    @Override
    public String name() {
        return "jdk-httpserver";
    }

    @Override
    public boolean tracesIncomingRequests() {
        return true;
    }

    @Override
    public String[] triggers() {
        return new String[] {"com/sun/net/httpserver/", "sun/net/httpserver/"};
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, InstallContext context) {
        JdkHttpServerBridge.install(new ContextFilterInstaller(new TracingFilter(context.serverRecorder())));
        return builder.type(named(SERVER_IMPL))
                .transform(context.advice().advice(named("createContext").and(returns(named("sun.net.httpserver.HttpContextImpl"))),
                        CreateContextAdvice.class.getName()));
    }
}
