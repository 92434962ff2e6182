package io.xrayagent.instrumentation.okhttp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Accepts one WebSocket upgrade on a loopback port (RFC 6455 handshake, then the connection is held open
 * until the client closes it), and remembers the trace header of the upgrade request.
 */
final class WebSocketUpgradeServer implements AutoCloseable {
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private volatile String traceHeader;

    WebSocketUpgradeServer() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::acceptOne, "websocket-upgrade-server");
        thread.setDaemon(true);
        thread.start();
    }

    String url() {
        return "ws://127.0.0.1:" + server.getLocalPort() + "/socket";
    }

    String traceHeader() {
        return traceHeader;
    }

    private void acceptOne() {
        try (Socket socket = server.accept()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String key = null;
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                String name = colon < 0 ? "" : line.substring(0, colon).trim();
                if (name.equalsIgnoreCase("Sec-WebSocket-Key")) {
                    key = line.substring(colon + 1).trim();
                } else if (name.equalsIgnoreCase("X-Amzn-Trace-Id")) {
                    traceHeader = line.substring(colon + 1).trim();
                }
            }
            String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (socket.getInputStream().read() >= 0) {
                // Held open until the client goes away.
            }
        } catch (Exception e) {
            // The test closed the server.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
