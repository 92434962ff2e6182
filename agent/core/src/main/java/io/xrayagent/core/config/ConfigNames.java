package io.xrayagent.core.config;

/** Derives the agent's own system property and environment variable names from a key. */
final class ConfigNames {
    static final String PROPERTY_PREFIX = "xrayagent.";
    static final String VARIABLE_PREFIX = "XRAY_AGENT_";

    private ConfigNames() {
    }

    /** {@code serviceName} becomes {@code xrayagent.serviceName}. */
    static String systemProperty(String key) {
        return PROPERTY_PREFIX + key;
    }

    /**
     * {@code serviceName} becomes {@code XRAY_AGENT_SERVICE_NAME}, {@code instrumentation.jdk-httpserver.enabled}
     * becomes {@code XRAY_AGENT_INSTRUMENTATION_JDK_HTTPSERVER_ENABLED}: shells accept only letters, digits
     * and '_' in variable names.
     */
    static String environmentVariable(String key) {
        StringBuilder out = new StringBuilder(VARIABLE_PREFIX.length() + key.length() + 8).append(VARIABLE_PREFIX);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (i > 0 && startsWord(key, i)) {
                    out.append('_');
                }
                out.append(c);
            } else if (c >= 'a' && c <= 'z') {
                out.append((char) (c - 'a' + 'A'));
            } else if (c >= '0' && c <= '9') {
                out.append(c);
            } else {
                out.append('_');
            }
        }
        return out.toString();
    }

    /** An upper-case letter starts a word after a lower-case letter or digit, or ends an acronym (SQLQueries). */
    private static boolean startsWord(String key, int i) {
        char before = key.charAt(i - 1);
        if ((before >= 'a' && before <= 'z') || (before >= '0' && before <= '9')) {
            return true;
        }
        boolean beforeUpper = before >= 'A' && before <= 'Z';
        boolean nextLower = i + 1 < key.length() && key.charAt(i + 1) >= 'a' && key.charAt(i + 1) <= 'z';
        return beforeUpper && nextLower;
    }
}
