package io.xrayagent.smoke.containers;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The images of the container tests. The agent image is the one agent-image/ builds (loaded from its tarball);
 * the JRE images are {@code -Dsmoke.containers.jres=a,b} or {@code XRAY_TEST_CONTAINER_JRES=a,b} (default: the
 * ones .ci/podman builds from JDK 17 and Temurin 25, named localhost/... so that no engine ever tries a registry
 * for them; with Docker and internet, public ones such as eclipse-temurin:17-jre work too); the application
 * images are built here from them.
 */
final class TestImages {
    static final String DEFAULT_JRES = "localhost/xray-agent-test-jre:17,localhost/xray-agent-test-jre:25";
    /** Where the agent image holds the jar (agent-image/pom.xml). */
    static final List<String> AGENT_PATHS = List.of("/javaagent/xray-agent.jar", "/javaagent.jar");
    /** The options the base image of the Fargate pattern already has: the agent must be added, not replace them. */
    static final String EXISTING_OPTIONS = "-XX:MaxRAMPercentage=75.0";

    private static boolean agentLoaded;
    private static final Map<String, String> BUILT = new ConcurrentHashMap<>();

    private TestImages() {
    }

    static List<String> jres() {
        List<String> images = new ArrayList<>();
        String configured = System.getProperty("smoke.containers.jres", System.getenv("XRAY_TEST_CONTAINER_JRES"));
        for (String image : (configured == null || configured.isBlank() ? DEFAULT_JRES : configured).split(",")) {
            if (!image.isBlank()) {
                images.add(image.trim());
            }
        }
        return images;
    }

    /** The agent image of this build, loaded into the engine once per run. */
    static synchronized String agent() throws IOException {
        String name = System.getProperty("smoke.containers.agent-image", "localhost/xray-agent:0.1.0-SNAPSHOT");
        if (!agentLoaded) {
            try (InputStream in = Files.newInputStream(agentTar())) {
                Engine.client().loadImageCmd(in).exec();
            }
            agentLoaded = true;
        }
        return name;
    }

    /** The agent image's tarball (agent-image/), or a skip (a failure under CI) saying why it was not built. */
    static Path agentTar() {
        Path tar = Paths.get(System.getProperty("smoke.containers.agent-image.tar",
                "../agent-image/target/xray-agent-image.tar"));
        if (!Files.isRegularFile(tar)) {
            Engine.unavailable("the agent image was not built (" + tar.toAbsolutePath() + " does not exist)",
                    "install a static busybox (Debian: apt-get install busybox-static) and build again;"
                            + " agent-image/pom.xml says why it needs one");
        }
        return tar.toAbsolutePath();
    }

    /** A JRE image, checked to be there when it is a local one (which no registry could provide). */
    static String jre(String image) {
        if (image.startsWith("localhost/")) {
            try {
                Engine.client().inspectImageCmd(image).exec();
            } catch (NotFoundException e) {
                Engine.unavailable("the base image " + image + " does not exist", "build it with `sudo .ci/podman start`,"
                        + " or name other JRE images with -Dsmoke.containers.jres=eclipse-temurin:17-jre,...");
            }
        }
        return image;
    }

    /** The sample application on {@code jre}, as a user's image: the jar and an entrypoint, no agent. */
    static String app(String jre) {
        return BUILT.computeIfAbsent("app " + jre, key -> build("app", jre, new ImageFromDockerfile(local("app", jre), true)
                .withFileFromString("Dockerfile", "FROM " + jre(jre) + "\n"
                        + "COPY container-app.jar /app/app.jar\n"
                        + "EXPOSE 8080\n"
                        + "ENTRYPOINT [\"java\", \"-jar\", \"/app/app.jar\"]\n")
                .withFileFromPath("container-app.jar", appJar())));
    }

    /**
     * The Fargate pattern: deploy/ecs/Dockerfile, exactly as shipped, built FROM {@code jre} (given JVM options
     * of its own, which the Dockerfile must keep) with the agent layer copied from the agent image.
     */
    static String baked(String jre) throws IOException {
        String agent = agent();
        String base = BUILT.computeIfAbsent("options " + jre, key -> build("jre-with-options", jre,
                new ImageFromDockerfile(local("jre-with-options", jre), true).withFileFromString("Dockerfile",
                        "FROM " + jre(jre) + "\nENV JAVA_TOOL_OPTIONS=\"" + EXISTING_OPTIONS + "\"\n")));
        Path dockerfile = Manifests.path("ecs/Dockerfile");
        return BUILT.computeIfAbsent("baked " + jre, key -> build("baked", jre, new ImageFromDockerfile(local("baked", jre), true)
                .withFileFromPath("Dockerfile", dockerfile)
                .withFileFromPath("app.jar", appJar())
                .withBuildArg("BASE_IMAGE", base)
                .withBuildArg("AGENT_IMAGE", agent)));
    }

    static Path appJar() {
        Path jar = Paths.get(System.getProperty("smoke.containers.app.jar", "apps/container-app/target/container-app.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the container test application is not built: " + jar.toAbsolutePath());
        }
        return jar.toAbsolutePath();
    }

    /** The JDK's feature version of a JRE image's name ("17" for localhost/xray-agent-test-jre:17), for names. */
    static String label(String jre) {
        String tag = jre.substring(jre.lastIndexOf('/') + 1);
        return tag.replaceAll("[^A-Za-z0-9_.-]", "-").toLowerCase(Locale.ROOT);
    }

    private static String local(String what, String jre) {
        return "localhost/xray-agent-test-" + what + ":" + label(jre);
    }

    private static String build(String what, String jre, ImageFromDockerfile image) {
        try {
            return image.get();
        } catch (Exception e) {
            throw new IllegalStateException("building the " + what + " image on " + jre + " failed", e);
        }
    }
}
