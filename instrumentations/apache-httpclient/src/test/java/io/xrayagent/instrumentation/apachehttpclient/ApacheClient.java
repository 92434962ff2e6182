package io.xrayagent.instrumentation.apachehttpclient;

import java.net.SocketTimeoutException;

/** One way an application calls a service through an Apache client, as the tests drive it. */
interface ApacheClient {
    /** How long a call waits for a response before it fails with a read timeout. */
    int RESPONSE_TIMEOUT_MILLIS = 500;

    String name();

    /** Minimal clients have no exec chain: no redirects followed, no retries. */
    boolean followsRedirects();

    /** The class the read timeout fails with. */
    default Class<? extends Exception> readTimeout() {
        return SocketTimeoutException.class;
    }

    /** A new GET request object of the library. */
    Object request(String url);

    void setHeader(Object request, String name, String value);

    /** The first value of the header on the request object, or null. */
    String header(Object request, String name);

    /** Sends the request and reads the whole response; returns its status. Throws what the client threw. */
    int send(Object request) throws Exception;

    /** Not close(): JUnit would close AutoCloseable arguments after each parameterized test. */
    void shutdown() throws Exception;
}
