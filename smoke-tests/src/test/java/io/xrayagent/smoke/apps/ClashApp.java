package io.xrayagent.smoke.apps;

import java.io.StringWriter;

/**
 * An application that bundles its own Jackson and Byte Buddy, of other versions than the agent's. It uses
 * both (through reflection, so that this module compiles without them), reports which copies it got, and
 * then serves HTTP like {@link HttpServiceApp}.
 */
public final class ClashApp {
    private ClashApp() {
    }

    public static void main(String[] args) throws Exception {
        Class<?> factoryType = Class.forName("com.fasterxml.jackson.core.JsonFactory");
        Object factory = factoryType.getConstructor().newInstance();
        StringWriter json = new StringWriter();
        Object generator = factoryType.getMethod("createGenerator", java.io.Writer.class).invoke(factory, json);
        generator.getClass().getMethod("writeStartObject").invoke(generator);
        generator.getClass().getMethod("writeStringField", String.class, String.class).invoke(generator, "app", "clash");
        generator.getClass().getMethod("writeEndObject").invoke(generator);
        generator.getClass().getMethod("close").invoke(generator);
        System.out.println("JACKSON " + factoryType.getMethod("version").invoke(factory) + " "
                + factoryType.getProtectionDomain().getCodeSource().getLocation() + " " + json);

        Class<?> byteBuddy = Class.forName("net.bytebuddy.ByteBuddy");
        Object builder = byteBuddy.getMethod("subclass", Class.class).invoke(byteBuddy.getConstructor().newInstance(), Object.class);
        Object unloaded = builder.getClass().getMethod("make").invoke(builder);
        System.out.println("BYTEBUDDY " + byteBuddy.getProtectionDomain().getCodeSource().getLocation() + " "
                + unloaded.getClass().getMethod("getTypeDescription").invoke(unloaded));
        HttpServiceApp.main(args);
    }
}
