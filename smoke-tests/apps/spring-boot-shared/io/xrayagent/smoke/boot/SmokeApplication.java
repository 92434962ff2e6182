package io.xrayagent.smoke.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * The Spring Boot web application of the smoke tests, one source built twice: by spring-boot2 (Boot 2.7, Tomcat 9,
 * javax.servlet) and by spring-boot3 (Boot 3.5, Tomcat 10.1, jakarta.servlet); it uses only Spring's own API,
 * which is the same in both. Run it as users do:
 * {@code java -javaagent:xray-agent.jar -jar spring-boot3-exec.jar --downstream.url=http://127.0.0.1:8081}.
 *
 * <p>It listens on an ephemeral port of 127.0.0.1 (application.properties) and prints {@code LISTENING <port>}
 * once Tomcat accepts connections, so that a launcher learns the port.
 */
@SpringBootApplication
public class SmokeApplication {
    public static void main(String[] args) {
        SpringApplication.run(SmokeApplication.class, args);
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> announcePort() {
        return event -> {
            System.out.println("LISTENING " + event.getWebServer().getPort());
            System.out.flush();
        };
    }
}
