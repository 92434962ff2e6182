package io.xrayagent.smoke.containerapp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/**
 * Stands in for the X-Ray daemon in its own container: receives segment datagrams on UDP (port 2000 by
 * default, every interface) and forwards each one unchanged to the test's receiver, which checks them as
 * the daemon would. {@code java -cp container-app.jar io.xrayagent.smoke.containerapp.DaemonRelay host:port [port]}
 */
public final class DaemonRelay {
    private DaemonRelay() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: DaemonRelay <forward host:port> [listen port]");
            System.exit(2);
        }
        int colon = args[0].lastIndexOf(':');
        InetSocketAddress target = new InetSocketAddress(args[0].substring(0, colon),
                Integer.parseInt(args[0].substring(colon + 1)));
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        try (DatagramSocket in = new DatagramSocket(new InetSocketAddress(port));
                DatagramSocket out = new DatagramSocket()) {
            System.out.println("RELAYING udp " + port + " to " + args[0]);
            System.out.flush();
            byte[] buffer = new byte[65535];
            while (true) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                in.receive(packet);
                out.send(new DatagramPacket(packet.getData(), packet.getOffset(), packet.getLength(), target));
            }
        }
    }
}
