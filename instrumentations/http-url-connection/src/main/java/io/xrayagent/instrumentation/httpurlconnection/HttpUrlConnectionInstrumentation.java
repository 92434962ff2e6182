package io.xrayagent.instrumentation.httpurlconnection;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import io.xrayagent.bootstrap.HttpUrlConnectionBridge;
import io.xrayagent.core.install.InstallContext;
import io.xrayagent.core.install.InstrumentationModule;
import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * The JDK's {@code HttpURLConnection} implementation. HTTPS connections delegate to the same class, so one
 * type covers both. An exchange starts at the first of connect/getOutputStream/getInputStream and ends
 * when the response is read (getInputStream, which getResponseCode and the header getters go through) or
 * when a step fails.
 */
public final class HttpUrlConnectionInstrumentation implements InstrumentationModule {
    static final String IMPLEMENTATION = "sun.net.www.protocol.http.HttpURLConnection";

    @Override
    public String name() {
        return "http-url-connection";
    }

    @Override
    public boolean tracesIncomingRequests() {
        return false;
    }

    @Override
    public String[] triggers() {
        return new String[] {"sun/net/www/protocol/http/HttpURLConnection"};
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, InstallContext context) {
        HttpUrlConnectionBridge.install(new ConnectionTracker(context.clientRecorder()));
        return builder.type(named(IMPLEMENTATION))
                .transform(context.advice()
                        .advice(named("connect").and(takesNoArguments()), ConnectionAdvice.Connect.class.getName())
                        .advice(named("getOutputStream").and(takesNoArguments()), ConnectionAdvice.Output.class.getName())
                        .advice(named("getInputStream").and(takesNoArguments()), ConnectionAdvice.Input.class.getName()));
    }
}
