package io.xrayagent.instrumentation.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** URLs as drivers report them through DatabaseMetaData.getURL(), credentials included where they keep them. */
class JdbcUrlsTest {
    @Test
    void passwordsNeverStayWhereverTheDriverSyntaxPutsThem() {
        assertEquals("jdbc:postgresql://db:5432/orders?user=app&ssl=true",
                JdbcUrls.sanitize("jdbc:postgresql://db:5432/orders?user=app&password=hunter2&ssl=true"));
        assertEquals("jdbc:postgresql://db/orders?ssl=true",
                JdbcUrls.sanitize("jdbc:postgresql://db/orders?password=hunter2&ssl=true"));
        assertEquals("jdbc:postgresql://db/orders?sslmode=require",
                JdbcUrls.sanitize("jdbc:postgresql://db/orders?sslmode=require&sslpassword=hunter2"));
        assertEquals("jdbc:mysql://app@db:3306/shop", JdbcUrls.sanitize("jdbc:mysql://app:hunter2@db:3306/shop"));
        assertEquals("jdbc:mariadb://db1,db2/shop?user=app",
                JdbcUrls.sanitize("jdbc:mariadb://db1,db2/shop?user=app&password=hunter2"));
        assertEquals("jdbc:mysql://address=(host=db)(port=3306)(user=app)/shop",
                JdbcUrls.sanitize("jdbc:mysql://address=(host=db)(port=3306)(user=app)(password=hunter2)/shop"));
        assertEquals("jdbc:sqlserver://db:1433;databaseName=shop;encrypt=true",
                JdbcUrls.sanitize("jdbc:sqlserver://db:1433;databaseName=shop;password=hunter2;encrypt=true"));
        assertEquals("jdbc:sqlserver://db;user=app;encrypt=true",
                JdbcUrls.sanitize("jdbc:sqlserver://db;user=app;password={hun;ter2};encrypt=true"));
        assertEquals("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1",
                JdbcUrls.sanitize("jdbc:h2:mem:test;PASSWORD=hunter2;DB_CLOSE_DELAY=-1"));
        assertEquals("jdbc:oracle:thin:scott@//db:1521/orcl", JdbcUrls.sanitize("jdbc:oracle:thin:scott/hunter2@//db:1521/orcl"));
        assertEquals("jdbc:snowflake://acct.snowflakecomputing.com/?db=x",
                JdbcUrls.sanitize("jdbc:snowflake://acct.snowflakecomputing.com/?token=hunter2&db=x"));
        assertEquals("jdbc:redshift://cluster:5439/dev?DbUser=app",
                JdbcUrls.sanitize("jdbc:redshift://cluster:5439/dev?DbUser=app&SecretAccessKey=hunter2"));
        assertEquals("jdbc:postgresql://db/orders?user=app",
                JdbcUrls.sanitize("jdbc:postgresql://db/orders?user=app&PWD=hunter2"));
    }

    @Test
    void urlsWithoutCredentialsAreUnchanged() {
        for (String url : new String[] {"jdbc:postgresql://127.0.0.1:5432/xray_test", "jdbc:h2:mem:", "jdbc:h2:~/data/db",
            "jdbc:mariadb://localhost/shop?useUnicode=true&characterEncoding=utf8", "jdbc:derby:memory:x;create=true"}) {
            assertEquals(url, JdbcUrls.sanitize(url));
        }
        assertNull(JdbcUrls.sanitize(null));
    }

    @Test
    void theHostOfTheFirstAddress() {
        assertEquals("127.0.0.1", JdbcUrls.host("jdbc:postgresql://127.0.0.1:5432/xray_test"));
        assertEquals("db.internal", JdbcUrls.host("jdbc:mysql://app:hunter2@db.internal:3306/shop"));
        assertEquals("db1", JdbcUrls.host("jdbc:mariadb://db1,db2/shop"));
        assertEquals("::1", JdbcUrls.host("jdbc:postgresql://[::1]:5432/x"));
        assertEquals("db", JdbcUrls.host("jdbc:oracle:thin:scott/tiger@//db:1521/orcl"));
        assertEquals("db", JdbcUrls.host("jdbc:oracle:thin:@db:1521:orcl"));
        assertEquals("localhost", JdbcUrls.host("jdbc:postgresql://localhost/x?password=y"));
        assertNull(JdbcUrls.host("jdbc:h2:mem:test"));
        assertNull(JdbcUrls.host("jdbc:postgresql:orders"));
        assertNull(JdbcUrls.host(null));
    }

    @Test
    void subsegmentNamesFollowTheSdk() {
        assertEquals("orders@db.internal", ConnectionInfo.name("orders", "db.internal"));
        assertEquals("TEST", ConnectionInfo.name("TEST", null));
        assertEquals("database@db", ConnectionInfo.name(null, "db"));
        assertEquals("database", ConnectionInfo.name("", null));
        assertEquals("weird name@db", ConnectionInfo.name("weird name!*", "db"));
    }
}
