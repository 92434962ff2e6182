package io.xrayagent.core.sampling;

import io.xrayagent.core.log.AgentLog;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/** Builds the sampler the agent's configuration asks for. */
public final class Samplers {
    private Samplers() {
    }

    /** Every request is sampled. */
    public static Sampler all() {
        return FixedSampler.ALL;
    }

    /** No request is sampled. */
    public static Sampler none() {
        return FixedSampler.NONE;
    }

    /** The built-in default: version 2, no rules, default fixed_target 1, rate 0.05. */
    public static Sampler defaultLocal() {
        return new LocalSampler(SamplingManifest.BUILT_IN);
    }

    /**
     * Rules from JSON text (versions 1 and 2).
     *
     * @throws IllegalArgumentException when the manifest is invalid; the message names the rule and field
     */
    public static Sampler localFromJson(String json) {
        return new LocalSampler(ManifestParser.parse(json));
    }

    /**
     * For the agent: strategy name "ALL", "NONE", "LOCAL" or "CENTRAL" (CENTRAL uses local rules for now),
     * and the manifest location (null = built-in; else a file path, a {@code file:} URL, or a class-path
     * resource looked up through {@code resourceLoader}, which may be null).
     *
     * <p>Never throws: a bad manifest gives one warning naming the location and the problem, then the
     * built-in default rules, because a typo in sampling configuration must not stop the application.
     */
    public static Sampler create(String strategy, String rulesManifest, ClassLoader resourceLoader) {
        String name = strategy == null ? "" : strategy.trim().toUpperCase(Locale.ROOT);
        switch (name) {
            case "ALL":
                return all();
            case "NONE":
                return none();
            case "":
            case "LOCAL":
            case "CENTRAL":
                break;
            default:
                AgentLog.warn("unknown sampling strategy '" + strategy
                        + "' (expected ALL, NONE, LOCAL or CENTRAL); using LOCAL");
        }
        return localFrom(rulesManifest, resourceLoader);
    }

    private static Sampler localFrom(String location, ClassLoader resourceLoader) {
        if (location == null || location.trim().isEmpty()) {
            return defaultLocal();
        }
        String problem;
        try {
            LocalSampler sampler = new LocalSampler(ManifestParser.parse(ManifestSource.read(location.trim(),
                    resourceLoader)));
            AgentLog.debug("sampling rules manifest '" + location + "': " + sampler);
            return sampler;
        } catch (FileNotFoundException e) {
            problem = "was not found (" + e.getMessage() + ")";
        } catch (IOException e) {
            problem = "could not be read (" + e.getMessage() + ")";
        } catch (IllegalArgumentException e) {
            problem = "is invalid: " + e.getMessage();
        } catch (RuntimeException e) {
            // Unexpected (a class loader or file system refusing us); still not worth failing the app over.
            problem = "could not be loaded (" + e + ")";
        }
        AgentLog.warn(oneLine("sampling rules manifest '" + location + "' " + problem
                + "; using the built-in default rules (1 request per second, then 5%)"));
        return defaultLocal();
    }

    /** AgentLog promises one line per message; JSON parser messages may span several. */
    private static String oneLine(String message) {
        return message.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    static Sampler defaultLocal(LongSupplier epochMillis, DoubleSupplier random) {
        return new LocalSampler(SamplingManifest.BUILT_IN, epochMillis, random);
    }

    static Sampler localFromJson(String json, LongSupplier epochMillis, DoubleSupplier random) {
        return new LocalSampler(ManifestParser.parse(json), epochMillis, random);
    }
}
