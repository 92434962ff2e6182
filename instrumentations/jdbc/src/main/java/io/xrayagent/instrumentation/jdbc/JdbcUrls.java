package io.xrayagent.instrumentation.jdbc;

import java.util.Locale;

/** What a JDBC URL may show in a trace: never a password, wherever the driver's syntax puts one. */
final class JdbcUrls {
    private JdbcUrls() {
    }

    /**
     * The URL without credentials: the password of {@code user:password@host} and Oracle's
     * {@code user/password@host}, and every parameter whose name says it holds a secret
     * ({@code ?password=}, {@code ;password=}, {@code (password=...)}, {@code sslpassword}, {@code secret},
     * {@code token}...).
     */
    static String sanitize(String url) {
        if (url == null) {
            return null;
        }
        return withoutSecretParameters(withoutUserInfoPassword(url));
    }

    /** The host of the URL's first address, or null (an embedded database has none). */
    static String host(String url) {
        if (url == null) {
            return null;
        }
        int at = authorityStart(url);
        if (at < 0) {
            return null;
        }
        int end = authorityEnd(url, at);
        int userInfo = url.lastIndexOf('@', end - 1);
        int start = userInfo >= at ? userInfo + 1 : at;
        if (start < end && url.charAt(start) == '[') {
            int close = url.indexOf(']', start);
            return close > start && close <= end ? url.substring(start + 1, close) : null;
        }
        int stop = start;
        while (stop < end && url.charAt(stop) != ':' && url.charAt(stop) != ',') {
            stop++;
        }
        return stop > start ? url.substring(start, stop) : null;
    }

    /** Index after {@code //} (or after Oracle's {@code @}), where host names start; -1 when there is none. */
    private static int authorityStart(String url) {
        int slashes = url.indexOf("//");
        int oracle = url.startsWith("jdbc:oracle:") ? url.indexOf('@') : -1;
        if (oracle >= 0 && (slashes < 0 || oracle < slashes)) {
            return url.startsWith("//", oracle + 1) ? oracle + 3 : oracle + 1;
        }
        return slashes < 0 ? -1 : slashes + 2;
    }

    private static int authorityEnd(String url, int start) {
        int i = start;
        while (i < url.length()) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == ';' || c == '(' || c == '&') {
                break;
            }
            i++;
        }
        return i;
    }

    private static String withoutUserInfoPassword(String url) {
        if (url.startsWith("jdbc:oracle:")) {
            // jdbc:oracle:thin:scott/tiger@host: the credentials sit before the first @.
            int at = url.indexOf('@');
            int colon = at < 0 ? -1 : url.lastIndexOf(':', at);
            int slash = colon < 0 ? -1 : url.indexOf('/', colon + 1);
            return slash >= 0 && slash < at ? url.substring(0, slash) + url.substring(at) : url;
        }
        int start = authorityStart(url);
        if (start < 0) {
            return url;
        }
        int end = authorityEnd(url, start);
        int at = url.lastIndexOf('@', end - 1);
        if (at < start) {
            return url;
        }
        int colon = url.indexOf(':', start);
        if (colon < 0 || colon > at) {
            return url;
        }
        return url.substring(0, colon) + url.substring(at);
    }

    private static String withoutSecretParameters(String url) {
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        while (i < url.length()) {
            char c = url.charAt(i);
            if (c == '?' || c == '&' || c == ';' || c == '(' || c == ':' && i > 0 && url.charAt(i - 1) != '/') {
                int keyStart = i + 1;
                int equals = keyStart;
                while (equals < url.length() && isKeyChar(url.charAt(equals))) {
                    equals++;
                }
                if (equals < url.length() && url.charAt(equals) == '=' && equals > keyStart
                        && isSecret(url.substring(keyStart, equals))) {
                    int valueEnd = equals + 1;
                    if (valueEnd < url.length() && url.charAt(valueEnd) == '{') {
                        // SQL Server quotes values that hold ; in braces: password={a;b}.
                        int close = url.indexOf('}', valueEnd);
                        valueEnd = close < 0 ? url.length() : close + 1;
                    }
                    while (valueEnd < url.length() && "&;)".indexOf(url.charAt(valueEnd)) < 0) {
                        valueEnd++;
                    }
                    if (out == null) {
                        out = new StringBuilder(url.length());
                    }
                    // "?password=x&ssl=true" keeps "?ssl=true"; "(password=x)" goes with its parentheses.
                    boolean keepSeparator = c == '?' && valueEnd < url.length() && url.charAt(valueEnd) == '&';
                    out.append(url, copied, keepSeparator ? i + 1 : i);
                    if (c == '(' && valueEnd < url.length() && url.charAt(valueEnd) == ')') {
                        valueEnd++;
                    } else if (keepSeparator) {
                        valueEnd++;
                    }
                    copied = valueEnd;
                    i = valueEnd;
                    continue;
                }
            }
            i++;
        }
        if (out == null) {
            return url;
        }
        out.append(url, copied, url.length());
        return out.toString();
    }

    private static boolean isKeyChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    private static boolean isSecret(String key) {
        String name = key.toLowerCase(Locale.ROOT);
        return name.contains("password") || name.contains("passwd") || name.equals("pwd") || name.endsWith("pwd")
                || name.contains("secret") || name.contains("token") || name.contains("credential")
                || name.contains("accesskey") || name.contains("apikey");
    }
}
