package io.xrayagent.core.config;

/**
 * Syntax checks for host names and address literals, without any name resolution: configuration is read
 * in premain, where a DNS lookup could stall the application's start.
 */
final class HostSyntax {
    private static final int MAX_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private HostSyntax() {
    }

    /**
     * Accepts an IPv4 literal or a DNS name.
     *
     * @throws IllegalArgumentException with the reason
     */
    static void checkNameOrIpv4(String host) {
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the host is missing");
        }
        if (isDigitsAndDots(host)) {
            if (!isIpv4(host)) {
                throw new IllegalArgumentException(LogText.quote(host) + " is not a valid IPv4 address");
            }
            return;
        }
        if (!isDnsName(host)) {
            throw new IllegalArgumentException(LogText.quote(host)
                    + " is not a valid host name (letters, digits, '-', '_' and '.' only)");
        }
    }

    static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !allDigits(part) || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** An IPv6 literal without brackets, optionally with a {@code %zone} suffix. */
    static boolean isIpv6(String text) {
        String address = text;
        int percent = text.indexOf('%');
        if (percent >= 0) {
            String zone = text.substring(percent + 1);
            if (zone.isEmpty() || !isNameChars(zone)) {
                return false;
            }
            address = text.substring(0, percent);
        }
        int gap = address.indexOf("::");
        if (gap < 0) {
            return groupCount(address) == 8;
        }
        if (address.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        String left = address.substring(0, gap);
        String right = address.substring(gap + 2);
        int leftGroups = left.isEmpty() ? 0 : groupCount(left, false);
        int rightGroups = right.isEmpty() ? 0 : groupCount(right);
        return leftGroups >= 0 && rightGroups >= 0 && leftGroups + rightGroups <= 7;
    }

    private static int groupCount(String part) {
        return groupCount(part, true);
    }

    /** Number of 16-bit groups, a trailing dotted quad counting as two; -1 when malformed. */
    private static int groupCount(String part, boolean ipv4TailAllowed) {
        String[] pieces = part.split(":", -1);
        int groups = 0;
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (isHexGroup(piece)) {
                groups++;
            } else if (ipv4TailAllowed && i == pieces.length - 1 && isIpv4(piece)) {
                groups += 2;
            } else {
                return -1;
            }
        }
        return groups;
    }

    private static boolean isHexGroup(String piece) {
        if (piece.isEmpty() || piece.length() > 4) {
            return false;
        }
        for (int i = 0; i < piece.length(); i++) {
            if (Character.digit(piece.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDnsName(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH || !isNameChars(label)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameChars(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigitsAndDots(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    static boolean allDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return !text.isEmpty();
    }
}
