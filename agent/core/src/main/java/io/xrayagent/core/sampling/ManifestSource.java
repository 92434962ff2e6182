package io.xrayagent.core.sampling;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Reads the text of a rules manifest from where the user said it is: a {@code file:} URL, a file path, or
 * failing both a class-path resource.
 */
final class ManifestSource {
    /** Manifests are a few kilobytes; a limit keeps a wrong path (a log, a device) from filling the heap. */
    static final int MAX_BYTES = 1024 * 1024;

    private ManifestSource() {
    }

    /**
     * @param resourceLoader where to look for a class-path resource; null means the system class loader,
     *                       which sees the application's class path
     * @throws FileNotFoundException when the location is neither a file nor a resource
     * @throws IOException           when it exists but cannot be read
     */
    static String read(String location, ClassLoader resourceLoader) throws IOException {
        if (location.regionMatches(true, 0, "file:", 0, 5)) {
            return readFile(fileUrlToPath(location));
        }
        Path path = toPathOrNull(location);
        if (path != null && Files.exists(path)) {
            return readFile(path);
        }
        URL resource = findResource(location, resourceLoader);
        if (resource == null) {
            throw new FileNotFoundException("no such file or class-path resource");
        }
        return readUrl(resource);
    }

    private static Path fileUrlToPath(String location) throws IOException {
        try {
            URI uri = new URI(location);
            // "file:rules.json" is an opaque URI that Paths.get refuses; it means a relative path.
            return uri.isOpaque() ? Paths.get(uri.getSchemeSpecificPart()) : Paths.get(uri);
        } catch (URISyntaxException | IllegalArgumentException e) { // including InvalidPathException
            throw new IOException("not a usable file: URL (" + e.getMessage() + ")", e);
        }
    }

    private static Path toPathOrNull(String location) {
        try {
            return Paths.get(location);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static URL findResource(String location, ClassLoader resourceLoader) {
        ClassLoader loader = resourceLoader != null ? resourceLoader : ClassLoader.getSystemClassLoader();
        String name = location.startsWith("/") ? location.substring(1) : location;
        return name.isEmpty() ? null : loader.getResource(name);
    }

    private static String readFile(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new FileNotFoundException("no such file: " + path);
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException("not a regular file: " + path);
        }
        if (Files.size(path) > MAX_BYTES) {
            throw new IOException("larger than " + MAX_BYTES + " bytes: " + path);
        }
        try (InputStream in = Files.newInputStream(path)) {
            return readLimited(in);
        }
    }

    private static String readUrl(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        // A cached JarFile would keep the agent's view of a jar stale and, on Windows, keep it locked.
        connection.setUseCaches(false);
        try (InputStream in = connection.getInputStream()) {
            return readLimited(in);
        }
    }

    private static String readLimited(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        byte[] buffer = new byte[4096];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (bytes.size() + n > MAX_BYTES) {
                throw new IOException("larger than " + MAX_BYTES + " bytes");
            }
            bytes.write(buffer, 0, n);
        }
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }
}
