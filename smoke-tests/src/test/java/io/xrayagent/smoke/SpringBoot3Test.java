package io.xrayagent.smoke;

import io.xrayagent.smoke.support.Jdks;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Spring Boot 3.5 (Spring 6.2, embedded Tomcat 10.1, jakarta.servlet): smoke-tests/apps/spring-boot3. */
@ParameterizedClass(name = "{0}")
@MethodSource("jdks")
class SpringBoot3Test extends SpringBootSmokeTest {
    static Stream<Path> jdks() {
        return Jdks.all().stream();
    }

    @Override
    String jarProperty() {
        return "smoke.spring-boot3.jar";
    }

    @Override
    String serviceName() {
        return "spring-boot3";
    }

    @Override
    String servletWrapperException() {
        return "jakarta.servlet.ServletException";
    }
}
