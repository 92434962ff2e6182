package io.xrayagent.core;

import io.xrayagent.bootstrap.ContextPropagation;
import io.xrayagent.core.config.AgentConfig;
import io.xrayagent.core.config.SegmentNamingStrategy;
import io.xrayagent.core.emit.AgentIdentity;
import io.xrayagent.core.emit.UdpEmitter;
import io.xrayagent.core.install.DeferredInstall;
import io.xrayagent.core.install.InstallContext;
import io.xrayagent.core.install.Installer;
import io.xrayagent.core.install.InstrumentationModule;
import io.xrayagent.core.log.AgentLog;
import io.xrayagent.core.recorder.HttpClientRecorder;
import io.xrayagent.core.recorder.HttpServerRecorder;
import io.xrayagent.core.recorder.SegmentNaming;
import io.xrayagent.core.sampling.Sampler;
import io.xrayagent.core.sampling.Samplers;
import io.xrayagent.core.trace.ContextMissingReporter;
import io.xrayagent.core.trace.Tracer;
import java.lang.instrument.Instrumentation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** Runs in the agent's own class loader, called once by the premain entry. */
public final class AgentStarter {
    private AgentStarter() {
    }

    public static void start(String agentArgs, Instrumentation instrumentation, final String version) {
        final long started = System.nanoTime();
        final ClassLoader agentLoader = AgentStarter.class.getClassLoader();
        final AgentConfig config = AgentConfig.load(agentArgs, systemProperties(), System.getenv(),
                ClassLoader.getSystemClassLoader());
        AgentLog.setLevel(config.logLevel());
        if (!config.tracingEnabled()) {
            AgentLog.info("xray-agent " + version + " is installed but tracing is disabled (tracingEnabled=false)");
            return;
        }
        Sampler sampler = Samplers.create(config.samplingStrategy().name(), config.samplingRulesManifest(),
                ClassLoader.getSystemClassLoader());
        final UdpEmitter emitter = new UdpEmitter(config.daemonAddress(), config.emitterQueueSize(),
                config.maxDatagramBytes(), AgentIdentity.ofThisJvm(version));
        Tracer tracer = new Tracer(emitter, config.streamingThreshold(), config.maxStackTraceLength(),
                new ContextMissingReporter(config.contextMissingStrategy()));
        SegmentNaming naming = config.segmentNaming() == SegmentNamingStrategy.DYNAMIC
                ? SegmentNaming.dynamic(config.serviceName(), config.dynamicNamingRecognizedHosts())
                : SegmentNaming.fixed(config.serviceName());
        HttpServerRecorder server = new HttpServerRecorder(tracer, sampler, naming, null);
        ContextPropagation.enable(config.contextPropagation());
        HttpClientRecorder client = new HttpClientRecorder(tracer);
        Runtime.getRuntime().addShutdownHook(new Thread(new Runnable() {
            @Override
            public void run() {
                // Segments of the last requests are still queued: give them a moment to leave.
                emitter.shutdown(1, TimeUnit.SECONDS);
            }
        }, "xray-agent-shutdown"));
        final InstallContext context = new InstallContext(config, tracer, server, client, agentLoader);
        final List<InstrumentationModule> modules = Installer.enabled(Installer.modules(agentLoader), context);
        final long beforeInstall = System.nanoTime();
        DeferredInstall.start(instrumentation, Installer.triggers(modules), new DeferredInstall.Task() {
            @Override
            public void install(Instrumentation redirected) {
                List<String> installed = Installer.install(redirected, context, agentLoader, modules);
                AgentLog.debug("configuration, sampler and emitter took "
                        + TimeUnit.NANOSECONDS.toMillis(beforeInstall - started) + " ms, installing the instrumentations "
                        + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - beforeInstall) + " ms");
                AgentLog.info("xray-agent " + version + " started: service \"" + config.serviceName() + "\", daemon "
                        + config.daemonAddress() + ", sampling " + config.samplingStrategy()
                        + (config.samplingRulesManifest() == null ? "" : " (" + config.samplingRulesManifest() + ")")
                        + ", instrumentations " + installed
                        + (AgentLog.isDebugEnabled()
                                ? ", started in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms"
                                : ""));
            }
        });
    }

    private static Map<String, String> systemProperties() {
        Properties properties = System.getProperties();
        Map<String, String> copy = new HashMap<String, String>();
        for (String name : properties.stringPropertyNames()) {
            copy.put(name, properties.getProperty(name));
        }
        return copy;
    }
}
