package io.xrayagent.core.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;

/** A located {@code xray-agent.json}: where it is, and a description of it for the user. */
final class ConfigFile {
    final URL url;
    final String description;

    ConfigFile(URL url, String description) {
        this.url = url;
        this.description = description;
    }

    InputStream open() throws IOException {
        URLConnection connection = url.openConnection();
        // A cached jar connection would keep the application's jar open after the agent has read one entry.
        connection.setUseCaches(false);
        return connection.getInputStream();
    }
}
