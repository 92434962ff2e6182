package io.xrayagent.smoke.clients;

import java.nio.file.Path;
import java.util.List;

/** The HTTP-client contract for one OkHttp version, driven through {@code execute} ("sync") and {@code enqueue} ("async"). */
abstract class OkHttpContract extends HttpClientContract {
    static final String DIR = "smoke.clients.okhttp.dir";
    static final String DRIVER = "io.xrayagent.smoke.clients.OkHttpDriver";

    private final String version;

    /** {@code version}: the folder under clients/ with that version's jars, e.g. okhttp-4.12. */
    OkHttpContract(String version, Path jdk) {
        super(version, jdk);
        this.version = version;
    }

    @Override
    protected String driverClass() {
        return DRIVER;
    }

    @Override
    protected List<String> libraryClassPath() {
        return List.of(appClasses(DIR), libraryJars(DIR, version));
    }
}
