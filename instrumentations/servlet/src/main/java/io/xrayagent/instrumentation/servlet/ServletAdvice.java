package io.xrayagent.instrumentation.servlet;

import io.xrayagent.bootstrap.ContextPropagation;
import io.xrayagent.bootstrap.ServletBridge;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into servlets, filters, responses and async contexts of both namespaces: the arguments are taken
 * as plain Objects (or JDK types), so one advice class serves javax and jakarta alike.
 */
public final class ServletAdvice {
    private ServletAdvice() {
    }

    /** {@code Servlet.service(request, response)} and {@code Filter.doFilter(request, response, chain)}. */
    public static final class Service {
        private Service() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static Object enter(@Advice.Argument(0) Object request, @Advice.Argument(1) Object response) {
            return ServletBridge.enter(request, response);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        public static void exit(@Advice.Enter Object scope, @Advice.Argument(0) Object request,
                @Advice.Argument(1) Object response, @Advice.Thrown Throwable thrown) {
            ServletBridge.exit(scope, request, response, thrown);
        }
    }

    /** {@code ServletResponse.setContentLength(int)}. */
    public static final class IntLength {
        private IntLength() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) int length) {
            ServletBridge.contentLength(length);
        }
    }

    /** {@code ServletResponse.setContentLengthLong(long)}. */
    public static final class LongLength {
        private LongLength() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) long length) {
            ServletBridge.contentLength(length);
        }
    }

    /** {@code HttpServletResponse.setHeader/addHeader(String, String)}. */
    public static final class Header {
        private Header() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) String name, @Advice.Argument(1) String value) {
            ServletBridge.header(name, value);
        }
    }

    /** {@code HttpServletResponse.setIntHeader/addIntHeader(String, int)}. */
    public static final class IntHeader {
        private IntHeader() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(0) String name, @Advice.Argument(1) int value) {
            ServletBridge.header(name, value);
        }
    }

    /** {@code ServletResponse.reset()}: it drops every header, the trace header too. */
    public static final class Reset {
        private Reset() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        public static void exit(@Advice.This Object response) {
            ServletBridge.responseReset(response);
        }
    }

    /** {@code AsyncContext.start(Runnable)}: the task runs on a container thread with the request's context. */
    public static final class AsyncStart {
        private AsyncStart() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        public static void enter(@Advice.Argument(value = 0, readOnly = false) Runnable task) {
            task = ContextPropagation.wrap(task);
        }
    }
}
