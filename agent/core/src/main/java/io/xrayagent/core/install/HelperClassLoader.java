package io.xrayagent.core.install;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Loads an instrumentation's library-facing helpers (classes that implement or call a library's types,
 * such as a servlet {@code AsyncListener}) beside one application class loader, without putting anything
 * into that loader: the helpers' own package is defined here from the agent jar's bytes, the rest of
 * {@code io.xrayagent} comes from the agent's loader (so a helper implements the agent's interfaces), and
 * every other name (the library, the JDK) from the application's loader, the parent.
 */
final class HelperClassLoader extends ClassLoader {
    private static final String AGENT_PACKAGES = "io.xrayagent.";

    /** Matches these loaders, whose classes the installer leaves alone. */
    static final ElementMatcher.Junction<ClassLoader> MATCHER = new ElementMatcher.Junction.AbstractBase<ClassLoader>() {
        @Override
        public boolean matches(ClassLoader loader) {
            return loader instanceof HelperClassLoader;
        }
    };

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader agentLoader;
    private final String helperPackage;

    /** {@code helperPackage} ends with a dot: {@code io.xrayagent.instrumentation.servlet.javax.} */
    HelperClassLoader(ClassLoader library, ClassLoader agentLoader, String helperPackage) {
        super(library);
        this.agentLoader = agentLoader;
        this.helperPackage = helperPackage;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.startsWith(AGENT_PACKAGES)) {
            return super.loadClass(name, resolve);
        }
        if (!name.startsWith(helperPackage)) {
            return agentLoader.loadClass(name);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                byte[] bytes = classBytes(name);
                loaded = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    /** Read through the agent's loader, which maps {@code .class} names onto the jar's {@code .classdata}. */
    private byte[] classBytes(String name) throws ClassNotFoundException {
        InputStream in = agentLoader.getResourceAsStream(name.replace('.', '/') + ".class");
        if (in == null) {
            throw new ClassNotFoundException(name);
        }
        try {
            try {
                ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
                byte[] chunk = new byte[4096];
                int n;
                while ((n = in.read(chunk)) > 0) {
                    out.write(chunk, 0, n);
                }
                return out.toByteArray();
            } finally {
                in.close();
            }
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }
}
