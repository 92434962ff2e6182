package io.xrayagent.core.config;

import io.xrayagent.core.log.AgentLog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Splits the {@code -javaagent:xray-agent.jar=key=value,key=value} string. {@code ;} separates too: agents
 * differ in which of the two they use, and accepting both spares users the guess.
 */
final class AgentArgumentsParser {
    private AgentArgumentsParser() {
    }

    /** Keys in their order of appearance; a key given twice keeps its last value. */
    static Map<String, String> parse(String agentArgs) {
        Map<String, String> values = new LinkedHashMap<String, String>();
        if (agentArgs == null) {
            return values;
        }
        for (String pair : agentArgs.split("[,;]")) {
            if (pair.trim().isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key = equals < 0 ? "" : pair.substring(0, equals).trim();
            if (key.isEmpty()) {
                AgentLog.warn("malformed agent argument " + LogText.quote(pair.trim()) + " (expected key=value); ignored");
                continue;
            }
            // The value stays as written; each value type decides whether surrounding spaces matter.
            values.put(key, pair.substring(equals + 1));
        }
        return values;
    }
}
