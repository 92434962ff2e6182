package io.xrayagent.smoke.springjdbc;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application whose requests use JdbcTemplate over HikariCP. Run it as users do:
 * {@code java -javaagent:xray-agent.jar -jar spring-jdbc-exec.jar [--spring.datasource.url=jdbc:postgresql://...]}.
 * It prints {@code LISTENING <port>} once Tomcat accepts connections.
 */
@SpringBootApplication
public class JdbcApplication {
    public static void main(String[] args) {
        SpringApplication.run(JdbcApplication.class, args);
    }

    @Bean
    ApplicationListener<WebServerInitializedEvent> announcePort() {
        return event -> {
            System.out.println("LISTENING " + event.getWebServer().getPort());
            System.out.flush();
        };
    }
}
