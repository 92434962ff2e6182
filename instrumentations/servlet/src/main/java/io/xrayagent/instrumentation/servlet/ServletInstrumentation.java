package io.xrayagent.instrumentation.servlet;

import static net.bytebuddy.matcher.ElementMatchers.declaresMethod;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.xrayagent.bootstrap.ServletBridge;
import io.xrayagent.core.install.InstallContext;
import io.xrayagent.core.install.InstrumentationModule;
import io.xrayagent.core.install.LoaderHasClass;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Servlet containers, {@code javax.servlet} 3.0+ and {@code jakarta.servlet} 5.0+: the outermost servlet
 * or filter of each request records it through the shared HTTP-server recorder; async requests end with
 * the container's completion; {@code AsyncContext.start} tasks run with the request's context.
 *
 * <p>One type rule covers both namespaces and all four roles (servlet, filter, response, async context),
 * so each class is matched once; class loaders that cannot see a servlet API are not examined at all.
 * The advice takes plain Objects, so javax and jakarta share it; the library-facing code is the adapter
 * generated for each namespace ({@link ServletApis}).
 */
public final class ServletInstrumentation implements InstrumentationModule {
    private static final String[] NAMESPACES = {"javax.servlet.", "jakarta.servlet."};

    @Override
    public String name() {
        return "servlet";
    }

    @Override
    public boolean tracesIncomingRequests() {
        return true;
    }

    @Override
    public String[] triggers() {
        return new String[] {"javax/servlet/", "jakarta/servlet/"};
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, InstallContext context) {
        ServletApis apis = new ServletApis(context.helper(ServletApi.class, ServletApis.JAVAX_ADAPTER),
                context.helper(ServletApi.class, ServletApis.JAKARTA_ADAPTER));
        ServletBridge.install(new ServletHandler(context.serverRecorder(), apis));
        ElementMatcher.Junction<MethodDescription> service = serviceMethods();
        ElementMatcher.Junction<MethodDescription> intLength = concrete("setContentLength").and(takesArguments(int.class));
        ElementMatcher.Junction<MethodDescription> longLength = concrete("setContentLengthLong")
                .and(takesArguments(long.class));
        ElementMatcher.Junction<MethodDescription> header = concrete("setHeader", "addHeader")
                .and(takesArguments(String.class, String.class));
        ElementMatcher.Junction<MethodDescription> intHeader = concrete("setIntHeader", "addIntHeader")
                .and(takesArguments(String.class, int.class));
        ElementMatcher.Junction<MethodDescription> reset = concrete("reset").and(takesArguments(0));
        ElementMatcher.Junction<MethodDescription> asyncStart = concrete("start").and(takesArguments(Runnable.class));
        return builder
                // Own methods first: cheap, and it spares the hierarchy walk (and a pointless rewrite) for the
                // many servlets and filters that inherit everything advised.
                .type(declaresMethod(service.or(intLength).or(longLength).or(header).or(intHeader).or(reset).or(asyncStart))
                        .and(not(isInterface()))
                        .and(hasSuperType(namedOneOf(names("Servlet", "Filter", "ServletResponse", "AsyncContext")))),
                        LoaderHasClass.anyOf(names("Servlet")))
                .transform(context.advice()
                        .advice(service, ServletAdvice.Service.class.getName())
                        .advice(intLength, ServletAdvice.IntLength.class.getName())
                        .advice(longLength, ServletAdvice.LongLength.class.getName())
                        .advice(header, ServletAdvice.Header.class.getName())
                        .advice(intHeader, ServletAdvice.IntHeader.class.getName())
                        .advice(reset, ServletAdvice.Reset.class.getName())
                        .advice(asyncStart, ServletAdvice.AsyncStart.class.getName()));
    }

    /** {@code service(ServletRequest, ServletResponse)} and {@code doFilter(ServletRequest, ServletResponse, FilterChain)}. */
    private static ElementMatcher.Junction<MethodDescription> serviceMethods() {
        return concrete("service", "doFilter")
                .and(takesArgument(0, namedOneOf(names("ServletRequest"))))
                .and(takesArgument(1, namedOneOf(names("ServletResponse"))));
    }

    private static ElementMatcher.Junction<MethodDescription> concrete(String... names) {
        return namedOneOf(names).and(not(isAbstract()));
    }

    /** The simple names in both namespaces. */
    private static String[] names(String... simpleNames) {
        String[] names = new String[simpleNames.length * NAMESPACES.length];
        int i = 0;
        for (String namespace : NAMESPACES) {
            for (String simpleName : simpleNames) {
                names[i++] = namespace + simpleName;
            }
        }
        return names;
    }
}
