package io.xrayagent.core.config;

/**
 * Renders configuration values inside the agent's log lines.
 *
 * <p>Values come from environment variables and files the agent does not control; escaping control
 * characters keeps every warning on one line, and the length cap keeps a pasted blob from flooding the log.
 */
final class LogText {
    private static final int MAX_SHOWN = 200;

    private LogText() {
    }

    static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_SHOWN) + 8).append('"');
        int shown = Math.min(value.length(), MAX_SHOWN);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (value.length() > MAX_SHOWN) {
            out.append("...");
        }
        return out.append('"').toString();
    }
}
