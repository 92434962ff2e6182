package io.xrayagent.smoke.servlet;

import io.xrayagent.smoke.support.JavaProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The containers of the matrix and how to start one: {@code java -cp <app classes>:<that container's jars>}, built
 * by smoke-tests/apps/servlet-javax and servlet-jakarta. Each container's jars sit in their own directory, so two
 * versions of one container never meet on a class path.
 */
enum ServletContainer {
    TOMCAT_9("tomcat-9", "smoke.servlet.javax.dir", "TomcatLauncher"),
    TOMCAT_10_1("tomcat-10.1", "smoke.servlet.jakarta.dir", "TomcatLauncher"),
    // Runs the launcher compiled against Tomcat 10.1: the embedded API did not change.
    TOMCAT_11("tomcat-11", "smoke.servlet.jakarta.dir", "TomcatLauncher"),
    JETTY_10("jetty-10", "smoke.servlet.javax.dir", "JettyLauncher"),
    JETTY_12("jetty-12", "smoke.servlet.jakarta.dir", "JettyLauncher"),
    UNDERTOW("undertow", "smoke.servlet.jakarta.dir", "UndertowLauncher");

    private static final String LAUNCHERS = "io.xrayagent.smoke.servlet.app.";

    final String id;
    private final String buildDirProperty;
    private final String launcher;

    ServletContainer(String id, String buildDirProperty, String launcher) {
        this.id = id;
        this.buildDirProperty = buildDirProperty;
        this.launcher = launcher;
    }

    /** The app on this container, not yet started; {@code agentArgs} null runs it without the agent. */
    JavaProcess.Builder process(Path jdk, String name, String agentArgs, String downstream) throws IOException {
        String configured = System.getProperty(buildDirProperty);
        if (configured == null) {
            throw new IllegalStateException(buildDirProperty + " is not set: run the tests through Maven");
        }
        Path appBuild = Paths.get(configured).toAbsolutePath();
        Path classes = appBuild.resolve("classes");
        Path jars = appBuild.resolve("containers").resolve(id);
        if (!Files.isDirectory(classes) || !Files.isDirectory(jars)) {
            throw new IllegalStateException("the servlet apps are not built: " + classes + ", " + jars);
        }
        // Tomcat's base directory and any container scratch files stay in the build directory.
        Path tmp = Files.createDirectories(JavaProcess.workDir().resolve(name + "-tmp"));
        JavaProcess.Builder builder = JavaProcess.on(jdk).name(name).jvmArg("-Djava.io.tmpdir=" + tmp);
        if (agentArgs != null) {
            builder.agent(agentArgs);
        }
        return builder.classPath(classes.toString(), jars.resolve("*").toString())
                .main(LAUNCHERS + launcher, downstream == null ? new String[] {"0"} : new String[] {"0", downstream});
    }

    @Override
    public String toString() {
        return id;
    }
}
