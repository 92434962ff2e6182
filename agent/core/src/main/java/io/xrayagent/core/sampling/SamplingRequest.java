package io.xrayagent.core.sampling;

/**
 * The inputs of one sampling decision.
 *
 * <p>Missing values become {@code ""}, as in the X-Ray Java SDK: a rule then matches them only with the
 * pattern {@code *} or an empty pattern, instead of a missing host silently matching every host rule.
 */
public final class SamplingRequest {
    private final String host;
    private final String method;
    private final String urlPath;
    private final String serviceName;
    private final String serviceType;

    /**
     * @param urlPath the request path only (no scheme, host or query): rules are written against paths, and
     *                handing them the full URL is the classic reason sampling rules never match
     */
    public SamplingRequest(String host, String method, String urlPath, String serviceName, String serviceType) {
        this.host = orEmpty(host);
        this.method = orEmpty(method);
        this.urlPath = orEmpty(urlPath);
        this.serviceName = orEmpty(serviceName);
        this.serviceType = orEmpty(serviceType);
    }

    public String host() {
        return host;
    }

    public String method() {
        return method;
    }

    public String urlPath() {
        return urlPath;
    }

    public String serviceName() {
        return serviceName;
    }

    public String serviceType() {
        return serviceType;
    }

    @Override
    public String toString() {
        return "SamplingRequest{host=" + host + ", method=" + method + ", urlPath=" + urlPath
                + ", serviceName=" + serviceName + ", serviceType=" + serviceType + '}';
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
