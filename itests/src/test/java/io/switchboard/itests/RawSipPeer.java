package io.switchboard.itests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * A SIP peer of plain Java sockets, for what SIPp cannot send: malformed messages byte for byte, and requests from a
 * source address of our choosing on loopback (127.0.0.x, each a different source for the platform's per-source
 * checks). Over UDP it sends from its own port, named in the Via; over TCP it keeps one connection and reads
 * Content-Length framed responses from it.
 */
final class RawSipPeer implements AutoCloseable {

    /** A response as received. */
    record Response(String text) {
        int status() {
            return Integer.parseInt(text.substring(8, 11));
        }

        String reason() {
            int end = text.indexOf("\r\n");
            return text.substring(12, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final String transport;
    private final String host;
    private final int serverPort;
    private final DatagramSocket udp;
    private final Socket tcp;
    private final InputStream tcpIn;

    private RawSipPeer(String transport, String host, int serverPort) throws IOException {
        this.transport = transport;
        this.host = host;
        this.serverPort = serverPort;
        if (transport.equals("UDP")) {
            udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), 0));
            tcp = null;
            tcpIn = null;
        } else {
            udp = null;
            tcp = new Socket();
            tcp.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
            tcp.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), serverPort), 5000);
            tcpIn = tcp.getInputStream();
        }
    }

    /** A peer on {@code host} (a loopback address) talking to the platform's SIP port over UDP or TCP. */
    static RawSipPeer open(String transport, String host, int serverPort) throws IOException {
        return new RawSipPeer(transport.toUpperCase(Locale.ROOT), host, serverPort);
    }

    String transport() {
        return transport;
    }

    int localPort() {
        return udp != null ? udp.getLocalPort() : tcp.getLocalPort();
    }

    /**
     * A request from this peer with the usual headers, each line ending in CRLF; {@code extra} header lines are put
     * before Content-Length, and {@code body} after the empty line (Content-Length counts it).
     */
    String request(String method, String extra, String body) {
        String b = body == null ? "" : body;
        return method + " sip:sb@127.0.0.1:" + serverPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " " + host + ":" + localPort() + ";branch=z9hG4bK-"
                + UUID.randomUUID() + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:tester@" + host + ">;tag="
                + UUID.randomUUID().toString().substring(0, 8) + "\r\n"
                + "To: <sip:sb@127.0.0.1>\r\n"
                + "Call-ID: " + UUID.randomUUID() + "@" + host + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:tester@" + host + ":" + localPort() + ";transport="
                + transport.toLowerCase(Locale.ROOT)
                + ">\r\n"
                + (extra == null ? "" : extra)
                + "Content-Length: " + b.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n"
                + b;
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        if (udp != null) {
            udp.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), serverPort));
        } else {
            tcp.getOutputStream().write(bytes);
            tcp.getOutputStream().flush();
        }
    }

    /** The next final response (provisional ones are skipped), or null after {@code millis}. */
    Response receiveFinal(int millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            Response r = receive((int) left);
            if (r == null || r.status() >= 200) {
                return r;
            }
        }
    }

    private Response receive(int millis) throws IOException {
        try {
            if (udp != null) {
                udp.setSoTimeout(millis);
                byte[] buf = new byte[65535];
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                return new Response(new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8));
            }
            tcp.setSoTimeout(millis);
            return new Response(readTcpMessage());
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    private String readTcpMessage() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int c = tcpIn.read();
            if (c < 0) {
                throw new IOException("connection closed; read so far: " + head);
            }
            if (head.size() == 0 && (c == '\r' || c == '\n')) {
                continue; // keep-alive CRLFs between messages
            }
            head.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
                    ? state + 1
                    : (c == '\r' ? 1 : 0);
        }
        String h = head.toString(StandardCharsets.UTF_8);
        int length = 0;
        for (String line : h.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim();
                if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("l")) {
                    length = Integer.parseInt(line.substring(colon + 1).trim());
                }
            }
        }
        byte[] body = tcpIn.readNBytes(length);
        return h + new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        if (udp != null) {
            udp.close();
        } else {
            tcp.close();
        }
    }
}
