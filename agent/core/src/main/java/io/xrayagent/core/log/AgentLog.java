package io.xrayagent.core.log;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The agent's own log: one line per message on standard error, prefixed {@code [xray-agent]}.
 *
 * <p>Deliberately not java.util.logging or any logging library: the agent must not initialise or configure
 * the application's logging, and its output must stay the same whatever the application uses. By default
 * it prints the one startup line and warnings about the user's own configuration; {@code logLevel=debug}
 * adds internal detail.
 */
public final class AgentLog {
    public enum Level {
        OFF, ERROR, WARN, INFO, DEBUG;

        /** Parses a level name, case-insensitively; null when the name is unknown. */
        public static Level parse(String name) {
            if (name == null) {
                return null;
            }
            String upper = name.trim().toUpperCase(Locale.ROOT);
            if (upper.equals("WARNING")) {
                return WARN;
            }
            if (upper.equals("TRACE") || upper.equals("ALL")) {
                return DEBUG;
            }
            for (Level level : values()) {
                if (level.name().equals(upper)) {
                    return level;
                }
            }
            return null;
        }
    }

    private static volatile Level threshold = Level.INFO;
    private static volatile PrintStream out = System.err;

    private AgentLog() {
    }

    /** A null level is ignored: every log call reads the threshold, on every thread, the emitter's included. */
    public static void setLevel(Level level) {
        if (level != null) {
            threshold = level;
        }
    }

    public static Level level() {
        return threshold;
    }

    /** For tests that read what the agent printed. */
    public static void setOutput(PrintStream stream) {
        out = stream;
    }

    public static boolean isDebugEnabled() {
        return threshold.compareTo(Level.DEBUG) >= 0;
    }

    public static void error(String message) {
        log(Level.ERROR, message, null);
    }

    public static void error(String message, Throwable cause) {
        log(Level.ERROR, message, cause);
    }

    public static void warn(String message) {
        log(Level.WARN, message, null);
    }

    public static void info(String message) {
        log(Level.INFO, message, null);
    }

    public static void debug(String message) {
        log(Level.DEBUG, message, null);
    }

    public static void debug(String message, Throwable cause) {
        log(Level.DEBUG, message, cause);
    }

    private static void log(Level level, String message, Throwable cause) {
        if (threshold.compareTo(level) < 0 || level == Level.OFF) {
            return;
        }
        StringBuilder line = new StringBuilder(message.length() + 40);
        line.append("[xray-agent] ").append(level.name()).append(' ').append(message);
        if (cause != null) {
            // One line by default; the stack only when the user asked for debug output.
            line.append(": ").append(cause);
        }
        PrintStream stream = out;
        stream.println(line);
        if (cause != null && isDebugEnabled()) {
            cause.printStackTrace(stream);
        }
    }
}
