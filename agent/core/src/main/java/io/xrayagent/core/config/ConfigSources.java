package io.xrayagent.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The raw values of all sources, and the order in which they are consulted for a key.
 *
 * <p>Empty and blank values count as not set: container specs and shell scripts often export a variable
 * with nothing in it, and that should not override a real value further down.
 */
final class ConfigSources {
    static final String AGENT_ARGUMENTS = "agent arguments";

    static final ConfigSources EMPTY = new ConfigSources(Collections.<String, String>emptyMap(),
            Collections.<String, String>emptyMap(), Collections.<String, String>emptyMap(),
            Collections.<String, String>emptyMap(), null);

    private final Map<String, String> agentArguments;
    private final Map<String, String> systemProperties;
    private final Map<String, String> environment;
    private final Map<String, String> file;
    private final String fileDescription;

    ConfigSources(Map<String, String> agentArguments, Map<String, String> systemProperties,
            Map<String, String> environment, Map<String, String> file, String fileDescription) {
        this.agentArguments = copy(agentArguments);
        this.systemProperties = copy(systemProperties);
        this.environment = copy(environment);
        this.file = copy(file);
        this.fileDescription = fileDescription;
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return map == null || map.isEmpty()
                ? Collections.<String, String>emptyMap()
                : Collections.unmodifiableMap(new HashMap<String, String>(map));
    }

    String fileDescription() {
        return fileDescription;
    }

    /** Every value set for the key, highest precedence first. */
    List<Setting> candidates(ConfigKey key) {
        List<Setting> found = new ArrayList<Setting>(2);
        add(found, agentArguments.get(key.name), AGENT_ARGUMENTS);
        addNamed(found, systemProperties, key.property(), "system property ");
        addNamed(found, systemProperties, key.officialProperty, "system property ");
        addNamed(found, environment, key.variable(), "environment variable ");
        addNamed(found, environment, key.officialVariable, "environment variable ");
        if (fileDescription != null) {
            add(found, file.get(key.name), fileDescription);
        }
        return found;
    }

    private static void addNamed(List<Setting> found, Map<String, String> source, String name, String kind) {
        if (name != null) {
            add(found, source.get(name), kind + name);
        }
    }

    private static void add(List<Setting> found, String value, String origin) {
        if (value != null && !value.trim().isEmpty()) {
            found.add(new Setting(value, origin));
        }
    }
}
