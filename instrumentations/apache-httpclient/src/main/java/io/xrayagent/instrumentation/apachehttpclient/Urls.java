package io.xrayagent.instrumentation.apachehttpclient;

/** The URL recorded for a call, from the parts Apache requests and hosts keep apart. */
public final class Urls {
    private Urls() {
    }

    /**
     * {@code scheme://host[:port]path}. No user info: only the parts named here go in. A path that is an
     * absolute URL already (a request line aimed at a proxy) is taken as it is.
     */
    public static String of(String scheme, String host, int port, String path) {
        if (path != null && path.indexOf("://") > 0) {
            return path;
        }
        StringBuilder url = new StringBuilder(64).append(scheme == null ? "http" : scheme).append("://");
        if (host != null && host.indexOf(':') >= 0 && !host.startsWith("[")) {
            url.append('[').append(host).append(']');
        } else {
            url.append(host);
        }
        if (port >= 0) {
            url.append(':').append(port);
        }
        if (path == null || path.isEmpty()) {
            url.append('/');
        } else {
            if (path.charAt(0) != '/') {
                url.append('/');
            }
            url.append(path);
        }
        return url.toString();
    }
}
