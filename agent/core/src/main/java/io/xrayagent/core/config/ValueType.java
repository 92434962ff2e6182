package io.xrayagent.core.config;

/** How the raw text of one kind of setting becomes a typed value, and how that value is shown in warnings. */
abstract class ValueType<T> {
    /** @throws IllegalArgumentException whose message says what would have been accepted */
    abstract T parse(String raw);

    String display(T value) {
        return value == null ? "the built-in default" : String.valueOf(value);
    }
}
