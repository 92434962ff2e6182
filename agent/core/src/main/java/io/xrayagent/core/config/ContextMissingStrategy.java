package io.xrayagent.core.config;

/**
 * What to do when instrumented code runs with no current segment.
 *
 * <p>The official value {@code RUNTIME_ERROR} is accepted in configuration but means {@link #LOG_ERROR}
 * here: an agent must never throw into the application it observes.
 */
public enum ContextMissingStrategy {
    LOG_ERROR,
    IGNORE_ERROR
}
