package io.xrayagent.core.install;

import io.xrayagent.core.log.AgentLog;

/**
 * One instance of a helper class per library copy: for each class of the library (the anchor, such as
 * {@code javax.servlet.ServletRequest}) it loads the helper beside the anchor's class loader through a
 * {@link HelperClassLoader} and creates it once. Kept in a {@link ClassValue} on the anchor, so the helper
 * lives exactly as long as the library's classes and never pins an application's class loader.
 *
 * <p>A helper whose constructor throws (typically because it checks for library members that an old
 * version lacks) is reported once at debug level and that library copy runs untraced.
 */
public final class LibraryHelper<T> {
    private static final Object UNSUPPORTED = new Object();

    private final Class<T> type;
    private final String className;
    private final String helperPackage;
    private final ClassLoader agentLoader;
    private final ClassValue<Object> instances = new ClassValue<Object>() {
        @Override
        protected Object computeValue(Class<?> anchor) {
            return create(anchor);
        }
    };

    /**
     * @param type what the helper implements, an agent interface
     * @param className the helper class; its package must hold only library-facing helpers
     */
    public LibraryHelper(Class<T> type, String className, ClassLoader agentLoader) {
        this.type = type;
        this.className = className;
        this.helperPackage = className.substring(0, className.lastIndexOf('.') + 1);
        this.agentLoader = agentLoader;
    }

    /** The helper for the library copy that {@code anchor} belongs to; null when it cannot be used. */
    public T forAnchor(Class<?> anchor) {
        Object instance = instances.get(anchor);
        return instance == UNSUPPORTED ? null : type.cast(instance);
    }

    private Object create(Class<?> anchor) {
        try {
            ClassLoader helpers = new HelperClassLoader(anchor.getClassLoader(), agentLoader, helperPackage);
            return type.cast(Class.forName(className, true, helpers).getConstructor().newInstance());
        } catch (Throwable t) {
            Throwable reason = t instanceof java.lang.reflect.InvocationTargetException ? t.getCause() : t;
            AgentLog.debug(anchor.getName() + " from " + anchor.getClassLoader()
                    + " is not supported (" + reason + "); it runs untraced");
            return UNSUPPORTED;
        }
    }
}
