package io.xrayagent.instrumentation.jdbc;

import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isInterface;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameContains;
import static net.bytebuddy.matcher.ElementMatchers.nameContainsIgnoreCase;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static net.bytebuddy.matcher.ElementMatchers.takesNoArguments;

import io.xrayagent.bootstrap.JdbcBridge;
import io.xrayagent.core.install.InstallContext;
import io.xrayagent.core.install.InstrumentationModule;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Every JDBC driver and pool, whoever wrote it: the classes that implement {@code java.sql.Statement} (its
 * executions and batches), {@code java.sql.Connection} (the SQL of prepared statements) and
 * {@code java.sql.DatabaseMetaData} (whose own queries are kept out of the trace).
 */
public final class JdbcInstrumentation implements InstrumentationModule {
    static final String STATEMENT = "java.sql.Statement";
    static final String CONNECTION = "java.sql.Connection";
    static final String METADATA = "java.sql.DatabaseMetaData";

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public boolean tracesIncomingRequests() {
        return false;
    }

    @Override
    public String[] triggers() {
        return new String[] {"java/sql/"};
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder, InstallContext context) {
        JdbcBridge.install(new StatementRecorder(context.tracer(), context.config().collectSqlQueries()));
        ElementMatcher.Junction<MethodDescription> statement = isDeclaredBy(hasSuperType(named(STATEMENT)));
        ElementMatcher.Junction<MethodDescription> connection = isDeclaredBy(hasSuperType(named(CONNECTION)));
        ElementMatcher.Junction<MethodDescription> metadata = isDeclaredBy(hasSuperType(named(METADATA)));
        // Methods with a body: advice cannot go into abstract methods, nor catch around a constructor's super call.
        ElementMatcher.Junction<MethodDescription> code = isMethod().and(not(isAbstract())).and(not(isStatic()));
        return builder.type(types())
                .transform(context.advice()
                        .advice(code.and(statement).and(namedOneOf("execute", "executeQuery", "executeUpdate",
                                "executeLargeUpdate")).and(takesArgument(0, String.class)),
                                JdbcAdvice.ExecuteSql.class.getName())
                        .advice(code.and(statement).and(namedOneOf("execute", "executeQuery", "executeUpdate",
                                "executeLargeUpdate")).and(takesNoArguments()),
                                JdbcAdvice.ExecutePrepared.class.getName())
                        .advice(code.and(statement).and(namedOneOf("executeBatch", "executeLargeBatch"))
                                .and(takesNoArguments()), JdbcAdvice.ExecuteBatch.class.getName())
                        .advice(code.and(statement).and(named("addBatch")).and(takesArguments(String.class)),
                                JdbcAdvice.AddBatch.class.getName())
                        .advice(code.and(statement).and(named("clearBatch")).and(takesNoArguments()),
                                JdbcAdvice.ClearBatch.class.getName())
                        .advice(code.and(statement).and(named("close")).and(takesNoArguments()),
                                JdbcAdvice.Close.class.getName())
                        .advice(code.and(connection).and(namedOneOf("prepareStatement", "prepareCall"))
                                .and(takesArgument(0, String.class)), JdbcAdvice.Prepare.class.getName())
                        .advice(code.and(metadata).and(isPublic()), JdbcAdvice.Metadata.class.getName()));
    }

    /**
     * Classes (not interfaces) below the three JDBC interfaces. Reading a class's whole hierarchy is what costs
     * at startup (a Spring Boot application loads some eight thousand classes: 1.1 s more to its first response
     * when every one was checked), so the name comes first: drivers and pools name these classes after what
     * they are ({@code PgStatement}, {@code JdbcConnection}, {@code SQLServerDatabaseMetaData},
     * {@code HikariProxyPreparedStatement}, {@code T4CConnection}), except the obfuscated ones of IBM's DB2 and
     * Informix drivers, taken by package. A wrapper skipped this way costs nothing in correctness: the
     * driver's statement beneath it is recorded instead, with the SQL it was prepared with.
     */
    static ElementMatcher.Junction<TypeDescription> types() {
        return nameContains("Statement").or(nameContains("Connection")).or(nameContainsIgnoreCase("DatabaseMetaData"))
                .or(nameStartsWith("com.ibm.db2.")).or(nameStartsWith("com.informix."))
                .and(not(nameStartsWith("java.").or(nameStartsWith("javax.")).or(nameStartsWith("jdk."))
                        .or(nameStartsWith("sun.")).or(nameStartsWith("com.sun."))
                        // Frameworks that wrap JDBC objects do it with JDK proxies, if at all; their many
                        // *Statement* and *Connection* names are not JDBC's.
                        .or(nameStartsWith("org.springframework.")).or(nameStartsWith("org.hibernate."))
                        .or(nameStartsWith("org.apache.catalina.")).or(nameStartsWith("org.apache.coyote."))))
                .and(not(isInterface()))
                .and(hasSuperType(namedOneOf(STATEMENT, CONNECTION, METADATA)));
    }
}
