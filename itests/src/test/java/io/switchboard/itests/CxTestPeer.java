package io.switchboard.itests;

import io.switchboard.diameter.Avp;
import io.switchboard.diameter.AvpDefinition;
import io.switchboard.diameter.CommandDefinition;
import io.switchboard.diameter.DiameterCodec;
import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.diameter.DiameterMessage;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Cx peer on a plain TCP socket, built on the diameter bundle's codec and dictionary only (none of its transport):
 * the CSCF side of the wire tests and of {@code bench/cx-bench.sh}. It sends CER and Cx requests, matches answers by
 * Hop-by-Hop, answers DWR, and answers the HSS's RTR/PPR with {@link #rtaResult}, keeping each for the test.
 */
public final class CxTestPeer implements Closeable {

    public static final DiameterDictionary D = DiameterDictionary.standard();
    public static final long CX = 16777216L;

    private final String host;
    private final String realm;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Map<Integer, CompletableFuture<DiameterMessage>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger hopByHop = new AtomicInteger(0x1000);
    private final AtomicInteger sessions = new AtomicInteger();
    private final Thread reader;

    /** Requests the HSS sent us (RTR, PPR), in arrival order. */
    public final BlockingQueue<DiameterMessage> received = new LinkedBlockingQueue<>();

    /** The Result-Code we answer RTR and PPR with. */
    public volatile long rtaResult = 2001;

    private CxTestPeer(String host, String realm, Socket socket) throws IOException {
        this.host = host;
        this.realm = realm;
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.reader = new Thread(this::read, "cx-test-peer-" + host);
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects and completes the capabilities exchange; fails unless the CEA says 2001. */
    public static CxTestPeer connect(int port, String host, String realm) throws Exception {
        CxTestPeer p = new CxTestPeer(host, realm, new Socket(InetAddress.getLoopbackAddress(), port));
        CommandDefinition cer = D.command("CER").orElseThrow();
        DiameterMessage m = DiameterMessage.request(cer.code(), 0, false);
        m.add(D.create("Origin-Host", host));
        m.add(D.create("Origin-Realm", realm));
        m.add(D.create("Host-IP-Address", InetAddress.getLoopbackAddress()));
        m.add(D.create("Vendor-Id", 0));
        m.add(D.create("Product-Name", "cx-test-peer"));
        m.add(D.create("Supported-Vendor-Id", 10415));
        m.add(cxApplication());
        DiameterMessage cea = p.send(m);
        long result = cea.resultCode().orElse(-1L);
        if (result != 2001) {
            p.close();
            throw new IOException("CEA " + result);
        }
        return p;
    }

    public static Avp cxApplication() {
        return D.group(
                "Vendor-Specific-Application-Id", D.create("Vendor-Id", 10415), D.create("Auth-Application-Id", CX));
    }

    public static Avp avp(String name, Object value) {
        return D.create(name, value);
    }

    /** A Cx request of {@code command} (UAR, MAR...) with the AVPs every Cx request starts with, then {@code avps}. */
    public DiameterMessage request(String command, String destinationRealm, Avp... avps) {
        CommandDefinition c = D.command(command).orElseThrow();
        DiameterMessage m = DiameterMessage.request(c.code(), c.applicationId(), true);
        m.add(D.create("Session-Id", host + ";" + System.nanoTime() + ";" + sessions.incrementAndGet()));
        m.add(cxApplication());
        m.add(D.create("Auth-Session-State", 1));
        m.add(D.create("Origin-Host", host));
        m.add(D.create("Origin-Realm", realm));
        m.add(D.create("Destination-Realm", destinationRealm));
        for (Avp a : avps) {
            m.add(a);
        }
        return m;
    }

    /** Sends and waits (5 s) for the answer. */
    public DiameterMessage send(DiameterMessage request) throws Exception {
        return sendAsync(request).get(5, TimeUnit.SECONDS);
    }

    /** Sends; the future completes with the answer (never times out by itself). */
    public CompletableFuture<DiameterMessage> sendAsync(DiameterMessage request) throws IOException {
        int hbh = hopByHop.incrementAndGet();
        request.setHopByHop(hbh);
        request.setEndToEnd(hbh);
        CompletableFuture<DiameterMessage> f = new CompletableFuture<>();
        pending.put(hbh, f);
        write(request);
        return f;
    }

    private synchronized void write(DiameterMessage m) throws IOException {
        out.write(DiameterCodec.encode(m));
        out.flush();
    }

    private void read() {
        try {
            while (true) {
                byte[] head = new byte[4];
                in.readFully(head);
                int length = ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8) | (head[3] & 0xFF);
                byte[] frame = new byte[length];
                System.arraycopy(head, 0, frame, 0, 4);
                in.readFully(frame, 4, length - 4);
                DiameterMessage m = DiameterCodec.decode(frame);
                if (!m.isRequest()) {
                    CompletableFuture<DiameterMessage> f = pending.remove(m.hopByHop());
                    if (f != null) {
                        f.complete(m);
                    }
                } else {
                    write(answer(m));
                }
            }
        } catch (IOException | RuntimeException e) {
            failAll(e);
        }
    }

    private DiameterMessage answer(DiameterMessage request) {
        DiameterMessage a = request.createAnswer();
        if (request.applicationId() == CX) {
            received.add(request);
            a.add(cxApplication());
            a.add(D.create("Result-Code", rtaResult));
            a.add(D.create("Auth-Session-State", 1));
        } else {
            a.add(D.create("Result-Code", 2001));
        }
        a.add(D.create("Origin-Host", host));
        a.add(D.create("Origin-Realm", realm));
        return a;
    }

    private void failAll(Exception e) {
        pending.values().forEach(f -> f.completeExceptionally(e));
        pending.clear();
    }

    /** The top-level AVP of this name. */
    public static Optional<Avp> find(DiameterMessage m, String name) {
        AvpDefinition d = D.avp(name).orElseThrow();
        return m.find(d.code(), d.vendorId());
    }

    /** A child of a Grouped AVP. */
    public static Optional<Avp> child(Avp group, String name) {
        AvpDefinition d = D.avp(name).orElseThrow();
        return group.child(d.code(), d.vendorId());
    }

    /** Experimental-Result-Code (checked to come with Vendor-Id 10415), or -1. */
    public static long experimental(DiameterMessage a) {
        return find(a, "Experimental-Result")
                .map(g -> {
                    if (child(g, "Vendor-Id").map(Avp::asUnsigned32).orElse(0L) != 10415) {
                        throw new AssertionError("Experimental-Result without Vendor-Id 10415");
                    }
                    return child(g, "Experimental-Result-Code").orElseThrow().asUnsigned32();
                })
                .orElse(-1L);
    }

    /** The base Result-Code, or -1. */
    public static long result(DiameterMessage a) {
        return find(a, "Result-Code").map(Avp::asUnsigned32).orElse(-1L);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
