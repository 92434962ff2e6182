package io.xrayagent.benchmarks.apps;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The downstream of the client-call apps: a plain socket server that answers every request on a keep-alive
 * connection with the same 200, so that no instrumentation sees it and only the client side of a call
 * differs between the variants.
 */
final class KeepAliveDownstream {
    private static final byte[] RESPONSE =
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII);

    private KeepAliveDownstream() {
    }

    /** Listens on an ephemeral loopback port, answering on daemon threads. */
    static ServerSocket start() throws IOException {
        ServerSocket downstream = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> accept(downstream), "downstream-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        return downstream;
    }

    /** The value of {@code name} in a query string, or "". */
    static String parameter(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return pair.substring(name.length() + 1);
            }
        }
        return "";
    }

    private static void accept(ServerSocket downstream) {
        while (true) {
            try {
                Socket socket = downstream.accept();
                Thread connection = new Thread(() -> answer(socket), "downstream-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Answers every request on the connection (GETs without a body) with the same 200 response. */
    private static void answer(Socket socket) {
        try (Socket closing = socket;
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream()) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isEmpty()) {
                    out.write(RESPONSE);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // The client closed the connection.
        }
    }
}
