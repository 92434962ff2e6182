package io.xrayagent.smoke;

import io.xrayagent.smoke.support.Jdks;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Spring Boot 2.7 (Spring 5.3, embedded Tomcat 9, javax.servlet): smoke-tests/apps/spring-boot2. It runs on
 * JDK 25 too (its only JVM warning there is Tomcat's native-library load, printed without the agent as well).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("jdks")
class SpringBoot2Test extends SpringBootSmokeTest {
    static Stream<Path> jdks() {
        return Jdks.all().stream();
    }

    @Override
    String jarProperty() {
        return "smoke.spring-boot2.jar";
    }

    @Override
    String serviceName() {
        return "spring-boot2";
    }

    @Override
    String servletWrapperException() {
        return "org.springframework.web.util.NestedServletException";
    }
}
