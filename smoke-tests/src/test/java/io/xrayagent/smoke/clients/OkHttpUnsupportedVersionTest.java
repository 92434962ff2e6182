package io.xrayagent.smoke.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.xrayagent.receiver.LocalReceiver;
import io.xrayagent.receiver.ReceivedDocument;
import io.xrayagent.smoke.support.Apps;
import io.xrayagent.smoke.support.Http;
import io.xrayagent.smoke.support.JavaProcess;
import io.xrayagent.smoke.support.Jdks;
import io.xrayagent.testing.SchemaValidator;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * OkHttp 3.8.1, older than the instrumentation supports (its interceptors cannot tell which call they serve):
 * the application works as without the agent, its calls are neither recorded nor given a header, its requests
 * are still traced by the server instrumentation, and the agent says nothing beyond its start line.
 */
class OkHttpUnsupportedVersionTest {
    private static final Pattern ROOT = Pattern.compile("Root=(1-[0-9a-f]{8}-[0-9a-f]{24})");

    @Test
    void okHttp38RunsUntracedAndQuiet() throws Exception {
        try (LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
                JavaProcess app = HttpClientContract.clientApp(Jdks.current(), "okhttp-3.8", receiver,
                        OkHttpContract.DRIVER, List.of(HttpClientContract.appClasses(OkHttpContract.DIR),
                                HttpClientContract.libraryJars(OkHttpContract.DIR, "okhttp-3.8"))).start()) {
            int port = app.awaitPort(Apps.START);
            for (String mode : new String[] {"sync", "async"}) {
                String target = URLEncoder.encode("/status/200?id=old-" + mode, StandardCharsets.UTF_8);
                Http response = Http.get(port, "/call?mode=" + mode + "&target=" + target);
                assertEquals(200, response.status, response.body);
                Properties answer = new Properties();
                answer.load(new StringReader(response.body));
                assertEquals("200", answer.getProperty("status"), mode + ": " + answer);
                assertEquals("0", answer.getProperty("received.count"), mode + ": no trace header went out: " + answer);

                Matcher root = ROOT.matcher(String.valueOf(response.header("X-Amzn-Trace-Id")));
                assertTrue(root.find(), "the front request is traced: " + response.headers);
                String traceId = root.group(1);
                List<ReceivedDocument> documents = receiver.awaitDocuments(
                        docs -> docs.stream().anyMatch(doc -> traceId.equals(doc.traceId())), Duration.ofSeconds(10));
                ReceivedDocument front = documents.stream().filter(doc -> traceId.equals(doc.traceId())).findFirst().get();
                SchemaValidator.assertValid(front.body());
                assertEquals("okhttp-3.8", front.name());
                assertNull(front.json().get("subsegments"), mode + ": no subsegment for the call: " + front);
            }
            Thread.sleep(200);
            assertTrue(app.isAlive());
            List<String> lines = app.agentLines();
            assertEquals(1, lines.size(), "agent lines: " + lines);
            assertNotNull(lines.get(0));
            assertTrue(lines.get(0).startsWith("[xray-agent] INFO xray-agent "), lines.get(0));
            assertEquals(List.of(), app.warningLines());
            assertTrue(app.stderr().lines().noneMatch(line -> line.contains("Exception")), app.stderr());
        }
    }
}
