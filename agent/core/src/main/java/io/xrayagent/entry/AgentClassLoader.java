package io.xrayagent.entry;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads the core, the instrumentations, Byte Buddy and Jackson from {@code inst/**.classdata} inside the
 * agent jar. No other class loader can find them there (the file names are not class files), so the
 * application's own Jackson or Byte Buddy never meets ours. Its parent is the platform loader: it sees the
 * JDK and the bootstrap bridge, never the application's class path.
 */
final class AgentClassLoader extends ClassLoader {
    static final String PREFIX = "inst/";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final String jarUrl;
    private final ProtectionDomain domain;

    AgentClassLoader(JarFile jar, ClassLoader parent) throws MalformedURLException {
        super(parent);
        this.jar = jar;
        File file = new File(jar.getName());
        this.jarUrl = "jar:" + file.toURI() + "!/";
        this.domain = new ProtectionDomain(new CodeSource(file.toURI().toURL(), (Certificate[]) null), null, this, null);
    }

    /** The JDK's platform class loader on Java 9+, the bootstrap loader (null) on Java 8. */
    static ClassLoader platformLoader() {
        try {
            return (ClassLoader) ClassLoader.class.getMethod("getPlatformClassLoader").invoke(null);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String path = PREFIX + name.replace('.', '/') + ".classdata";
        JarEntry entry = jar.getJarEntry(path);
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try {
            bytes = read(entry);
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        definePackageFor(name);
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    private void definePackageFor(String className) {
        int dot = className.lastIndexOf('.');
        if (dot < 0) {
            return;
        }
        String packageName = className.substring(0, dot);
        synchronized (this) {
            if (getPackage(packageName) == null) {
                definePackage(packageName, null, null, null, "xray-agent", AgentEntry.version(), null, null);
            }
        }
    }

    @Override
    protected URL findResource(String name) {
        String path = storedName(name);
        if (jar.getJarEntry(path) == null) {
            return null;
        }
        try {
            return new URL(jarUrl + path);
        } catch (MalformedURLException e) {
            return null;
        }
    }

    @Override
    protected Enumeration<URL> findResources(String name) {
        URL url = findResource(name);
        return url == null ? Collections.<URL>emptyEnumeration() : Collections.enumeration(Collections.singletonList(url));
    }

    @Override
    public InputStream getResourceAsStream(String name) {
        // Read from the open jar directly: no URL connection, no jar-file cache of the JDK.
        JarEntry entry = jar.getJarEntry(storedName(name));
        if (entry != null) {
            try {
                return jar.getInputStream(entry);
            } catch (IOException e) {
                return null;
            }
        }
        return super.getResourceAsStream(name);
    }

    /** Class files are stored as {@code .classdata}; other resources keep their names, under inst/. */
    private static String storedName(String name) {
        String relative = name.startsWith("/") ? name.substring(1) : name;
        if (relative.endsWith(".class")) {
            relative = relative.substring(0, relative.length() - ".class".length()) + ".classdata";
        }
        return PREFIX + relative;
    }

    private byte[] read(JarEntry entry) throws IOException {
        InputStream in = jar.getInputStream(entry);
        try {
            long size = entry.getSize();
            ByteArrayOutputStream out = new ByteArrayOutputStream(size > 0 ? (int) size : 8192);
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk)) > 0) {
                out.write(chunk, 0, n);
            }
            return out.toByteArray();
        } finally {
            in.close();
        }
    }
}
