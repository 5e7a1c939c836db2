package io.switchboard.sip.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Hand-written SIP over raw sockets, for tests. */
final class RawSip {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private RawSip() {}

    /** A port free for both UDP and TCP on 127.0.0.1 right now. */
    /**
     * Ports handed out in this JVM: the kernel may give a closed ephemeral port again at once, and two stacks of one
     * test asking one after the other then got the same one (ProxyRelayTest: "Multiple consumers for the same
     * endpoint").
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket ss = new ServerSocket(0, 50, LOOPBACK)) {
                int port = ss.getLocalPort();
                if (!HANDED_OUT.add(port)) {
                    continue;
                }
                try (DatagramSocket ds = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
                    return port;
                } catch (IOException inUse) {
                    // try another one
                }
            }
        }
        throw new IOException("no free port");
    }

    static String newCallId() {
        return Long.toHexString(ThreadLocalRandom.current().nextLong()) + "@test";
    }

    /** A request with the mandatory headers; {@code extra} lines are added before Content-Length. */
    static String request(
            String method,
            String requestUri,
            String transport,
            int localPort,
            String callId,
            long cseq,
            String branch,
            List<String> extra,
            String body) {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(requestUri).append(" SIP/2.0\r\n");
        sb.append("Via: SIP/2.0/")
                .append(transport)
                .append(" 127.0.0.1:")
                .append(localPort)
                .append(";branch=")
                .append(branch)
                .append(";rport\r\n");
        sb.append("Max-Forwards: 70\r\n");
        sb.append("From: <sip:alice@127.0.0.1:")
                .append(localPort)
                .append(">;tag=from")
                .append(cseq)
                .append("\r\n");
        sb.append("To: <").append(requestUri).append(">\r\n");
        sb.append("Call-ID: ").append(callId).append("\r\n");
        sb.append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
        if (extra != null) {
            for (String line : extra) {
                sb.append(line).append("\r\n");
            }
        }
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        sb.append("Content-Length: ").append(b.length).append("\r\n\r\n");
        if (body != null) {
            sb.append(body);
        }
        return sb.toString();
    }

    static String branch() {
        return "z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** Parsed view of a message received in a test. */
    static final class Msg {
        final String text;
        final String firstLine;
        final List<String[]> headers = new ArrayList<>();
        final String body;

        Msg(String text) {
            this.text = text;
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            body = end < 0 ? "" : text.substring(end + 4);
            String[] lines = head.split("\r\n");
            firstLine = lines[0];
            for (int i = 1; i < lines.length; i++) {
                int c = lines[i].indexOf(':');
                if (c > 0) {
                    headers.add(new String[] {
                        lines[i].substring(0, c).trim(),
                        lines[i].substring(c + 1).trim()
                    });
                }
            }
        }

        int status() {
            if (!firstLine.startsWith("SIP/2.0 ")) {
                return 0;
            }
            return Integer.parseInt(firstLine.substring(8, 11));
        }

        String reason() {
            return firstLine.length() > 12 ? firstLine.substring(12) : "";
        }

        String method() {
            return firstLine.substring(0, firstLine.indexOf(' '));
        }

        String requestUri() {
            String[] parts = firstLine.split(" ");
            return parts[1];
        }

        String header(String name) {
            List<String> all = all(name);
            return all.isEmpty() ? null : all.get(0);
        }

        List<String> all(String name) {
            List<String> out = new ArrayList<>();
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    out.add(h[1]);
                }
            }
            return out;
        }

        /** Every value of a header, comma-separated lists split (outside quotes and angle brackets). */
        List<String> values(String name) {
            List<String> out = new ArrayList<>();
            for (String line : all(name)) {
                int depth = 0;
                boolean quoted = false;
                int start = 0;
                for (int i = 0; i < line.length(); i++) {
                    char c = line.charAt(i);
                    if (c == '"') {
                        quoted = !quoted;
                    } else if (!quoted && c == '<') {
                        depth++;
                    } else if (!quoted && c == '>') {
                        depth--;
                    } else if (!quoted && depth == 0 && c == ',') {
                        out.add(line.substring(start, i).trim());
                        start = i + 1;
                    }
                }
                out.add(line.substring(start).trim());
            }
            return out;
        }

        String tag(String header) {
            String v = header(header);
            if (v == null) {
                return null;
            }
            int i = v.toLowerCase(Locale.ROOT).indexOf(";tag=");
            if (i < 0) {
                return null;
            }
            String t = v.substring(i + 5);
            int semi = t.indexOf(';');
            return semi < 0 ? t : t.substring(0, semi);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** A UDP peer on 127.0.0.1. */
    static final class Udp implements AutoCloseable {
        final DatagramSocket socket;

        Udp() throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        }

        Udp(int port) throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, port));
        }

        int port() {
            return socket.getLocalPort();
        }

        void send(String text, int port) throws IOException {
            send(text.getBytes(StandardCharsets.UTF_8), port);
        }

        void send(byte[] data, int port) throws IOException {
            socket.send(new DatagramPacket(data, data.length, LOOPBACK, port));
        }

        /** Next datagram, or null after {@code timeoutMillis}. */
        Msg receive(int timeoutMillis) throws IOException {
            socket.setSoTimeout(timeoutMillis);
            byte[] buf = new byte[65535];
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            }
            return new Msg(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
        }

        /** Next response with a status >= {@code minStatus}, skipping others; null on timeout. */
        Msg receiveStatusAtLeast(int minStatus, int timeoutMillis) throws IOException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (true) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return null;
                }
                Msg m = receive((int) left);
                if (m == null) {
                    return null;
                }
                if (m.status() >= minStatus) {
                    return m;
                }
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** A TCP connection to 127.0.0.1:port reading Content-Length framed messages. */
    static final class Tcp implements AutoCloseable {
        final Socket socket;
        private final InputStream in;

        Tcp(int port) throws IOException {
            socket = new Socket(LOOPBACK, port);
            in = socket.getInputStream();
        }

        int localPort() {
            return socket.getLocalPort();
        }

        void send(String text) throws IOException {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        }

        /** Next message, or null after {@code timeoutMillis}. */
        Msg receive(int timeoutMillis) throws IOException {
            socket.setSoTimeout(timeoutMillis);
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            try {
                byte[] last = new byte[4];
                int n = 0;
                while (true) {
                    int b = in.read();
                    if (b < 0) {
                        return null;
                    }
                    if (n == 0 && (b == '\r' || b == '\n')) {
                        continue; // keep-alive CRLFs between messages
                    }
                    head.write(b);
                    last[n++ % 4] = (byte) b;
                    if (n >= 4
                            && last[(n - 4) % 4] == '\r'
                            && last[(n - 3) % 4] == '\n'
                            && last[(n - 2) % 4] == '\r'
                            && last[(n - 1) % 4] == '\n') {
                        break;
                    }
                }
                String headText = head.toString(StandardCharsets.UTF_8);
                Msg headOnly = new Msg(headText);
                String cl = headOnly.header("Content-Length");
                if (cl == null) {
                    cl = headOnly.header("l");
                }
                int length = cl == null ? 0 : Integer.parseInt(cl.trim());
                byte[] body = in.readNBytes(length);
                return new Msg(headText + new String(body, StandardCharsets.UTF_8));
            } catch (SocketTimeoutException e) {
                return null;
            }
        }

        Msg receiveStatusAtLeast(int minStatus, int timeoutMillis) throws IOException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            while (true) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return null;
                }
                Msg m = receive((int) left);
                if (m == null) {
                    return null;
                }
                if (m.status() >= minStatus) {
                    return m;
                }
            }
        }

        /** True when the peer closes the connection (EOF or reset) within {@code timeoutMillis}. */
        boolean closedWithin(int timeoutMillis) throws IOException {
            socket.setSoTimeout(timeoutMillis);
            try {
                return in.read() < 0;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
