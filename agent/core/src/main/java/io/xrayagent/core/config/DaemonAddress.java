package io.xrayagent.core.config;

import java.net.InetSocketAddress;

/**
 * Where the X-Ray daemon listens: UDP for segments, TCP for the sampling proxy.
 *
 * <p>Hosts are kept as written and never resolved here, so a DNS name that only becomes resolvable after
 * start-up (a sidecar, a Kubernetes service) still works. IPv6 hosts are stored without brackets.
 */
public final class DaemonAddress {
    public static final DaemonAddress DEFAULT = new DaemonAddress("127.0.0.1", 2000, "127.0.0.1", 2000);

    private final String udpHost;
    private final int udpPort;
    private final String tcpHost;
    private final int tcpPort;

    DaemonAddress(String udpHost, int udpPort, String tcpHost, int tcpPort) {
        this.udpHost = udpHost;
        this.udpPort = udpPort;
        this.tcpHost = tcpHost;
        this.tcpPort = tcpPort;
    }

    /**
     * Parses {@code host:port} (same address for UDP and TCP) or {@code udp:host:port tcp:host:port} (either
     * order). IPv6 literals must be in brackets: {@code [::1]:2000}.
     *
     * @throws IllegalArgumentException naming the bad value and what is wrong with it
     */
    public static DaemonAddress parse(String value) {
        try {
            return DaemonAddressParser.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid daemon address " + LogText.quote(value) + ": " + e.getMessage());
        }
    }

    public String udpHost() {
        return udpHost;
    }

    public int udpPort() {
        return udpPort;
    }

    public String tcpHost() {
        return tcpHost;
    }

    public int tcpPort() {
        return tcpPort;
    }

    public InetSocketAddress udpAddressUnresolved() {
        return InetSocketAddress.createUnresolved(udpHost, udpPort);
    }

    @Override
    public String toString() {
        String udp = hostPort(udpHost, udpPort);
        String tcp = hostPort(tcpHost, tcpPort);
        return udp.equals(tcp) ? udp : "udp:" + udp + " tcp:" + tcp;
    }

    private static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof DaemonAddress)) {
            return false;
        }
        DaemonAddress that = (DaemonAddress) other;
        return udpPort == that.udpPort && tcpPort == that.tcpPort
                && udpHost.equals(that.udpHost) && tcpHost.equals(that.tcpHost);
    }

    @Override
    public int hashCode() {
        return ((udpHost.hashCode() * 31 + udpPort) * 31 + tcpHost.hashCode()) * 31 + tcpPort;
    }
}
