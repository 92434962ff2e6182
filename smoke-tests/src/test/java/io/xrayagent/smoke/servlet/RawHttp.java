package io.xrayagent.smoke.servlet;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 over a plain socket, so that a test controls every byte: odd methods, raw non-ASCII targets,
 * headers {@code HttpURLConnection} would refuse or rewrite. One request per connection ({@code Connection: close}).
 */
final class RawHttp {
    static final String USER_AGENT = "servlet-matrix-test/1.0";

    private RawHttp() {
    }

    /** A GET with Host, User-Agent and Connection set as a browser would, plus {@code extraHeaders}. */
    static Response get(int port, String target, String... extraHeaders) throws IOException {
        List<String> headers = new ArrayList<>();
        headers.add("Host: 127.0.0.1:" + port);
        headers.add("User-Agent: " + USER_AGENT);
        headers.addAll(List.of(extraHeaders));
        headers.add("Connection: close");
        return send(port, request("GET " + target + " HTTP/1.1", headers));
    }

    /** The bytes of a request: the request line and headers as given, in UTF-8, and an empty body. */
    static byte[] request(String requestLine, List<String> headers) {
        StringBuilder text = new StringBuilder(requestLine).append("\r\n");
        for (String header : headers) {
            text.append(header).append("\r\n");
        }
        return text.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    static Response send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(20_000);
            double sentAt = System.currentTimeMillis() / 1000.0;
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] chunk = new byte[8192];
            int n;
            try {
                while ((n = in.read(chunk)) > 0) {
                    received.write(chunk, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // A server that rejects a request may reset the connection after answering: keep what arrived.
            }
            String requestLine = new String(request, StandardCharsets.UTF_8).split("\r\n", 2)[0];
            return Response.parse(received.toByteArray(), requestLine, sentAt);
        }
    }

    static final class Response {
        final String requestLine;
        /** When the request was sent, in seconds since the epoch, as segments count time. */
        final double sentAt;
        final int status;
        final String statusLine;
        final List<String[]> headers;
        final String body;

        private Response(String requestLine, double sentAt, int status, String statusLine, List<String[]> headers,
                String body) {
            this.requestLine = requestLine;
            this.sentAt = sentAt;
            this.status = status;
            this.statusLine = statusLine;
            this.headers = headers;
            this.body = body;
        }

        static Response parse(byte[] raw, String requestLine, double sentAt) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return new Response(requestLine, sentAt, -1, text, List.of(), "");
            }
            String[] lines = text.substring(0, end).split("\r\n");
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.add(new String[] {lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim()});
            }
            String[] statusParts = lines[0].split(" ", 3);
            byte[] body = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
            Response head = new Response(requestLine, sentAt, Integer.parseInt(statusParts[1]), lines[0], headers, "");
            if ("chunked".equalsIgnoreCase(head.header("Transfer-Encoding"))) {
                body = dechunk(body);
            }
            return new Response(requestLine, sentAt, head.status, lines[0], headers, new String(body, StandardCharsets.UTF_8));
        }

        /** The first value of a header, by case-insensitive name, or null. */
        String header(String name) {
            for (String[] header : headers) {
                if (header[0].equalsIgnoreCase(name)) {
                    return header[1];
                }
            }
            return null;
        }

        /** The headers, lower-cased names, without those that differ by nature from one run to the next. */
        List<String> comparableHeaders() {
            List<String> result = new ArrayList<>();
            for (String[] header : headers) {
                String name = header[0].toLowerCase(Locale.ROOT);
                if (!name.equals("date") && !name.equals("x-amzn-trace-id")) {
                    result.add(name + ": " + header[1]);
                }
            }
            return result;
        }

        private static byte[] dechunk(byte[] chunked) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int pos = 0;
            while (pos < chunked.length) {
                int lineEnd = indexOf(chunked, pos);
                if (lineEnd < 0) {
                    break;
                }
                String sizeField = new String(chunked, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
                int semicolon = sizeField.indexOf(';');
                int size = Integer.parseInt((semicolon < 0 ? sizeField : sizeField.substring(0, semicolon)).trim(), 16);
                if (size == 0) {
                    break;
                }
                out.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
                pos = lineEnd + 2 + size + 2;
            }
            return out.toByteArray();
        }

        private static int indexOf(byte[] bytes, int from) {
            for (int i = from; i < bytes.length - 1; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        /** The request target without its query: {@code /status} for {@code GET /status?code=429 HTTP/1.1}. */
        String path() {
            String target = requestLine.split(" ")[1];
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        @Override
        public String toString() {
            String shown = body.length() > 300 ? body.substring(0, 300) + "..." : body;
            return (requestLine.length() > 200 ? requestLine.substring(0, 200) + "..." : requestLine) + " -> "
                    + statusLine + " " + comparableHeaders() + "\n" + shown;
        }
    }
}
