package io.xrayagent.instrumentation.httpurlconnection;

import io.xrayagent.bootstrap.HttpUrlConnectionBridge;
import java.net.HttpURLConnection;
import net.bytebuddy.asm.Advice;

/** Inlined into the JDK's HttpURLConnection; each method only reports its phase to the bridge. */
public final class ConnectionAdvice {
    private ConnectionAdvice() {
    }

    public static final class Connect {
        private Connect() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This HttpURLConnection connection) {
            HttpUrlConnectionBridge.enter(connection, HttpUrlConnectionBridge.CONNECT);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.This HttpURLConnection connection, @Advice.Thrown Throwable thrown) {
            HttpUrlConnectionBridge.exit(connection, HttpUrlConnectionBridge.CONNECT, thrown);
        }
    }

    public static final class Output {
        private Output() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This HttpURLConnection connection) {
            HttpUrlConnectionBridge.enter(connection, HttpUrlConnectionBridge.OUTPUT);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.This HttpURLConnection connection, @Advice.Thrown Throwable thrown) {
            HttpUrlConnectionBridge.exit(connection, HttpUrlConnectionBridge.OUTPUT, thrown);
        }
    }

    public static final class Input {
        private Input() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.This HttpURLConnection connection) {
            HttpUrlConnectionBridge.enter(connection, HttpUrlConnectionBridge.INPUT);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.This HttpURLConnection connection, @Advice.Thrown Throwable thrown) {
            HttpUrlConnectionBridge.exit(connection, HttpUrlConnectionBridge.INPUT, thrown);
        }
    }
}
