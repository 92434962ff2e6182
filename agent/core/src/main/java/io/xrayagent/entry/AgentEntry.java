package io.xrayagent.entry;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The agent's entry: {@code premain}, {@code agentmain} and {@code main}. It is one of the few classes at
 * the jar's root; it checks where it runs, skips JDK tools, appends the jar to the bootstrap class path
 * (where only the bridge classes are loadable: everything else is stored under {@code inst/} as renamed
 * class files) and starts the core in the agent's own class loader. Whatever goes wrong, the application
 * starts untraced after one line on standard error.
 */
public final class AgentEntry {
    static final String STARTER = "io.xrayagent.core.AgentStarter";
    static final String BRIDGE_MARKER = "io.xrayagent.bootstrap.AgentState";
    static final String MARKER = "inst/io/xrayagent/core/AgentStarter.classdata";

    private AgentEntry() {
    }

    public static void premain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, instrumentation);
    }

    public static void agentmain(String agentArgs, Instrumentation instrumentation) {
        start(agentArgs, instrumentation);
    }

    /** {@code java -jar xray-agent.jar listen [host:port]} and friends. */
    public static void main(String[] args) throws Throwable {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = new String[Math.max(0, args.length - 1)];
        System.arraycopy(args, Math.min(1, args.length), rest, 0, rest.length);
        if (command.equals("listen")) {
            JarFile jar = agentJar();
            if (jar == null) {
                System.err.println("xray-agent: run this from the agent jar: java -jar xray-agent.jar listen");
                System.exit(2);
            }
            Class<?> listen = new AgentClassLoader(jar, AgentClassLoader.platformLoader())
                    .loadClass("io.xrayagent.receiver.ListenCommand");
            Method main = listen.getMethod("main", String[].class);
            try {
                main.invoke(null, (Object) rest);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        } else if (command.equals("version")) {
            System.out.println("xray-agent " + version());
        } else {
            System.out.println("xray-agent " + version() + "\n\n"
                    + "As a Java agent:   java -javaagent:xray-agent.jar[=key=value,...] -jar app.jar\n"
                    + "Local receiver:    java -jar xray-agent.jar listen [host:port]   (default 127.0.0.1:2000;"
                    + " --json prints raw documents too)\n"
                    + "Version:           java -jar xray-agent.jar version");
        }
    }

    private static void start(String agentArgs, Instrumentation instrumentation) {
        try {
            String tool = JdkTools.detect();
            if (tool != null) {
                return;
            }
            JarFile jar = agentJar();
            if (jar == null) {
                System.err.println("[xray-agent] ERROR not started, the application runs untraced: the agent must"
                        + " run from the xray-agent jar itself (it was repackaged or unpacked)");
                return;
            }
            if (!bridgeOnBootClassPath()) {
                instrumentation.appendToBootstrapClassLoaderSearch(jar);
            }
            // Through the bootstrap loader, so that two -javaagent copies of this jar see one flag.
            Class<?> state = Class.forName(BRIDGE_MARKER, true, null);
            if (!(Boolean) state.getMethod("claimStart").invoke(null)) {
                return;
            }
            ClassLoader loader = new AgentClassLoader(jar, AgentClassLoader.platformLoader());
            Class<?> starter = loader.loadClass(STARTER);
            starter.getMethod("start", String.class, Instrumentation.class, String.class)
                    .invoke(null, agentArgs, instrumentation, version());
        } catch (Throwable t) {
            Throwable cause = t instanceof InvocationTargetException && t.getCause() != null ? t.getCause() : t;
            System.err.println("[xray-agent] ERROR not started, the application runs untraced: " + cause);
        }
    }

    /** True when the JVM already put the bridge on the boot class path, from the manifest's Boot-Class-Path. */
    private static boolean bridgeOnBootClassPath() {
        try {
            Class.forName(BRIDGE_MARKER, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** The jar this class was loaded from, if it is a genuine agent jar; null otherwise. */
    static JarFile agentJar() {
        try {
            File file = ownJarFile();
            if (file == null || !file.isFile()) {
                return null;
            }
            JarFile jar = new JarFile(file, false);
            Attributes main = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes();
            if (main == null || !AgentEntry.class.getName().equals(main.getValue("Premain-Class"))
                    || jar.getEntry(MARKER) == null) {
                jar.close();
                return null;
            }
            return jar;
        } catch (Exception e) {
            return null;
        }
    }

    /**
     * The jar holding this class. With Boot-Class-Path the bootstrap loader defines it, and bootstrap
     * classes have no code source, so the class file's own URL is read instead.
     */
    private static File ownJarFile() throws Exception {
        URL resource = AgentEntry.class.getResource("AgentEntry.class");
        if (resource == null || !"jar".equals(resource.getProtocol())) {
            return null;
        }
        String spec = resource.getFile();
        int separator = spec.indexOf("!/");
        if (separator < 0) {
            return null;
        }
        return new File(new URL(spec.substring(0, separator)).toURI());
    }

    static String version() {
        Package own = AgentEntry.class.getPackage();
        String version = own == null ? null : own.getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
