package io.xrayagent.instrumentation.jdkhttpserver;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.xrayagent.core.log.AgentLog;
import io.xrayagent.core.recorder.HttpServerRecorder;
import io.xrayagent.core.recorder.ServerScope;
import java.io.IOException;

/** Records each exchange through the shared HTTP-server recorder. */
final class TracingFilter extends Filter {
    private final HttpServerRecorder recorder;

    TracingFilter(HttpServerRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public String description() {
        return "xray-agent tracing";
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        ServerScope scope = begin(exchange);
        Throwable thrown = null;
        try {
            chain.doFilter(exchange);
        } catch (Throwable t) {
            thrown = t;
            throw t;
        } finally {
            if (scope != null) {
                end(scope, exchange, thrown);
            }
        }
    }

    private ServerScope begin(HttpExchange exchange) {
        try {
            return recorder.begin(new ExchangeRequest(exchange));
        } catch (Throwable t) {
            AgentLog.debug("could not start recording a request", t);
            return null;
        }
    }

    private void end(ServerScope scope, HttpExchange exchange, Throwable thrown) {
        try {
            int status = exchange.getResponseCode();
            recorder.end(scope, status, ExchangeRequest.contentLength(exchange), thrown);
        } catch (Throwable t) {
            AgentLog.debug("could not finish recording a request", t);
        }
    }
}
