package io.xrayagent.core.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds the inputs of AgentConfig.load for tests. */
final class Sources {
    private Sources() {
    }

    static Map<String, String> map(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        Map<String, String> map = new LinkedHashMap<String, String>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    /** System properties that point the agent at the given xray-agent.json file. */
    static Map<String, String> configFileProperty(Path file) {
        return map(ConfigFileLocator.CONFIG_FILE_PROPERTY, file.toString());
    }
}
