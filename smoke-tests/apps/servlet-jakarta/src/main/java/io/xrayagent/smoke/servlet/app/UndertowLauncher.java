package io.xrayagent.smoke.servlet.app;

import io.undertow.Undertow;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.FilterInfo;
import io.undertow.servlet.api.ServletInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Undertow serving {@link ServletApp}. Written against jakarta.servlet directly: Undertow 2.3, the version
 * tested, exists only for jakarta.
 */
public final class UndertowLauncher {
    private static final String ERROR_PAGE = "/error-page";

    private UndertowLauncher() {
    }

    /** Answers every error with a short text; the status stays the one the container chose. */
    static final class ErrorPage extends HttpServlet {
        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write("error " + response.getStatus());
        }
    }

    public static void main(String[] args) throws Exception {
        DeploymentInfo deployment = Servlets.deployment()
                .setClassLoader(UndertowLauncher.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("servlet-app");
        for (ServletApp.Mapping mapping : ServletApp.servlets(ServletApp.downstream(args))) {
            ServletInfo servlet = servletInfo(mapping.name(), mapping.servlet()).setAsyncSupported(true);
            mapping.paths().forEach(servlet::addMapping);
            deployment.addServlet(servlet);
        }
        // An error page, as Spring Boot and WildFly deployments have: without one, Undertow writes its built-in
        // page after clearing the response headers, outside any servlet, and the trace header cannot come back.
        deployment.addServlet(servletInfo("error-page", new ErrorPage()).addMapping(ERROR_PAGE));
        deployment.addErrorPage(Servlets.errorPage(ERROR_PAGE));
        deployment.addFilter(filterInfo(ServletApp.FILTER_NAME, ServletApp.filter()).setAsyncSupported(true));
        for (DispatcherType type : DispatcherType.values()) {
            deployment.addFilterUrlMapping(ServletApp.FILTER_NAME, ServletApp.FILTER_PATH, type);
        }
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(deployment);
        manager.deploy();

        Undertow server = Undertow.builder()
                .addHttpListener(ServletApp.port(args), "127.0.0.1")
                .setHandler(manager.start())
                .build();
        server.start();
        ServletApp.listening(((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort());
    }

    @SuppressWarnings("unchecked")
    private static <T extends Servlet> ServletInfo servletInfo(String name, T servlet) {
        return Servlets.servlet(name, (Class<T>) servlet.getClass(), new ImmediateInstanceFactory<>(servlet));
    }

    @SuppressWarnings("unchecked")
    private static <T extends Filter> FilterInfo filterInfo(String name, T filter) {
        return Servlets.filter(name, (Class<T>) filter.getClass(), new ImmediateInstanceFactory<>(filter));
    }
}
