package io.xrayagent.receiver;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListenOptionsTest {

    @Test
    void defaultsToTheDaemonsAddress() {
        ListenOptions options = ListenOptions.parse(new String[] {"listen"});

        assertEquals(new InetSocketAddress("127.0.0.1", 2000), options.bind);
        assertFalse(options.json);
        assertFalse(options.help);
    }

    @Test
    void acceptsHostPortBracketedIpv6APortAloneAndJson() {
        assertEquals(new InetSocketAddress("0.0.0.0", 2001), ListenOptions.parse(new String[] {"0.0.0.0:2001"}).bind);
        assertEquals(new InetSocketAddress("::1", 2002), ListenOptions.parse(new String[] {"[::1]:2002"}).bind);
        assertEquals(new InetSocketAddress("127.0.0.1", 2003), ListenOptions.parse(new String[] {"2003"}).bind);
        assertEquals(new InetSocketAddress("127.0.0.1", 0), ListenOptions.parse(new String[] {":0"}).bind);
        ListenOptions options = ListenOptions.parse(new String[] {"listen", "--json", "localhost:2004"});
        assertTrue(options.json);
        assertEquals(2004, options.bind.getPort());
        assertTrue(ListenOptions.parse(new String[] {"--help"}).help);
    }

    @Test
    void rejectsWhatItCannotUseWithAReason() {
        assertMessage("unknown option --verbose", "--verbose");
        assertMessage("more than one address: 1:1 and 2:2", "1:1", "2:2");
        assertMessage("put an IPv6 address in brackets, as in [::1]:2000: ::1:2000", "::1:2000");
        assertMessage("expected [ipv6]:port but got [::1]", "[::1]");
        assertMessage("expected host:port but got localhost:http", "localhost:http");
        assertMessage("port out of range in 127.0.0.1:70000", "127.0.0.1:70000");
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ListenOptions.parse(args));
        assertEquals(expected, e.getMessage());
    }
}
