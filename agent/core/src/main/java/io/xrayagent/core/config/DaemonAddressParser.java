package io.xrayagent.core.config;

import java.util.Locale;

/**
 * The syntax of {@code AWS_XRAY_DAEMON_ADDRESS}. Errors carry only the reason, so that callers can put the
 * offending value where their message needs it.
 *
 * <p>Stricter than the official SDK, which splits on every {@code :} and so cannot take IPv6: here an IPv6
 * literal goes in brackets, and an unbracketed one is rejected rather than guessed at, because in
 * {@code ::1:2000} the port cannot be told apart from the last address group.
 */
final class DaemonAddressParser {
    private static final String FORMS = "expected host:port or udp:host:port tcp:host:port";

    private DaemonAddressParser() {
    }

    /** @throws IllegalArgumentException whose message is the reason only */
    static DaemonAddress parse(String value) {
        String trimmed = value == null ? "" : value.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the value is empty; " + FORMS);
        }
        String[] tokens = trimmed.split("\\s+");
        if (tokens.length == 1) {
            if (looksPrefixed(tokens[0])) {
                throw new IllegalArgumentException("when one of udp: and tcp: is given, both are required, "
                        + "e.g. udp:127.0.0.1:2000 tcp:127.0.0.1:2000");
            }
            Endpoint both = endpoint(tokens[0]);
            return new DaemonAddress(both.host, both.port, both.host, both.port);
        }
        if (tokens.length != 2) {
            throw new IllegalArgumentException(FORMS);
        }
        Endpoint udp = null;
        Endpoint tcp = null;
        for (String token : tokens) {
            String protocol = token.length() > 4 ? token.substring(0, 4).toLowerCase(Locale.ROOT) : "";
            if (protocol.equals("udp:") && udp == null) {
                udp = endpoint(token.substring(4));
            } else if (protocol.equals("tcp:") && tcp == null) {
                tcp = endpoint(token.substring(4));
            } else {
                throw new IllegalArgumentException("two addresses must be one udp:host:port and one tcp:host:port");
            }
        }
        return new DaemonAddress(udp.host, udp.port, tcp.host, tcp.port);
    }

    /** A lone {@code udp:2000} is host "udp", port 2000; {@code udp:h:2000} is a half of the two-token form. */
    private static boolean looksPrefixed(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("udp:") && !lower.startsWith("tcp:")) {
            return false;
        }
        String rest = token.substring(4);
        return rest.indexOf(':') >= 0 || rest.startsWith("[");
    }

    private static Endpoint endpoint(String text) {
        if (text.contains("://")) {
            throw new IllegalArgumentException("no URL scheme is allowed; " + FORMS);
        }
        if (text.startsWith("[")) {
            return bracketed(text);
        }
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("the port is missing; " + FORMS + ", e.g. 127.0.0.1:2000");
        }
        if (text.indexOf(':', colon + 1) >= 0) {
            throw new IllegalArgumentException("too many ':' in " + LogText.quote(text)
                    + "; write an IPv6 address in brackets, e.g. " + bracketedExample(text));
        }
        String host = text.substring(0, colon);
        HostSyntax.checkNameOrIpv4(host);
        return new Endpoint(host, port(text.substring(colon + 1)));
    }

    /** Guesses that the last group is the port, as a hint only: the ambiguity is why this form is refused. */
    private static String bracketedExample(String text) {
        int last = text.lastIndexOf(':');
        String host = text.substring(0, last);
        String port = text.substring(last + 1);
        return HostSyntax.isIpv6(host) && HostSyntax.allDigits(port) ? "[" + host + "]:" + port : "[::1]:2000";
    }

    private static Endpoint bracketed(String text) {
        int close = text.indexOf(']');
        if (close < 0) {
            throw new IllegalArgumentException("']' is missing after the IPv6 address in " + LogText.quote(text));
        }
        String host = text.substring(1, close);
        if (!HostSyntax.isIpv6(host)) {
            throw new IllegalArgumentException(LogText.quote(host) + " is not a valid IPv6 address");
        }
        String rest = text.substring(close + 1);
        if (!rest.startsWith(":")) {
            throw new IllegalArgumentException("the port is missing after ']' in " + LogText.quote(text));
        }
        return new Endpoint(host, port(rest.substring(1)));
    }

    private static int port(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the port is missing; " + FORMS);
        }
        int port = HostSyntax.allDigits(text) && text.length() <= 5 ? Integer.parseInt(text) : -1;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + LogText.quote(text) + " is not a number from 1 to 65535");
        }
        return port;
    }

    private static final class Endpoint {
        final String host;
        final int port;

        Endpoint(String host, int port) {
            this.host = host;
            this.port = port;
        }
    }
}
