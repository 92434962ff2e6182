package io.xrayagent.instrumentation.apachehttpclient;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.xrayagent.bootstrap.HttpClientBridge;
import io.xrayagent.core.install.InstallContext;
import io.xrayagent.core.install.InstrumentationModule;
import io.xrayagent.core.install.LoaderHasClass;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Apache HttpClient 4.3+ ({@code org.apache.http}) and 5.x ({@code org.apache.hc.client5}), classic and
 * async. Every public {@code execute} overload of these clients ends in one protected {@code doExecute},
 * which runs the client's exec chain (redirects, retries) before it returns: advising the implementations
 * of {@code doExecute} gives one subsegment per logical call. Older 4.x releases (no
 * {@code CloseableHttpClient}) and Commons HttpClient 3.x have none of these types and are left alone.
 */
public final class ApacheHttpClientInstrumentation implements InstrumentationModule {
    static final String CLASSIC_4 = "org.apache.http.impl.client.CloseableHttpClient";
    static final String CLASSIC_5 = "org.apache.hc.client5.http.impl.classic.CloseableHttpClient";
    static final String ASYNC_5 = "org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient";
    static final String CLASSIC_4_API = "io.xrayagent.instrumentation.apachehttpclient.v4.Apache4ClassicApi";
    static final String CLASSIC_5_API = "io.xrayagent.instrumentation.apachehttpclient.v5.Apache5ClassicApi";
    static final String ASYNC_5_API = "io.xrayagent.instrumentation.apachehttpclient.v5.Apache5AsyncApi";

    @Override
    public String name() {
        return "apache-httpclient";
    }

    @Override
    public boolean tracesIncomingRequests() {
        return false;
    }

    /** Every client class loads its generation's base class first: the first client built is already woven. */
    @Override
    public String[] triggers() {
        return new String[] {internalName(CLASSIC_4), internalName(CLASSIC_5), internalName(ASYNC_5)};
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, InstallContext context) {
        HttpClientBridge.install(HttpClientBridge.APACHE_HTTPCLIENT_4, new ClassicCallHandler(context.clientRecorder(),
                context.helper(ClassicClientApi.class, CLASSIC_4_API), "Apache HttpClient 4"));
        HttpClientBridge.install(HttpClientBridge.APACHE_HTTPCLIENT_5, new ClassicCallHandler(context.clientRecorder(),
                context.helper(ClassicClientApi.class, CLASSIC_5_API), "Apache HttpClient 5"));
        HttpClientBridge.install(HttpClientBridge.APACHE_HTTPCLIENT_5_ASYNC, new AsyncCallHandler(context.clientRecorder(),
                context.helper(AsyncClientApi.class, ASYNC_5_API), context.config().contextPropagation()));
        ElementMatcher.Junction<MethodDescription> classic4 = doExecute(3, "org.apache.http.HttpRequest");
        ElementMatcher.Junction<MethodDescription> classic5 = doExecute(3, "org.apache.hc.core5.http.ClassicHttpRequest");
        ElementMatcher.Junction<MethodDescription> async5 = doExecute(6, "org.apache.hc.core5.http.nio.AsyncRequestProducer");
        return builder
                .type(declaresMethod(classic4).and(hasSuperType(named(CLASSIC_4))), LoaderHasClass.anyOf(CLASSIC_4))
                .transform(context.advice().advice(classic4, ApacheAdvice.Classic4.class.getName()))
                .type(declaresMethod(classic5).and(hasSuperType(named(CLASSIC_5))), LoaderHasClass.anyOf(CLASSIC_5))
                .transform(context.advice().advice(classic5, ApacheAdvice.Classic5.class.getName()))
                .type(declaresMethod(async5).and(hasSuperType(named(ASYNC_5))), LoaderHasClass.anyOf(ASYNC_5))
                .transform(context.advice().advice(async5, ApacheAdvice.Async5.class.getName()));
    }

    private static String internalName(String className) {
        return className.replace('.', '/');
    }

    /** A concrete {@code doExecute} whose second parameter is the request (or request producer). */
    private static ElementMatcher.Junction<MethodDescription> doExecute(int arguments, String requestType) {
        return named("doExecute").and(not(isAbstract())).and(takesArguments(arguments))
                .and(takesArgument(1, named(requestType)));
    }
}
