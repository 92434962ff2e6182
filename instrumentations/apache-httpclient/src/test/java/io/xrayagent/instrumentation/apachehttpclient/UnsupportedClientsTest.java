package io.xrayagent.instrumentation.apachehttpclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Releases the instrumentation does not support, HttpClient 4.2 (before CloseableHttpClient) and Commons
 * HttpClient 3.1, loaded in their own class loaders under the woven agent: their calls work as before,
 * untraced, with no header, and the agent says nothing about them.
 */
class UnsupportedClientsTest {
    private static Downstream downstream;

    @BeforeAll
    static void start() throws Exception {
        WovenClients.install();
        downstream = new Downstream();
    }

    @AfterAll
    static void stop() {
        downstream.close();
    }

    @BeforeEach
    void clear() {
        downstream.clear();
    }

    @Test
    void httpClient42RunsUntracedAndQuietly() throws Exception {
        try (URLClassLoader library = library("httpclient-4.2.6.jar", "httpcore-4.2.5.jar", "commons-logging-1.1.3.jar",
                "commons-codec-1.6.jar")) {
            AtomicInteger status = new AtomicInteger();
            Map<String, Object> segment = WovenClients.traced(s -> status.set(call42(library, downstream.url("/ok"))));

            assertEquals(200, status.get());
            assertUntracedAndQuiet(segment);
        }
    }

    @Test
    void commonsHttpClient3RunsUntracedAndQuietly() throws Exception {
        try (URLClassLoader library = library("commons-httpclient-3.1.jar", "commons-logging-1.1.3.jar", "commons-codec-1.6.jar")) {
            AtomicInteger status = new AtomicInteger();
            Map<String, Object> segment = WovenClients.traced(s -> status.set(call31(library, downstream.url("/ok"))));

            assertEquals(200, status.get());
            assertUntracedAndQuiet(segment);
        }
    }

    private static void assertUntracedAndQuiet(Map<String, Object> segment) {
        assertTrue(Trees.children(segment).isEmpty(), segment.toString());
        assertEquals(1, downstream.seen().size());
        assertNull(downstream.seen().get(0).traceHeader);
        List<String> said = new ArrayList<>();
        for (String line : WovenClients.agentOutput()) {
            if (!line.startsWith("[xray-agent] DEBUG") && !line.contains("no current segment")) {
                said.add(line);
            }
        }
        assertEquals(new ArrayList<String>(), said, "the agent should have nothing to say about these clients");
    }

    /** {@code new DefaultHttpClient().execute(new HttpGet(url))}, through the library's own loader. */
    private static int call42(ClassLoader library, String url) throws Exception {
        Class<?> clientType = library.loadClass("org.apache.http.impl.client.DefaultHttpClient");
        Object client = clientType.getConstructor().newInstance();
        Object get = library.loadClass("org.apache.http.client.methods.HttpGet").getConstructor(String.class).newInstance(url);
        Object response = library.loadClass("org.apache.http.client.HttpClient")
                .getMethod("execute", library.loadClass("org.apache.http.client.methods.HttpUriRequest")).invoke(client, get);
        Class<?> responseType = library.loadClass("org.apache.http.HttpResponse");
        Object statusLine = responseType.getMethod("getStatusLine").invoke(response);
        int status = (Integer) library.loadClass("org.apache.http.StatusLine").getMethod("getStatusCode").invoke(statusLine);
        Object entity = responseType.getMethod("getEntity").invoke(response);
        library.loadClass("org.apache.http.util.EntityUtils").getMethod("consume", library.loadClass("org.apache.http.HttpEntity"))
                .invoke(null, entity);
        Object manager = clientType.getMethod("getConnectionManager").invoke(client);
        library.loadClass("org.apache.http.conn.ClientConnectionManager").getMethod("shutdown").invoke(manager);
        return status;
    }

    /** {@code new HttpClient().executeMethod(new GetMethod(url))}, through the library's own loader. */
    private static int call31(ClassLoader library, String url) throws Exception {
        Class<?> clientType = library.loadClass("org.apache.commons.httpclient.HttpClient");
        Class<?> methodType = library.loadClass("org.apache.commons.httpclient.HttpMethod");
        Object client = clientType.getConstructor().newInstance();
        Object get = library.loadClass("org.apache.commons.httpclient.methods.GetMethod").getConstructor(String.class)
                .newInstance(url);
        int status = (Integer) clientType.getMethod("executeMethod", methodType).invoke(client, get);
        methodType.getMethod("getResponseBody").invoke(get);
        Method release = methodType.getMethod("releaseConnection");
        release.invoke(get);
        return status;
    }

    private static URLClassLoader library(String... jars) throws Exception {
        URL[] urls = new URL[jars.length];
        for (int i = 0; i < jars.length; i++) {
            File jar = Paths.get(System.getProperty("unsupported.clients"), jars[i]).toFile();
            assertTrue(jar.isFile(), jar + " (copied by the build)");
            urls[i] = jar.toURI().toURL();
        }
        return new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
    }
}
