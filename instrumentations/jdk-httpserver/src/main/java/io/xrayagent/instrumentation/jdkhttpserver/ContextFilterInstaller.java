package io.xrayagent.instrumentation.jdkhttpserver;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpContext;
import io.xrayagent.bootstrap.JdkHttpServerBridge;
import java.util.List;

/** Puts the tracing filter first in a new context's filter list, once. */
final class ContextFilterInstaller implements JdkHttpServerBridge.Handler {
    private final TracingFilter filter;

    ContextFilterInstaller(TracingFilter filter) {
        this.filter = filter;
    }

    @Override
    public void contextCreated(Object httpContext) {
        if (!(httpContext instanceof HttpContext)) {
            return;
        }
        List<Filter> filters = ((HttpContext) httpContext).getFilters();
        synchronized (filters) {
            for (Filter existing : filters) {
                if (existing instanceof TracingFilter) {
                    return;
                }
            }
            filters.add(0, filter);
        }
    }
}
