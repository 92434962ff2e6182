package io.xrayagent.core.config;

import io.xrayagent.core.log.AgentLog;
import java.util.Locale;
import java.util.regex.Pattern;

/** The value types of the configuration keys. */
final class ValueTypes {
    /** X-Ray rejects a segment whose name breaks these rules, so a bad name would lose every trace. */
    private static final Pattern SEGMENT_NAME = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/%&#=+\\\\\\-@]{1,200}");

    static final ValueType<Boolean> BOOLEAN = new ValueType<Boolean>() {
        @Override
        Boolean parse(String raw) {
            String text = raw.trim();
            if (text.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (text.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException("expected true or false");
        }
    };

    static final ValueType<String> SERVICE_NAME = new QuotedText() {
        @Override
        String parse(String raw) {
            String text = raw.trim();
            if (!SEGMENT_NAME.matcher(text).matches()) {
                throw new IllegalArgumentException("expected 1 to 200 letters, digits, spaces or _ . : / % & # = + \\ - @");
            }
            return text;
        }
    };

    /** A file path or resource name; whether it exists is for its reader to find out. */
    static final ValueType<String> LOCATION = new QuotedText() {
        @Override
        String parse(String raw) {
            return raw.trim();
        }
    };

    /** Kept exactly as written: leading or trailing spaces may be wanted in a log prefix. */
    static final ValueType<String> VERBATIM = new QuotedText() {
        @Override
        String parse(String raw) {
            return raw;
        }
    };

    static final ValueType<DaemonAddress> DAEMON_ADDRESS = new ValueType<DaemonAddress>() {
        @Override
        DaemonAddress parse(String raw) {
            return DaemonAddressParser.parse(raw);
        }
    };

    static final ValueType<ContextMissingStrategy> CONTEXT_MISSING = new ValueType<ContextMissingStrategy>() {
        @Override
        ContextMissingStrategy parse(String raw) {
            String text = raw.trim().toUpperCase(Locale.ROOT);
            if (text.equals(RUNTIME_ERROR)) {
                return ContextMissingStrategy.LOG_ERROR;
            }
            for (ContextMissingStrategy strategy : ContextMissingStrategy.values()) {
                if (strategy.name().equals(text)) {
                    return strategy;
                }
            }
            throw new IllegalArgumentException("expected LOG_ERROR or IGNORE_ERROR");
        }
    };

    static final String RUNTIME_ERROR = "RUNTIME_ERROR";

    static final ValueType<SamplingStrategy> SAMPLING_STRATEGY = enumeration(SamplingStrategy.class);
    static final ValueType<SegmentNamingStrategy> SEGMENT_NAMING = enumeration(SegmentNamingStrategy.class);

    static final ValueType<AgentLog.Level> LOG_LEVEL = new ValueType<AgentLog.Level>() {
        @Override
        AgentLog.Level parse(String raw) {
            AgentLog.Level level = AgentLog.Level.parse(raw);
            if (level == null) {
                throw new IllegalArgumentException("expected one of OFF, ERROR, WARN, INFO, DEBUG");
            }
            return level;
        }
    };

    private ValueTypes() {
    }

    static ValueType<Integer> integer(final int min, final int max) {
        return new ValueType<Integer>() {
            @Override
            Integer parse(String raw) {
                int value;
                try {
                    value = Integer.parseInt(raw.trim());
                } catch (NumberFormatException e) {
                    throw outOfRange();
                }
                if (value < min || value > max) {
                    throw outOfRange();
                }
                return value;
            }

            private IllegalArgumentException outOfRange() {
                return new IllegalArgumentException(max == Integer.MAX_VALUE
                        ? "expected a whole number of at least " + min
                        : "expected a whole number from " + min + " to " + max);
            }
        };
    }

    static <E extends Enum<E>> ValueType<E> enumeration(final Class<E> type) {
        return new ValueType<E>() {
            @Override
            E parse(String raw) {
                String text = raw.trim().toUpperCase(Locale.ROOT);
                StringBuilder names = new StringBuilder();
                for (E constant : type.getEnumConstants()) {
                    if (constant.name().equals(text)) {
                        return constant;
                    }
                    names.append(names.length() == 0 ? "" : ", ").append(constant.name());
                }
                throw new IllegalArgumentException("expected one of " + names);
            }
        };
    }

    private abstract static class QuotedText extends ValueType<String> {
        @Override
        String display(String value) {
            return value == null ? super.display(null) : LogText.quote(value);
        }
    }
}
