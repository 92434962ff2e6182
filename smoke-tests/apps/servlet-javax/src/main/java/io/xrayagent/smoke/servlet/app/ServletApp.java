package io.xrayagent.smoke.servlet.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.servlet.AsyncContext;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.FilterConfig;
import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The servlets and the filter of the container matrix, the same on every container; each launcher
 * ({@code TomcatLauncher}, {@code JettyLauncher}, {@code UndertowLauncher}) registers them as they are here.
 *
 * <p>Written once against the javax servlet API: the jakarta build (smoke-tests/apps/servlet-jakarta) generates
 * its copy of this file by replacing the package names, so both variants always serve the same endpoints.
 *
 * <p>Launchers take {@code <port> [<downstream base URL>]}, bind 127.0.0.1 and print {@code LISTENING <port>}.
 */
@SuppressWarnings("serial")
public final class ServletApp {
    public static final String FILTER_NAME = "pass-through";
    public static final String FILTER_PATH = "/*";

    /** The application's own threads, so that async work runs outside the container's pool. */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "app-worker");
        thread.setDaemon(true);
        return thread;
    });

    private ServletApp() {
    }

    /** A servlet and the paths it serves. */
    public record Mapping(String name, Servlet servlet, List<String> paths) {
    }

    public static List<Mapping> servlets(String downstream) {
        return List.of(
                new Mapping("hello", new HelloServlet(), List.of("/hello")),
                new Mapping("forward", new ForwardServlet(), List.of("/forward")),
                new Mapping("include", new IncludeServlet(), List.of("/include")),
                new Mapping("call", new CallServlet(downstream), List.of("/call")),
                new Mapping("fail", new FailServlet(), List.of("/fail")),
                new Mapping("status", new StatusServlet(), List.of("/status")),
                new Mapping("echo", new EchoServlet(), List.of("/echo", "/echo/*")),
                new Mapping("async", new AsyncCallServlet(downstream), List.of("/async")),
                new Mapping("async-dispatch", new AsyncDispatchServlet(), List.of("/async-dispatch")),
                new Mapping("async-timeout", new AsyncTimeoutServlet(), List.of("/async-timeout")),
                new Mapping("async-error", new AsyncErrorServlet(), List.of("/async-error")));
    }

    /** Mapped to {@value #FILTER_PATH} for every dispatcher type, as frameworks register theirs. */
    public static Filter filter() {
        return new PassThroughFilter();
    }

    public static int port(String[] args) {
        return args.length > 0 ? Integer.parseInt(args[0]) : 8080;
    }

    public static String downstream(String[] args) {
        return args.length > 1 ? args[1] : null;
    }

    public static void listening(int port) {
        System.out.println("LISTENING " + port);
        System.out.flush();
    }

    static final class PassThroughFilter implements Filter {
        @Override
        public void init(FilterConfig config) {
        }

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(request, response);
        }

        @Override
        public void destroy() {
        }
    }

    static final class HelloServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            response.setContentType("text/plain");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    static final class ForwardServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            request.getRequestDispatcher("/hello").forward(request, response);
        }
    }

    static final class IncludeServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            // An included servlet may not set headers, so the including one names the type.
            response.setContentType("text/plain");
            request.getRequestDispatcher("/hello").include(request, response);
        }
    }

    static final class CallServlet extends HttpServlet {
        private final String downstream;

        CallServlet(String downstream) {
            this.downstream = downstream;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            text(response, 200, "downstream " + get(downstream + "/hello"));
        }
    }

    static final class FailServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            throw new RuntimeException("boom");
        }
    }

    static final class StatusServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            int code = Integer.parseInt(request.getParameter("code"));
            text(response, code, "status " + code);
        }
    }

    /** Answers any method with what the application saw of the request, to compare runs with and without the agent. */
    static final class EchoServlet extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            text(response, 200, "method=" + request.getMethod()
                    + "\nuri=" + request.getRequestURI()
                    + "\nquery=" + request.getQueryString()
                    + "\npath-info=" + request.getPathInfo()
                    + "\ntrace=" + request.getHeader("X-Amzn-Trace-Id")
                    + "\nforwarded-for=" + request.getHeader("X-Forwarded-For")
                    + "\nremote=" + request.getRemoteAddr() + "\n");
        }
    }

    static final class AsyncCallServlet extends HttpServlet {
        private final String downstream;

        AsyncCallServlet(String downstream) {
            this.downstream = downstream;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            async.setTimeout(20_000);
            async.start(() -> {
                try {
                    text((HttpServletResponse) async.getResponse(), 200, "async downstream " + get(downstream + "/hello"));
                } catch (IOException e) {
                    e.printStackTrace();
                } finally {
                    async.complete();
                }
            });
        }
    }

    static final class AsyncDispatchServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            async.setTimeout(20_000);
            WORKERS.execute(() -> async.dispatch("/hello"));
        }
    }

    static final class AsyncTimeoutServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            request.startAsync().setTimeout(300);
        }
    }

    static final class AsyncErrorServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            AsyncContext async = request.startAsync();
            async.setTimeout(20_000);
            WORKERS.execute(() -> {
                try {
                    ((HttpServletResponse) async.getResponse()).sendError(503);
                } catch (IOException e) {
                    e.printStackTrace();
                } finally {
                    async.complete();
                }
            });
        }
    }

    static void text(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }

    /** GET with HttpURLConnection; returns the status, or the failure. */
    static String get(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
            connection.setConnectTimeout(2000);
            connection.setReadTimeout(10_000);
            int status = connection.getResponseCode();
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            if (in != null) {
                try (InputStream stream = in) {
                    stream.transferTo(new ByteArrayOutputStream());
                }
            }
            return String.valueOf(status);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
