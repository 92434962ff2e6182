package io.xrayagent.core.install.helpers;

import io.xrayagent.core.install.Greeting;

/** Checks for a member the "library" lacks, as the servlet adapter checks for Servlet 3.0. */
public final class TooOldLibraryHelper implements Greeting {
    public TooOldLibraryHelper() throws NoSuchMethodException {
        String.class.getMethod("isAsyncStarted");
    }

    @Override
    public String greet() {
        return "unreachable";
    }
}
