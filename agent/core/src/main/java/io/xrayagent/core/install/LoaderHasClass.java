package io.xrayagent.core.install;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * A cheap gate before any type matching: only class loaders that can see a library's marker class are
 * worth examining for that library. Answers are remembered per loader, weakly.
 */
public final class LoaderHasClass extends ElementMatcher.Junction.AbstractBase<ClassLoader> {
    private final String[] resources;
    private final Map<ClassLoader, Boolean> answers = new WeakHashMap<ClassLoader, Boolean>();

    private LoaderHasClass(String[] classNames) {
        resources = new String[classNames.length];
        for (int i = 0; i < classNames.length; i++) {
            resources[i] = classNames[i].replace('.', '/') + ".class";
        }
    }

    /** Matches loaders that see at least one of the classes. */
    public static LoaderHasClass anyOf(String... classNames) {
        return new LoaderHasClass(classNames);
    }

    @Override
    public boolean matches(ClassLoader loader) {
        if (loader == null) {
            return false;
        }
        synchronized (answers) {
            Boolean known = answers.get(loader);
            if (known == null) {
                known = Boolean.valueOf(sees(loader));
                answers.put(loader, known);
            }
            return known.booleanValue();
        }
    }

    private boolean sees(ClassLoader loader) {
        for (String resource : resources) {
            if (loader.getResource(resource) != null) {
                return true;
            }
        }
        return false;
    }
}
