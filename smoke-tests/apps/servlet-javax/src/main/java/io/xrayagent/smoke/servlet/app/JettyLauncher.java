package io.xrayagent.smoke.servlet.app;

import java.util.EnumSet;
import javax.servlet.DispatcherType;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.servlet.ServletMapping;

/**
 * Embedded Jetty serving {@link ServletApp}. One source for Jetty 10 (javax) and, through the jakarta build's
 * generated copy, Jetty 12 ee10, whose servlet classes are the same under {@code org.eclipse.jetty.ee10.servlet}.
 */
public final class JettyLauncher {
    private JettyLauncher() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(ServletApp.port(args));
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.NO_SESSIONS);
        context.setContextPath("/");
        for (ServletApp.Mapping mapping : ServletApp.servlets(ServletApp.downstream(args))) {
            ServletHolder holder = new ServletHolder(mapping.name(), mapping.servlet());
            holder.setAsyncSupported(true);
            context.getServletHandler().addServlet(holder);
            ServletMapping servletMapping = new ServletMapping();
            servletMapping.setServletName(mapping.name());
            servletMapping.setPathSpecs(mapping.paths().toArray(new String[0]));
            context.getServletHandler().addServletMapping(servletMapping);
        }
        FilterHolder filter = new FilterHolder(ServletApp.filter());
        filter.setName(ServletApp.FILTER_NAME);
        filter.setAsyncSupported(true);
        context.addFilter(filter, ServletApp.FILTER_PATH, EnumSet.allOf(DispatcherType.class));
        server.setHandler(context);

        server.start();
        ServletApp.listening(connector.getLocalPort());
        server.join();
    }
}
