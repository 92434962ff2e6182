package io.xrayagent.core.config;

import io.xrayagent.core.log.AgentLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Picks each key's value: the highest-precedence setting that parses, else the default.
 *
 * <p>Every setting that does not parse gets one warning, including one shadowed by a valid setting above
 * it: a broken environment variable is worth knowing about even while a system property hides it.
 * Thread-safe, because instrumentation switches are resolved lazily, from whatever thread asks first.
 */
final class SettingResolver {
    private final ConfigSources sources;
    private final Map<String, Setting> chosen = new ConcurrentHashMap<String, Setting>();

    SettingResolver(ConfigSources sources) {
        this.sources = sources;
    }

    ConfigSources sources() {
        return sources;
    }

    <T> T resolve(ConfigKey key, ValueType<T> type, T defaultValue) {
        T value = null;
        Setting used = null;
        List<Setting> rejected = new ArrayList<Setting>(0);
        List<String> reasons = new ArrayList<String>(0);
        for (Setting candidate : sources.candidates(key)) {
            try {
                T parsed = type.parse(candidate.value);
                if (used == null) {
                    value = parsed;
                    used = candidate;
                }
            } catch (IllegalArgumentException e) {
                rejected.add(candidate);
                reasons.add(e.getMessage());
            }
        }
        if (used == null) {
            value = defaultValue;
        } else {
            chosen.put(key.name, used);
        }
        String shown = type.display(value);
        for (int i = 0; i < rejected.size(); i++) {
            Setting bad = rejected.get(i);
            AgentLog.warn("invalid value " + LogText.quote(bad.value) + " for " + key.name + " (from " + bad.origin
                    + "); using " + shown + " instead; " + reasons.get(i));
        }
        return value;
    }

    /** The setting whose value {@link #resolve} used for the key; null when it used the default. */
    Setting chosen(String keyName) {
        return chosen.get(keyName);
    }
}
