package io.xrayagent.entry;

/**
 * JDK tools (jcmd, jps, jstack, keytool, javac, ...) start a JVM that inherits {@code JAVA_TOOL_OPTIONS},
 * and with it {@code -javaagent}. They must stay untraced and quiet.
 */
final class JdkTools {
    private static final String[] MAIN_CLASS_PREFIXES = {
        "sun.tools.", "sun.security.tools.", "sun.jvm.hotspot.", "sun.rmi.", "sun.applet.",
        "com.sun.tools.", "jdk.internal.", "jdk.tools.", "jdk.jfr.internal.tool.", "jdk.javadoc.",
        "jdk.jpackage.", "jdk.jshell.", "sun.net.httpserver.simpleserver.",
    };

    private JdkTools() {
    }

    /** The tool's main class or module when this JVM runs a JDK tool, else null. */
    static String detect() {
        // JDK 9+ launchers start tools as -m <module>/<class>; the JDK's own modules are java.* and jdk.*.
        String module = System.getProperty("jdk.module.main");
        if (module != null && (module.startsWith("jdk.") || module.startsWith("java."))) {
            return module;
        }
        String command = System.getProperty("sun.java.command");
        if (command == null) {
            return null;
        }
        int space = command.indexOf(' ');
        String main = space < 0 ? command : command.substring(0, space);
        int slash = main.indexOf('/');
        if (slash >= 0) {
            main = main.substring(slash + 1);
        }
        for (String prefix : MAIN_CLASS_PREFIXES) {
            if (main.startsWith(prefix)) {
                return main;
            }
        }
        return null;
    }
}
