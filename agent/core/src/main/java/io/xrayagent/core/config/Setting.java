package io.xrayagent.core.config;

/** A raw value for a key and where it came from, for warnings that tell the user which setting to fix. */
final class Setting {
    final String value;
    final String origin;

    Setting(String value, String origin) {
        this.value = value;
        this.origin = origin;
    }
}
