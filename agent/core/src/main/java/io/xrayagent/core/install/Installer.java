package io.xrayagent.core.install;

import static net.bytebuddy.matcher.ElementMatchers.any;
import static net.bytebuddy.matcher.ElementMatchers.is;
import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import io.xrayagent.bootstrap.CurrentContext;
import io.xrayagent.core.log.AgentLog;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * Finds the instrumentation modules, skips those switched off, and installs the rest with Byte Buddy.
 * Advice is inlined and calls only the bootstrap bridge, so no helper class is ever injected into an
 * application class loader (and nothing uses {@code sun.misc.Unsafe}).
 */
public final class Installer {
    private static final String BYTE_BUDDY_SAFE = "net.bytebuddy.safe";

    private Installer() {
    }

    /** Installs every module found in the agent's loader; returns the names of the modules installed. */
    public static List<String> install(Instrumentation instrumentation, InstallContext context, ClassLoader agentLoader) {
        return install(instrumentation, context, agentLoader, enabled(modules(agentLoader), context));
    }

    /** The modules that the configuration leaves on. */
    public static List<InstrumentationModule> enabled(List<InstrumentationModule> modules, InstallContext context) {
        List<InstrumentationModule> enabled = new ArrayList<InstrumentationModule>();
        for (InstrumentationModule module : modules) {
            String name = module.name();
            if (!context.config().instrumentationEnabled(name)) {
                AgentLog.debug("instrumentation " + name + " is switched off");
            } else if (module.tracesIncomingRequests() && !context.config().traceIncomingRequests()) {
                AgentLog.debug("instrumentation " + name + " is off: traceIncomingRequests=false");
            } else {
                enabled.add(module);
            }
        }
        return enabled;
    }

    /** The class-name prefixes whose loading waits for a deferred install (DeferredInstall). */
    public static String[] triggers(List<InstrumentationModule> modules) {
        List<String> triggers = new ArrayList<String>();
        for (InstrumentationModule module : modules) {
            for (String trigger : module.triggers()) {
                triggers.add(trigger);
            }
        }
        return triggers.toArray(new String[0]);
    }

    /** Installs {@code modules}; returns the names of those installed. */
    public static List<String> install(Instrumentation instrumentation, InstallContext context, ClassLoader agentLoader,
            List<InstrumentationModule> modules) {
        // Byte Buddy probes sun.misc.Unsafe while its injection helpers initialise, which JDK 24+ reports with
        // WARNING lines. The agent never injects classes, so it turns that probing off for its own copy of
        // Byte Buddy (whose classes initialise now), then restores the property for the application.
        String previous = System.getProperty(BYTE_BUDDY_SAFE);
        System.setProperty(BYTE_BUDDY_SAFE, "true");
        try {
            return installModules(instrumentation, context, agentLoader, modules);
        } finally {
            if (previous == null) {
                System.clearProperty(BYTE_BUDDY_SAFE);
            } else {
                System.setProperty(BYTE_BUDDY_SAFE, previous);
            }
        }
    }

    private static List<String> installModules(Instrumentation instrumentation, InstallContext context,
            ClassLoader agentLoader, List<InstrumentationModule> modules) {
        long started = System.nanoTime();
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(new FailureListener())
                // Replaces Byte Buddy's default, which would skip the JDK classes this agent instruments. The
                // agent's own classes, in its loader and in the helper loaders beside libraries, are never woven.
                .ignore(any(), is(agentLoader).or(HelperClassLoader.MATCHER))
                .or(nameStartsWith("io.xrayagent.bootstrap.")
                        .or(nameStartsWith("io.xrayagent.entry."))
                        .or(nameStartsWith("net.bytebuddy."))
                        .or(nameContains("$$Lambda")))
                // Woven JDK classes live in named modules, which must be allowed to read the bridge.
                .assureReadEdgeTo(instrumentation, CurrentContext.class);
        List<String> installed = new ArrayList<String>();
        for (InstrumentationModule module : modules) {
            String name = module.name();
            try {
                builder = module.extend(builder, context);
                installed.add(name);
            } catch (Throwable t) {
                AgentLog.warn("instrumentation " + name + " could not be set up and is skipped: " + t);
            }
        }
        long extended = System.nanoTime();
        addReadEdges(instrumentation);
        builder.installOn(instrumentation);
        AgentLog.debug("instrumentations: rules built in " + (extended - started) / 1_000_000 + " ms, installed in "
                + (System.nanoTime() - extended) / 1_000_000 + " ms");
        return installed;
    }

    /** JDK classes in these named modules are woven; their advice calls the bridge. */
    static final String[] WOVEN_JDK_MODULES_BY_CLASS = {
        "java.lang.Object", "java.net.http.HttpClient", "com.sun.net.httpserver.HttpServer"};

    /**
     * Lets the JDK modules whose classes are woven read the bridge's module (the boot loader's unnamed one).
     * Byte Buddy adds such edges only when its transformer is given the module, which the deferred install's
     * Java 8 call path does not do. Nothing to do on Java 8, or for a module this JDK lacks.
     */
    static void addReadEdges(Instrumentation instrumentation) {
        if (!JavaModule.isSupported()) {
            return;
        }
        JavaModule bridge = JavaModule.ofType(CurrentContext.class);
        for (String name : WOVEN_JDK_MODULES_BY_CLASS) {
            try {
                JavaModule module = JavaModule.ofType(Class.forName(name, false, null));
                if (module.isNamed() && !module.canRead(bridge)) {
                    // Instrumentation.redefineModule is Java 9 API; this code is compiled for Java 8.
                    Class<?> moduleType = Class.forName("java.lang.Module");
                    Instrumentation.class.getMethod("redefineModule", moduleType, Set.class, Map.class, Map.class,
                            Set.class, Map.class).invoke(instrumentation, module.unwrap(),
                            Collections.singleton(bridge.unwrap()), Collections.emptyMap(), Collections.emptyMap(),
                            Collections.emptySet(), Collections.emptyMap());
                }
            } catch (ClassNotFoundException e) {
                AgentLog.debug(name + " is not in this JDK");
            } catch (ReflectiveOperationException e) {
                AgentLog.debug("could not let the module of " + name + " read the bridge", e);
            } catch (RuntimeException e) {
                AgentLog.debug("could not let the module of " + name + " read the bridge", e);
            }
        }
    }

    public static List<InstrumentationModule> modules(ClassLoader agentLoader) {
        List<InstrumentationModule> modules = new ArrayList<InstrumentationModule>();
        Iterator<InstrumentationModule> found = ServiceLoader.load(InstrumentationModule.class, agentLoader).iterator();
        while (true) {
            try {
                if (!found.hasNext()) {
                    break;
                }
                modules.add(found.next());
            } catch (ServiceConfigurationError e) {
                AgentLog.warn("an instrumentation could not be loaded and is skipped: " + e.getMessage());
            }
        }
        return modules;
    }

    /** One line per type that could not be woven; the type then runs untraced. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                Throwable throwable) {
            AgentLog.warn("could not instrument " + typeName + ", it runs untraced: " + throwable);
        }

        @Override
        public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
                boolean loaded, net.bytebuddy.dynamic.DynamicType dynamicType) {
            if (AgentLog.isDebugEnabled()) {
                AgentLog.debug("instrumented " + typeDescription.getName());
            }
        }
    }
}
