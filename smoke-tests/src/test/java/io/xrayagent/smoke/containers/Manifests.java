package io.xrayagent.smoke.containers;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The example manifests of deploy/, read as a user's tools read them. */
final class Manifests {
    private static final Pattern KUBERNETES_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private Manifests() {
    }

    static Path path(String relative) {
        Path file = Paths.get(System.getProperty("smoke.containers.deploy.dir", "../deploy")).resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no such file in deploy/: " + file.toAbsolutePath());
        }
        return file.toAbsolutePath();
    }

    /** Every document of a YAML file (JSON is read too: it is YAML). */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String relative) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(path(relative))) {
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (document != null) {
                    documents.add((Map<String, Object>) document);
                }
            }
        }
        return documents;
    }

    static Map<String, Object> only(String relative) throws IOException {
        List<Map<String, Object>> documents = documents(relative);
        if (documents.size() != 1) {
            throw new AssertionError(relative + " should hold one document, not " + documents.size());
        }
        return documents.get(0);
    }

    /** The Kubernetes object of {@code kind} in a file. */
    static Map<String, Object> kind(String relative, String kind) throws IOException {
        for (Map<String, Object> document : documents(relative)) {
            if (kind.equals(document.get("kind"))) {
                return document;
            }
        }
        throw new AssertionError("no " + kind + " in " + relative);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        if (!(value instanceof Map)) {
            throw new AssertionError(what + " should be a mapping, not " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value, String what) {
        if (!(value instanceof List)) {
            throw new AssertionError(what + " should be a list, not " + value);
        }
        return (List<Object>) value;
    }

    static List<Map<String, Object>> maps(Object value, String what) {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object item : list(value, what)) {
            maps.add(map(item, "an item of " + what));
        }
        return maps;
    }

    static String string(Map<String, Object> object, String key, String what) {
        Object value = object.get(key);
        if (!(value instanceof String) || ((String) value).isEmpty()) {
            throw new AssertionError(what + "." + key + " should be a non-empty string, not " + value);
        }
        return (String) value;
    }

    /** The named item of a list of {@code name:} mappings (containers, env, volumes, ports). */
    static Map<String, Object> named(Object list, String name, String what) {
        for (Map<String, Object> item : maps(list, what)) {
            if (name.equals(item.get("name"))) {
                return item;
            }
        }
        throw new AssertionError("no " + name + " in " + what);
    }

    /** A pod template's containers or init containers. */
    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(map(map(workload.get("spec"), "spec").get("template"), "spec.template").get("spec"),
                "spec.template.spec");
    }

    /**
     * A container's environment as Kubernetes hands it to the process: {@code $(NAME)} replaced by the value of
     * an entry above it in the same list (anything else is left as written, as Kubernetes does).
     */
    static Map<String, String> kubernetesEnvironment(Map<String, Object> container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Map<String, Object> entry : maps(container.get("env"), "env of " + container.get("name"))) {
            String value = entry.get("value") == null ? "" : String.valueOf(entry.get("value"));
            Matcher matcher = KUBERNETES_REFERENCE.matcher(value);
            StringBuilder expanded = new StringBuilder();
            while (matcher.find()) {
                String known = environment.get(matcher.group(1));
                matcher.appendReplacement(expanded, Matcher.quoteReplacement(known != null ? known : matcher.group()));
            }
            matcher.appendTail(expanded);
            environment.put(string(entry, "name", "env entry"), expanded.toString());
        }
        return environment;
    }

    static List<String> strings(Object value, String what) {
        List<String> strings = new ArrayList<>();
        for (Object item : list(value, what)) {
            if (!(item instanceof String)) {
                throw new AssertionError(what + " should hold strings, not " + item);
            }
            strings.add((String) item);
        }
        return strings;
    }
}
