package io.xrayagent.instrumentation.apachehttpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UrlsTest {
    @Test
    void joinsTheParts() {
        assertEquals("https://api.example.com:8443/v1/items?id=3", Urls.of("https", "api.example.com", 8443, "/v1/items?id=3"));
        assertEquals("http://example.com/", Urls.of(null, "example.com", -1, null));
        assertEquals("http://example.com/", Urls.of("http", "example.com", -1, ""));
        assertEquals("http://example.com/x", Urls.of("http", "example.com", -1, "x"));
    }

    @Test
    void bracketsIpv6Hosts() {
        assertEquals("http://[::1]:8080/", Urls.of("http", "::1", 8080, "/"));
        assertEquals("http://[::1]:8080/", Urls.of("http", "[::1]", 8080, "/"));
    }

    @Test
    void anAbsoluteRequestTargetIsTheUrl() {
        assertEquals("http://other.example.com/x", Urls.of("http", "proxy", 3128, "http://other.example.com/x"));
    }
}
