package io.xrayagent.core.install;

/** An agent-side interface that library-facing helpers implement (as ServletApi is). */
public interface Greeting {
    String greet();
}
