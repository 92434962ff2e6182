package io.xrayagent.benchmarks.process;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The class path of the measured applications ({@code io.xrayagent.benchmarks.apps}): {@code benchmark-apps.jar},
 * which the build writes beside {@code benchmarks.jar} with the applications and their libraries but none of the
 * agent's classes. benchmarks.jar itself holds the agent's core for the JMH benchmarks, and an agent class on the
 * application's class path can shadow the agent's own (a renamed agent jar then loads its entry class from there).
 */
public final class AppClassPath {
    public static final String APPS_JAR = "benchmark-apps.jar";

    private AppClassPath() {
    }

    /**
     * From a jar: the apps jar beside it. From a build's classes directory (the module's tests): that directory and
     * the jars that hold the given library classes.
     */
    public static String of(Class<?>... libraryClasses) {
        Path own = codeSource(AppClassPath.class);
        if (Files.isRegularFile(own)) {
            Path apps = own.resolveSibling(APPS_JAR);
            if (!Files.isRegularFile(apps)) {
                throw new IllegalStateException("no " + apps + ": build it with ./mvnw -pl benchmarks -am package");
            }
            return apps.toString();
        }
        Set<String> entries = new LinkedHashSet<>();
        entries.add(own.toString());
        for (Class<?> type : libraryClasses) {
            entries.add(codeSource(type).toString());
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The jar or classes directory a class was loaded from. */
    public static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
