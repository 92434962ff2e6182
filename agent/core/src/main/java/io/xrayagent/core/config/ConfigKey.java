package io.xrayagent.core.config;

/**
 * One configuration key: its {@code xray-agent.json} name and the official SDK's system property and
 * environment variable for it, where the official agent has them (null otherwise).
 */
final class ConfigKey {
    final String name;
    final String officialProperty;
    final String officialVariable;

    ConfigKey(String name, String officialProperty, String officialVariable) {
        this.name = name;
        this.officialProperty = officialProperty;
        this.officialVariable = officialVariable;
    }

    String property() {
        return ConfigNames.systemProperty(name);
    }

    String variable() {
        return ConfigNames.environmentVariable(name);
    }

    @Override
    public String toString() {
        return name;
    }
}
