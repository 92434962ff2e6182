package io.xrayagent.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.receiver.LocalReceiver;
import io.xrayagent.smoke.support.Apps;
import io.xrayagent.smoke.support.Docs;
import io.xrayagent.smoke.support.Http;
import io.xrayagent.smoke.support.JavaProcess;
import io.xrayagent.smoke.support.Jdks;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An application with its own Jackson 2.13 and Byte Buddy 1.14 gets its own copies and is still traced. */
class ClassClashTest {
    @Test
    void applicationKeepsItsOwnLibrariesAndIsTraced() throws Exception {
        Path libs = Paths.get(System.getProperty("smoke.build.dir", "target"), "clash-libs");
        String jackson = libs.resolve("jackson-core-2.13.5.jar").toAbsolutePath().toString();
        String byteBuddy = libs.resolve("byte-buddy-1.14.18.jar").toAbsolutePath().toString();
        try (LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
                JavaProcess app = JavaProcess.on(Jdks.current()).name("clash")
                        .agent("serviceName=clash,samplingStrategy=ALL,daemonAddress=" + receiver.daemonAddress())
                        .classPath(JavaProcess.appClasses(), jackson, byteBuddy)
                        .main("io.xrayagent.smoke.apps.ClashApp", "0").start()) {
            int port = app.awaitPort(Apps.START);
            String out = app.stdout();
            assertTrue(out.contains("JACKSON 2.13.5 ") && out.contains("jackson-core-2.13.5.jar")
                    && out.contains("{\"app\":\"clash\"}"), out);
            assertTrue(out.contains("BYTEBUDDY ") && out.contains("byte-buddy-1.14.18.jar"), out);
            assertEquals(200, Http.get(port, "/hello").status);
            receiver.awaitDocuments(Docs.segmentCount("clash", 1), Duration.ofSeconds(20));
            assertEquals(1, app.agentLines().size(), app.agentLines().toString());
        }
    }
}
