package io.xrayagent.instrumentation.javahttpclient.jdk11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The copy made on Java 11 to 15 (by hand) carries everything the JDK's own copy (Java 16+) carries. */
class RequestCopyTest {
    private static final HttpRequest ORIGINAL = HttpRequest.newBuilder(URI.create("http://user@example.com:8080/a%20b?q=1#f"))
            .header("X-One", "a").header("X-One", "b").header("Accept", "text/plain")
            .timeout(Duration.ofMillis(1234))
            .version(HttpClient.Version.HTTP_2)
            .expectContinue(true)
            .PUT(HttpRequest.BodyPublishers.ofString("twelve bytes"))
            .build();

    @Test
    void byHandAndByTheJdkGiveTheSameRequest() {
        HttpRequest byHand = RequestCopy.copiedByHand(ORIGINAL).setHeader("X-Amzn-Trace-Id", "Root=x").build();
        HttpRequest byJdk = RequestCopy.builderFrom(ORIGINAL).setHeader("X-Amzn-Trace-Id", "Root=x").build();
        for (HttpRequest copy : List.of(byHand, byJdk)) {
            assertEquals(ORIGINAL.uri(), copy.uri());
            assertEquals("PUT", copy.method());
            assertEquals(12L, copy.bodyPublisher().get().contentLength());
            assertEquals(ORIGINAL.timeout(), copy.timeout());
            assertEquals(ORIGINAL.version(), copy.version());
            assertEquals(true, copy.expectContinue());
            assertEquals(List.of("a", "b"), copy.headers().allValues("X-One"));
            assertEquals(List.of("text/plain"), copy.headers().allValues("Accept"));
            assertEquals(List.of("Root=x"), copy.headers().allValues("X-Amzn-Trace-Id"));
        }
        assertEquals(byJdk.headers(), byHand.headers());
        assertFalse(ORIGINAL.headers().firstValue("X-Amzn-Trace-Id").isPresent());
    }

    @Test
    void urlKeepsNeitherUserInfoNorQuery() {
        assertEquals("http://example.com:8080/a%20b", new JdkClientRequest(ORIGINAL).url());
        assertEquals("example.com", new JdkClientRequest(ORIGINAL).host());
    }
}
