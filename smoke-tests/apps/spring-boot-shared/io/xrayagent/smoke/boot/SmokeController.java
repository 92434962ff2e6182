package io.xrayagent.smoke.boot;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootVersion;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.DefaultResponseErrorHandler;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.DefaultUriBuilderFactory;

/** The endpoints the smoke tests call: plain, outgoing call, failure, not found, and three kinds of async. */
@RestController
public class SmokeController {
    /** Short, to keep the test quick; the test checks that the request's segment lasts at least this long. */
    static final long ASYNC_TIMEOUT_MILLIS = 300;

    private final RestTemplate downstream;

    SmokeController(@Value("${downstream.url:http://127.0.0.1:1}") String downstreamUrl) {
        // RestTemplate's own default, HttpURLConnection, named explicitly: Boot's RestTemplateBuilder picks the
        // JDK's java.net.http.HttpClient since Boot 3.4, and these tests are about HttpURLConnection.
        downstream = new RestTemplate(new SimpleClientHttpRequestFactory());
        downstream.setUriTemplateHandler(new DefaultUriBuilderFactory(downstreamUrl));
        // A 4xx or 5xx must not throw, so that the endpoint reports the downstream's status.
        downstream.setErrorHandler(new NoErrorHandler());
    }

    @GetMapping("/hello")
    public String hello() {
        return "hello from spring boot " + SpringBootVersion.getVersion();
    }

    @GetMapping("/call")
    public String call() {
        return callDownstream();
    }

    @GetMapping("/fail")
    public String fail() {
        throw new RuntimeException("boom");
    }

    @GetMapping("/gone")
    public String gone() {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "nothing here");
    }

    /** Runs on Spring MVC's task executor after the request thread has returned to Tomcat. */
    @GetMapping("/async-callable")
    public Callable<String> asyncCallable() {
        return this::callDownstream;
    }

    /** Completed from a CompletableFuture on another thread; Tomcat dispatches the result back. */
    @GetMapping("/async-deferred")
    public DeferredResult<String> asyncDeferred() {
        DeferredResult<String> result = new DeferredResult<>();
        CompletableFuture.supplyAsync(this::callDownstream).whenComplete((body, failure) -> {
            if (failure != null) {
                result.setErrorResult(failure);
            } else {
                result.setResult(body);
            }
        });
        return result;
    }

    /** Never completed: Tomcat's async timeout fires and Spring answers 503 Service Unavailable. */
    @GetMapping("/async-timeout")
    public DeferredResult<String> asyncTimeout() {
        return new DeferredResult<>(ASYNC_TIMEOUT_MILLIS);
    }

    /** Names the calling thread, so that a test can tell an async endpoint really called from another one. */
    private String callDownstream() {
        ResponseEntity<String> response = downstream.getForEntity("/hello", String.class);
        return "downstream said " + response.getStatusCode().value() + ": " + response.getBody()
                + " (called on " + Thread.currentThread().getName() + ")";
    }

    private static final class NoErrorHandler extends DefaultResponseErrorHandler {
        @Override
        public boolean hasError(ClientHttpResponse response) {
            return false;
        }
    }
}
