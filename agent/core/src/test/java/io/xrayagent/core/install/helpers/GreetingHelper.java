package io.xrayagent.core.install.helpers;

import io.xrayagent.core.install.Greeting;
import java.net.URLClassLoader;

/** A library-facing helper: it uses a "library" type (URLClassLoader stands in) and an agent interface. */
public final class GreetingHelper implements Greeting {
    private final Class<?> library = URLClassLoader.class;

    @Override
    public String greet() {
        return "hello from " + getClass().getClassLoader().getClass().getSimpleName() + " using " + library.getSimpleName();
    }
}
