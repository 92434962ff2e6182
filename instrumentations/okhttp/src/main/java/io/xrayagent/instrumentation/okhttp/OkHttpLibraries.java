package io.xrayagent.instrumentation.okhttp;

import io.xrayagent.core.install.LibraryHelper;

/**
 * Finds the {@link OkHttpLibrary} for an OkHttp object (a builder, a call). All objects of one library copy
 * share one helper, anchored on that copy's {@code okhttp3.Interceptor}, so the interceptor the builder
 * holds and the one it is compared with are of the same class. Answers are cached per object class.
 */
final class OkHttpLibraries {
    private static final String ANCHOR = "okhttp3.Interceptor";
    private static final Object NONE = new Object();

    private final LibraryHelper<OkHttpLibrary> helper;
    private final ClassValue<Object> byClass = new ClassValue<Object>() {
        @Override
        protected Object computeValue(Class<?> type) {
            OkHttpLibrary library = find(type);
            return library == null ? NONE : library;
        }
    };

    OkHttpLibraries(LibraryHelper<OkHttpLibrary> helper) {
        this.helper = helper;
    }

    /** Null when the object is null or of a library copy the agent does not support. */
    OkHttpLibrary of(Object libraryObject) {
        if (libraryObject == null) {
            return null;
        }
        Object library = byClass.get(libraryObject.getClass());
        return library == NONE ? null : (OkHttpLibrary) library;
    }

    private OkHttpLibrary find(Class<?> type) {
        try {
            return helper.forAnchor(Class.forName(ANCHOR, false, type.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return null;
        } catch (LinkageError e) {
            return null;
        }
    }
}
