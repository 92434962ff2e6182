package io.xrayagent.smoke.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The JDKs the smoke tests run applications on: JDK 17 (the build's) and Temurin 25 when installed.
 * {@code -Dsmoke.jdks=/path/a,/path/b} overrides the list.
 */
public final class Jdks {
    static final String[] KNOWN = {
        "/usr/lib/jvm/java-17-openjdk-amd64",
        "/usr/lib/jvm/temurin-25-jdk-amd64",
    };

    private Jdks() {
    }

    public static List<Path> all() {
        List<Path> homes = new ArrayList<>();
        String configured = System.getProperty("smoke.jdks");
        if (configured != null && !configured.isBlank()) {
            for (String home : configured.split(",")) {
                homes.add(Paths.get(home.trim()));
            }
            return homes;
        }
        for (String home : KNOWN) {
            if (Files.isExecutable(Paths.get(home, "bin", "java"))) {
                homes.add(Paths.get(home));
            }
        }
        if (homes.isEmpty()) {
            homes.add(current());
        }
        return homes;
    }

    public static Path current() {
        return Paths.get(System.getProperty("java.home"));
    }

    /** The newest JDK of the list (Temurin 25 here), for the checks that matter most there. */
    public static Path newest() {
        List<Path> homes = all();
        return homes.get(homes.size() - 1);
    }
}
