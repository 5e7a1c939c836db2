package io.switchboard.diameter.internal;

import io.switchboard.diameter.DiameterCodec;
import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.diameter.DiameterMessage;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/** A hand-driven Diameter peer on a plain socket: sends exactly the bytes a test wants and reads what comes back. */
final class RawPeer implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final DiameterDictionary dict = DiameterDictionary.standard();
    private int hbh = 100;

    RawPeer(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5000);
        in = new DataInputStream(socket.getInputStream());
    }

    DiameterMessage cer(String host, String realm, boolean cx) {
        DiameterMessage m = DiameterMessage.request(257, 0, false);
        m.add(dict.create("Origin-Host", host));
        m.add(dict.create("Origin-Realm", realm));
        m.add(dict.create("Vendor-Id", 0));
        m.add(dict.create("Product-Name", "raw"));
        if (cx) {
            m.add(dict.group(
                    "Vendor-Specific-Application-Id",
                    dict.create("Vendor-Id", 10415),
                    dict.create("Auth-Application-Id", 16777216)));
        } else {
            m.add(dict.create("Auth-Application-Id", 4));
        }
        return m;
    }

    /** CER as {@code host} with Cx; returns the CEA. */
    DiameterMessage open(String host) throws IOException {
        send(cer(host, "ims.test", true));
        return receive();
    }

    void send(DiameterMessage m) throws IOException {
        if (m.hopByHop() == 0) {
            m.setHopByHop(++hbh);
            m.setEndToEnd(hbh);
        }
        sendBytes(DiameterCodec.encode(m));
    }

    void sendBytes(byte[] b) throws IOException {
        socket.getOutputStream().write(b);
        socket.getOutputStream().flush();
    }

    DiameterMessage receive() throws IOException {
        int first = in.readInt();
        byte[] frame = new byte[first & 0xFFFFFF];
        ByteBuffer.wrap(frame).putInt(first);
        in.readFully(frame, 4, frame.length - 4);
        return DiameterCodec.decode(frame);
    }

    /** Reads until a request with this command arrives (answers and other requests are skipped). */
    DiameterMessage receiveRequest(int command) throws IOException {
        while (true) {
            DiameterMessage m = receive();
            if (m.isRequest() && m.commandCode() == command) {
                return m;
            }
        }
    }

    /** True when the other side closed the connection within the socket's time-out. */
    boolean closedByPeer() throws IOException {
        try {
            while (true) {
                receive();
            }
        } catch (EOFException e) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return "Connection reset".equals(e.getMessage());
        }
    }

    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
