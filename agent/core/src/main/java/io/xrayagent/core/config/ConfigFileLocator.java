package io.xrayagent.core.config;

import io.xrayagent.core.log.AgentLog;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.util.Map;

/**
 * Finds {@code xray-agent.json} where the official agent looks: the file or class-path resource named by
 * {@code com.amazonaws.xray.configFile}, else {@code xray-agent.json} on the class path, else
 * {@code BOOT-INF/classes/xray-agent.json} (inside a Spring Boot fat jar).
 *
 * <p>An explicitly configured location that does not exist is reported and not replaced by the class-path
 * default: silently reading another file than the one named would be harder to diagnose than reading none.
 */
final class ConfigFileLocator {
    static final String CONFIG_FILE_PROPERTY = "com.amazonaws.xray.configFile";
    static final String DEFAULT_RESOURCE = "xray-agent.json";
    static final String SPRING_BOOT_RESOURCE = "BOOT-INF/classes/xray-agent.json";

    private ConfigFileLocator() {
    }

    /** Null when there is no file to read. */
    static ConfigFile locate(Map<String, String> systemProperties, ClassLoader resourceLoader) {
        String configured = systemProperties == null ? null : systemProperties.get(CONFIG_FILE_PROPERTY);
        if (configured != null && !configured.trim().isEmpty()) {
            ConfigFile found = configured(configured.trim(), resourceLoader);
            if (found == null) {
                AgentLog.warn("configuration file " + LogText.quote(configured) + " (from system property "
                        + CONFIG_FILE_PROPERTY + ") is neither a readable file nor a class-path resource; "
                        + "continuing without a configuration file");
            }
            return found;
        }
        ConfigFile found = resource(DEFAULT_RESOURCE, resourceLoader);
        return found != null ? found : resource(SPRING_BOOT_RESOURCE, resourceLoader);
    }

    /** A file on disk is preferred: an absolute path is almost never meant as a resource name. */
    private static ConfigFile configured(String location, ClassLoader resourceLoader) {
        File file = new File(location);
        if (file.isFile() && file.canRead()) {
            try {
                return new ConfigFile(file.toURI().toURL(), "file " + file.getAbsolutePath());
            } catch (MalformedURLException e) {
                AgentLog.debug("cannot turn " + file + " into a URL", e);
            }
        }
        return resource(location, resourceLoader);
    }

    private static ConfigFile resource(String name, ClassLoader resourceLoader) {
        if (resourceLoader == null) {
            return null;
        }
        String resourceName = name.startsWith("/") ? name.substring(1) : name;
        URL url;
        try {
            url = resourceLoader.getResource(resourceName);
        } catch (RuntimeException e) {
            AgentLog.debug("looking up class-path resource " + resourceName + " failed", e);
            return null;
        }
        return url == null ? null : new ConfigFile(url, "class-path resource " + resourceName + " at " + url);
    }
}
