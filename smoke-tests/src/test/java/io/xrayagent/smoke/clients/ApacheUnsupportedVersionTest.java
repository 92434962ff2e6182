package io.xrayagent.smoke.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * HttpClient 4.2 ({@code DefaultHttpClient}, before 4.3's {@code CloseableHttpClient}), older than the
 * instrumentation supports: the application works as without the agent, its calls are neither recorded nor
 * given a header, its own requests are still traced, and the agent says nothing beyond its start line.
 */
class ApacheUnsupportedVersionTest {
    private static final Pattern ROOT = Pattern.compile("Root=(1-[0-9a-f]{8}-[0-9a-f]{24})");

    @Test
    void httpClient42RunsUntracedAndQuiet() throws Exception {
        try (LocalReceiver receiver = LocalReceiver.start(new InetSocketAddress("127.0.0.1", 0));
                JavaProcess app = HttpClientContract.clientApp(Jdks.current(), "apache-4.2", receiver,
                        "io.xrayagent.smoke.clients.Apache4LegacyDriver", List.of(HttpClientContract.appClasses(ApacheContract.DIR),
                                HttpClientContract.libraryJars(ApacheContract.DIR, "apache-4.2"))).start()) {
            int port = app.awaitPort(Apps.START);
            for (String status : new String[] {"200", "500"}) {
                String target = URLEncoder.encode("/status/" + status + "?id=old-" + status, StandardCharsets.UTF_8);
                Http response = Http.get(port, "/call?mode=sync&target=" + target);
                assertEquals(200, response.status, response.body);
                Properties answer = new Properties();
                answer.load(new StringReader(response.body));
                assertEquals(status, answer.getProperty("status"), answer.toString());
                assertEquals("0", answer.getProperty("received.count"), "no trace header went out: " + answer);

                Matcher root = ROOT.matcher(String.valueOf(response.header("X-Amzn-Trace-Id")));
                assertTrue(root.find(), "the front request is traced: " + response.headers);
                String traceId = root.group(1);
                List<ReceivedDocument> documents = receiver.awaitDocuments(
                        docs -> docs.stream().anyMatch(doc -> traceId.equals(doc.traceId())), Duration.ofSeconds(10));
                ReceivedDocument front = documents.stream().filter(doc -> traceId.equals(doc.traceId())).findFirst().get();
                SchemaValidator.assertValid(front.body());
                assertEquals("apache-4.2", front.name());
                assertNull(front.json().get("subsegments"), "no subsegment for the call: " + front);
            }
            Thread.sleep(200);
            assertTrue(app.isAlive());
            List<String> lines = app.agentLines();
            assertEquals(1, lines.size(), "agent lines: " + lines);
            assertTrue(lines.get(0).startsWith("[xray-agent] INFO xray-agent "), lines.get(0));
            assertEquals(List.of(), app.warningLines());
            assertTrue(app.stderr().lines().noneMatch(line -> line.contains("Exception")), app.stderr());
        }
    }
}
