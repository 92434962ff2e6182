package io.xrayagent.instrumentation.servlet;

import io.xrayagent.core.install.LibraryHelper;

/**
 * Finds the {@link ServletApi} for a request object: the namespace comes from the servlet request
 * interface its class implements, the adapter from the class loader that defined that interface. Answers
 * are cached per request class.
 */
final class ServletApis {
    static final String JAVAX_REQUEST = "javax.servlet.ServletRequest";
    static final String JAKARTA_REQUEST = "jakarta.servlet.ServletRequest";
    static final String JAVAX_ADAPTER = "io.xrayagent.instrumentation.servlet.javax.ServletApiAdapter";
    static final String JAKARTA_ADAPTER = "io.xrayagent.instrumentation.servlet.jakarta.ServletApiAdapter";

    private static final Object NONE = new Object();

    private final LibraryHelper<ServletApi> javax;
    private final LibraryHelper<ServletApi> jakarta;
    private final ClassValue<Object> byRequestClass = new ClassValue<Object>() {
        @Override
        protected Object computeValue(Class<?> requestClass) {
            ServletApi api = find(requestClass);
            return api == null ? NONE : api;
        }
    };

    ServletApis(LibraryHelper<ServletApi> javax, LibraryHelper<ServletApi> jakarta) {
        this.javax = javax;
        this.jakarta = jakarta;
    }

    /** Null when the request is of no servlet API this agent supports. */
    ServletApi forRequest(Object request) {
        Object api = byRequestClass.get(request.getClass());
        return api == NONE ? null : (ServletApi) api;
    }

    private ServletApi find(Class<?> requestClass) {
        for (Class<?> c = requestClass; c != null; c = c.getSuperclass()) {
            ServletApi api = findInInterfaces(c.getInterfaces());
            if (api != null) {
                return api;
            }
        }
        return null;
    }

    private ServletApi findInInterfaces(Class<?>[] interfaces) {
        for (Class<?> each : interfaces) {
            String name = each.getName();
            if (name.equals(JAVAX_REQUEST)) {
                return javax.forAnchor(each);
            }
            if (name.equals(JAKARTA_REQUEST)) {
                return jakarta.forAnchor(each);
            }
            ServletApi inherited = findInInterfaces(each.getInterfaces());
            if (inherited != null) {
                return inherited;
            }
        }
        return null;
    }
}
