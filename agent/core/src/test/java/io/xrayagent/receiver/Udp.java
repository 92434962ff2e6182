package io.xrayagent.receiver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Sends real datagrams, as an agent's emitter would. */
final class Udp {
    private Udp() {
    }

    static void send(InetSocketAddress to, String... datagrams) {
        byte[][] payloads = new byte[datagrams.length][];
        for (int i = 0; i < datagrams.length; i++) {
            payloads[i] = datagrams[i].getBytes(StandardCharsets.UTF_8);
        }
        send(to, payloads);
    }

    static void send(InetSocketAddress to, byte[]... payloads) {
        try (DatagramSocket socket = new DatagramSocket()) {
            for (byte[] payload : payloads) {
                socket.send(new DatagramPacket(payload, payload.length, to));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }
}
