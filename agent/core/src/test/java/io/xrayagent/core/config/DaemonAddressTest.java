package io.xrayagent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DaemonAddressTest {

    @Test
    void defaultIsLoopbackPort2000ForBoth() {
        DaemonAddress address = DaemonAddress.DEFAULT;
        assertEquals("127.0.0.1", address.udpHost());
        assertEquals(2000, address.udpPort());
        assertEquals("127.0.0.1", address.tcpHost());
        assertEquals(2000, address.tcpPort());
        assertEquals("127.0.0.1:2000", address.toString());
    }

    @Test
    void hostAndPortServeBothProtocols() {
        DaemonAddress address = DaemonAddress.parse("xray-service.default:2001");
        assertEquals("xray-service.default", address.udpHost());
        assertEquals(2001, address.udpPort());
        assertEquals("xray-service.default", address.tcpHost());
        assertEquals(2001, address.tcpPort());
        assertEquals("xray-service.default:2001", address.toString());
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertEquals(DaemonAddress.parse("10.0.0.5:3000"), DaemonAddress.parse("  10.0.0.5:3000\t\n"));
    }

    @Test
    void separateUdpAndTcpInEitherOrder() {
        DaemonAddress udpFirst = DaemonAddress.parse("udp:10.0.0.1:2000 tcp:10.0.0.2:2001");
        DaemonAddress tcpFirst = DaemonAddress.parse("tcp:10.0.0.2:2001   udp:10.0.0.1:2000");
        assertEquals(udpFirst, tcpFirst);
        assertEquals("10.0.0.1", udpFirst.udpHost());
        assertEquals(2000, udpFirst.udpPort());
        assertEquals("10.0.0.2", udpFirst.tcpHost());
        assertEquals(2001, udpFirst.tcpPort());
        assertEquals("udp:10.0.0.1:2000 tcp:10.0.0.2:2001", udpFirst.toString());
    }

    @Test
    void protocolPrefixesAreCaseInsensitive() {
        DaemonAddress address = DaemonAddress.parse("UDP:a:1 Tcp:b:2");
        assertEquals("a", address.udpHost());
        assertEquals("b", address.tcpHost());
    }

    @Test
    void identicalUdpAndTcpPrintAsOneAddress() {
        assertEquals("d:2000", DaemonAddress.parse("udp:d:2000 tcp:d:2000").toString());
    }

    @Test
    void bracketedIpv6() {
        DaemonAddress address = DaemonAddress.parse("[::1]:2000");
        assertEquals("::1", address.udpHost());
        assertEquals(2000, address.udpPort());
        assertEquals("::1", address.tcpHost());
        assertEquals("[::1]:2000", address.toString());
    }

    @Test
    void bracketedIpv6PerProtocol() {
        DaemonAddress address = DaemonAddress.parse("udp:[fd00::1]:2000 tcp:[fd00::2]:2001");
        assertEquals("fd00::1", address.udpHost());
        assertEquals("fd00::2", address.tcpHost());
        assertEquals(2001, address.tcpPort());
        assertEquals("udp:[fd00::1]:2000 tcp:[fd00::2]:2001", address.toString());
        assertEquals("[fd00::1]:2000", DaemonAddress.parse("udp:[fd00::1]:2000 tcp:[fd00::1]:2000").toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[2001:db8:0:0:0:0:0:1]:2000", "[::ffff:10.0.0.1]:2000", "[fe80::1%eth0]:2000",
            "[::]:2000", "[1::]:2000", "[2001:DB8::abcd:1]:2000"})
    void ipv6LiteralForms(String value) {
        DaemonAddress address = DaemonAddress.parse(value);
        assertEquals(value, address.toString());
        assertEquals(2000, address.udpPort());
    }

    @Test
    void toStringParsesBackToTheSameAddress() {
        for (String value : new String[] {"a:1", "udp:a:1 tcp:b:2", "[::1]:2000", "udp:[::1]:1 tcp:h:2"}) {
            DaemonAddress address = DaemonAddress.parse(value);
            assertEquals(address, DaemonAddress.parse(address.toString()));
        }
    }

    @Test
    void unresolvedUdpAddressDoesNoLookup() {
        InetSocketAddress address = DaemonAddress.parse("udp:no-such-host.invalid:2100 tcp:other:2000")
                .udpAddressUnresolved();
        assertTrue(address.isUnresolved());
        assertEquals("no-such-host.invalid", address.getHostString());
        assertEquals(2100, address.getPort());
    }

    @Test
    void unbracketedIpv6IsRejectedWithABracketHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DaemonAddress.parse("::1:2000"));
        assertTrue(e.getMessage().contains("\"::1:2000\""), e.getMessage());
        assertTrue(e.getMessage().contains("[::1]:2000"), e.getMessage());
        assertTrue(e.getMessage().contains("brackets"), e.getMessage());
    }

    @Test
    void bracketHintUsesTheValueWhenItCan() {
        assertMessageContains("fd00::1:2000", "[fd00::1]:2000");
        assertMessageContains("a:b:c", "[::1]:2000");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "localhost", "localhost:", ":2000", "localhost:0", "localhost:65536",
            "localhost:99999999999", "localhost:20a0", "localhost:-1", "udp:a:1", "tcp:[::1]:1", "udp:a:1 udp:b:2",
            "udp:a:1 b:2", "udp:a:1 tcp:b:2 tcp:c:3", "http://localhost:2000", "[::1]", "[::1]2000", "[::1:2000",
            "[not-ipv6]:2000", "[1:2:3:4:5:6:7:8:9]:2000", "[1::2::3]:2000", "300.1.2.3:2000", "1.2.3:2000",
            "bad host:2000", "bad/host:2000", "a..b:2000", "garbage!"})
    void invalidValuesAreRejectedNamingTheValue(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DaemonAddress.parse(value));
        assertTrue(e.getMessage().startsWith("invalid daemon address \"" + value + "\": "), e.getMessage());
    }

    @Test
    void nullIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DaemonAddress.parse(null));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void errorMessagesSayWhatIsWrong() {
        assertMessageContains("localhost", "port is missing");
        assertMessageContains("localhost:70000", "1 to 65535");
        assertMessageContains("udp:a:1", "both are required");
        assertMessageContains("udp:a:1 udp:b:2", "one udp:host:port and one tcp:host:port");
        assertMessageContains("http://h:2000", "scheme");
        assertMessageContains("[zz::1]:2000", "not a valid IPv6 address");
        assertMessageContains("256.0.0.1:2000", "not a valid IPv4 address");
    }

    @Test
    void aLoneUdpWordIsAHostName() {
        DaemonAddress address = DaemonAddress.parse("udp:2000");
        assertEquals("udp", address.udpHost());
        assertEquals(2000, address.udpPort());
    }

    private static void assertMessageContains(String value, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DaemonAddress.parse(value));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
