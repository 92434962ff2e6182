package io.xrayagent.receiver;

import java.net.InetSocketAddress;

/** The command line of {@code xray-agent listen}: {@code [--json] [host:port | port]}. */
final class ListenOptions {
    static final String USAGE = "usage: java -jar xray-agent.jar listen [--json] [host:port]\n"
            + "  Receives X-Ray segment datagrams as the X-Ray daemon would and prints each trace.\n"
            + "  host:port   where to listen: default 127.0.0.1:2000, IPv6 as [::1]:2000, a port alone\n"
            + "              binds 127.0.0.1, port 0 picks a free one\n"
            + "  --json      also print each raw document under its trace";
    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 2000;

    final InetSocketAddress bind;
    final boolean json;
    final boolean help;

    private ListenOptions(InetSocketAddress bind, boolean json, boolean help) {
        this.bind = bind;
        this.json = json;
        this.help = help;
    }

    /** Accepts the arguments with or without the leading {@code listen} word; throws on anything else. */
    static ListenOptions parse(String[] args) {
        boolean json = false;
        boolean help = false;
        String address = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (i == 0 && arg.equals("listen")) {
                continue;
            }
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("-h") || arg.equals("--help")) {
                help = true;
            } else if (arg.startsWith("-")) {
                throw new IllegalArgumentException("unknown option " + arg);
            } else if (address != null) {
                throw new IllegalArgumentException("more than one address: " + address + " and " + arg);
            } else {
                address = arg;
            }
        }
        InetSocketAddress bind = address == null
                ? new InetSocketAddress(DEFAULT_HOST, DEFAULT_PORT) : parseAddress(address);
        return new ListenOptions(bind, json, help);
    }

    static InetSocketAddress parseAddress(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                throw new IllegalArgumentException("expected [ipv6]:port but got " + text);
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else if (text.indexOf(':') < 0) {
            host = DEFAULT_HOST;
            port = text;
        } else {
            int colon = text.lastIndexOf(':');
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException("put an IPv6 address in brackets, as in [::1]:2000: " + text);
            }
            if (host.isEmpty()) {
                host = DEFAULT_HOST;
            }
        }
        InetSocketAddress address = new InetSocketAddress(host, parsePort(port, text));
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("unknown host " + host);
        }
        return address;
    }

    private static int parsePort(String port, String text) {
        int value;
        try {
            value = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected host:port but got " + text);
        }
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException("port out of range in " + text);
        }
        return value;
    }
}
