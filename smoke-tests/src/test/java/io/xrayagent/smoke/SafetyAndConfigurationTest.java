package io.xrayagent.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.receiver.LocalReceiver;
import io.xrayagent.receiver.ReceivedDocument;
import io.xrayagent.smoke.support.Apps;
import io.xrayagent.smoke.support.Docs;
import io.xrayagent.smoke.support.Http;
import io.xrayagent.smoke.support.JavaProcess;
import io.xrayagent.smoke.support.Jdks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** The application never notices the agent's troubles; configuration is read from every documented source. */
class SafetyAndConfigurationTest {

    @Test
    void noDaemonListeningChangesNothingForTheApplication() throws Exception {
        int closedPort;
        try (DatagramSocket socket = new DatagramSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (JavaProcess app = JavaProcess.on(Jdks.current()).name("nodaemon")
                .agent("serviceName=svc,samplingStrategy=ALL,daemonAddress=127.0.0.1:" + closedPort)
                .classPath(JavaProcess.appClasses()).main(Apps.SERVICE_APP, "0", "http://127.0.0.1:1").start()) {
            int port = app.awaitPort(Apps.START);
            for (int i = 0; i < 100; i++) {
                assertEquals(200, Http.get(port, "/hello").status);
            }
            assertEquals(502, Http.get(port, "/call-refused").status);
            assertTrue(app.isAlive());
            assertEquals(1, app.agentLines().size(), app.agentLines().toString());
            assertEquals("", app.stderr().replaceAll("\\[xray-agent\\] INFO [^\n]*\n", ""), "nothing else printed");
        }
    }

    @Test
    void invalidValuesGetOneLineEachAndTheDefaultsAreUsed() throws Exception {
        try (LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
                JavaProcess app = JavaProcess.on(Jdks.current()).name("badconfig")
                        .agent("serviceName=svc,samplingStrategy=SOMETIMES,daemonAddress=" + receiver.daemonAddress())
                        .env("AWS_XRAY_CONTEXT_MISSING", "EXPLODE")
                        .classPath(JavaProcess.appClasses()).main(Apps.SERVICE_APP, "0").start()) {
            int port = app.awaitPort(Apps.START);
            assertEquals(200, Http.get(port, "/hello").status);
            List<String> lines = app.agentLines();
            assertEquals(3, lines.size(), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.contains("WARN") && l.contains("\"SOMETIMES\"")
                    && l.contains("samplingStrategy") && l.contains("CENTRAL")), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.contains("WARN") && l.contains("\"EXPLODE\"")
                    && l.contains("AWS_XRAY_CONTEXT_MISSING") && l.contains("LOG_ERROR")), lines.toString());
            // The default sampling rule still takes the first request of the second.
            receiver.awaitDocuments(Docs.segmentCount("svc", 1), Duration.ofSeconds(20));
        }
    }

    @Test
    void officialEnvironmentVariablesWorkWithADnsName() throws Exception {
        try (LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
                JavaProcess app = JavaProcess.on(Jdks.current()).name("env")
                        .agent(null)
                        .env("AWS_XRAY_TRACING_NAME", "from-env")
                        .env("AWS_XRAY_DAEMON_ADDRESS", "localhost:" + receiver.address().getPort())
                        .env("XRAY_AGENT_SAMPLING_STRATEGY", "ALL")
                        .classPath(JavaProcess.appClasses()).main(Apps.SERVICE_APP, "0").start()) {
            int port = app.awaitPort(Apps.START);
            Http.get(port, "/hello");
            Http.get(port, "/notfound");
            receiver.awaitDocuments(Docs.segmentCount("from-env", 2), Duration.ofSeconds(20));
            assertTrue(app.agentLines().get(0).contains("\"from-env\""), app.agentLines().toString());
        }
    }

    @Test
    void configFileOnTheClassPathIsRead() throws Exception {
        Path dir = Files.createTempDirectory(JavaProcess.workDir(), "config");
        try (LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0))) {
            Files.writeString(dir.resolve("xray-agent.json"), "{\n  // as the official agent reads it\n"
                    + "  \"serviceName\": \"from-file\", \"samplingStrategy\": \"ALL\",\n  \"daemonAddress\": \""
                    + receiver.daemonAddress() + "\",\n  \"instrumentation\": {\"http-url-connection\": {\"enabled\": false}}\n}\n");
            try (JavaProcess b = Apps.service(Jdks.current(), receiver, "svc-b", null, null).start()) {
                int portB = b.awaitPort(Apps.START);
                try (JavaProcess app = JavaProcess.on(Jdks.current()).name("file").agent(null)
                        .classPath(JavaProcess.appClasses(), dir.toString())
                        .main(Apps.SERVICE_APP, "0", Apps.url(portB)).start()) {
                    int port = app.awaitPort(Apps.START);
                    assertEquals(200, Http.get(port, "/call").status);
                    List<ReceivedDocument> documents = receiver.awaitDocuments(
                            docs -> Docs.segments(docs, "from-file").size() == 1 && Docs.segments(docs, "svc-b").size() == 1,
                            Duration.ofSeconds(20));
                    ReceivedDocument segment = Docs.only(documents, "from-file");
                    assertTrue(Docs.subsegments(segment.json()).isEmpty(), "http-url-connection switched off");
                    ReceivedDocument downstream = Docs.only(documents, "svc-b");
                    assertNull(downstream.parentId(), "no header went out, so B starts its own trace");
                    assertTrue(!segment.traceId().equals(downstream.traceId()));
                    String started = app.agentLines().get(0);
                    assertTrue(started.contains("jdk-httpserver") && !started.contains("http-url-connection"),
                            app.agentLines().toString());
                }
            }
        }
    }

    @Test
    void tracingDisabledSendsNothing() throws Exception {
        try (LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
                JavaProcess app = JavaProcess.on(Jdks.current()).name("disabled")
                        .agent("samplingStrategy=ALL,daemonAddress=" + receiver.daemonAddress())
                        .env("AWS_XRAY_TRACING_ENABLED", "false")
                        .classPath(JavaProcess.appClasses()).main(Apps.SERVICE_APP, "0").start()) {
            int port = app.awaitPort(Apps.START);
            Http response = Http.get(port, "/hello");
            assertEquals(200, response.status);
            assertNull(response.header("X-Amzn-Trace-Id"));
            Thread.sleep(1000);
            assertEquals(List.of(), receiver.documents());
        }
    }

    @Test
    void aBrokenAgentJarPrintsOneLineAndTheApplicationRunsUntraced() throws Exception {
        Path broken = JavaProcess.workDir().resolve("broken").resolve("xray-agent.jar");
        Files.createDirectories(broken.getParent());
        copyWithout(JavaProcess.agentJar(), broken, "inst/io/xrayagent/core/trace/Tracer.classdata");
        try (JavaProcess app = JavaProcess.on(Jdks.current()).name("broken").agent(broken, "samplingStrategy=ALL")
                .classPath(JavaProcess.appClasses()).main(Apps.SERVICE_APP, "0").start()) {
            int port = app.awaitPort(Apps.START);
            Http response = Http.get(port, "/hello");
            assertEquals(200, response.status);
            assertNull(response.header("X-Amzn-Trace-Id"), "untraced");
            List<String> lines = app.agentLines();
            assertEquals(1, lines.size(), lines.toString());
            assertTrue(lines.get(0).startsWith("[xray-agent] ERROR not started, the application runs untraced:"),
                    lines.get(0));
        }
    }

    @Test
    void theAgentRunsOnceWhenGivenTwice() throws Exception {
        try (LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
                JavaProcess app = JavaProcess.on(Jdks.current()).name("twice")
                        // JAVA_TOOL_OPTIONS is read first, so its copy is the one that starts.
                        .env("JAVA_TOOL_OPTIONS", "-javaagent:" + JavaProcess.agentJar()
                                + "=serviceName=svc,samplingStrategy=ALL,daemonAddress=" + receiver.daemonAddress())
                        .agent("serviceName=ignored")
                        .classPath(JavaProcess.appClasses()).main(Apps.SERVICE_APP, "0").start()) {
            int port = app.awaitPort(Apps.START);
            Http.get(port, "/hello");
            receiver.awaitDocuments(Docs.segmentCount("svc", 1), Duration.ofSeconds(20));
            Thread.sleep(500);
            assertEquals(1, receiver.documents().size(), receiver.documents().toString());
            assertEquals(1, app.agentLines().size(), app.agentLines().toString());
            assertEquals("svc", receiver.documents().get(0).name());
        }
    }

    @Test
    void jdkToolsThatInheritJavaToolOptionsStayUntraced() throws Exception {
        for (Path jdk : Jdks.all()) {
            for (String tool : new String[] {"jps", "jcmd"}) {
                ProcessBuilder builder = new ProcessBuilder(jdk.resolve("bin").resolve(tool).toString(), "-l")
                        .redirectErrorStream(true);
                builder.environment().put("JAVA_TOOL_OPTIONS", "-javaagent:" + JavaProcess.agentJar());
                Process process = builder.start();
                String output;
                try (InputStream in = process.getInputStream()) {
                    output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                assertEquals(0, process.waitFor());
                assertTrue(output.contains("Picked up JAVA_TOOL_OPTIONS"), output);
                assertTrue(!output.contains("[xray-agent]"), tool + " on " + jdk + ":\n" + output);
            }
        }
    }

    private static void copyWithout(Path source, Path target, String left) throws IOException {
        try (ZipFile zip = new ZipFile(source.toFile());
                OutputStream file = Files.newOutputStream(target);
                ZipOutputStream out = new ZipOutputStream(file)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().equals(left)) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                try (InputStream in = zip.getInputStream(entry)) {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
    }
}
