package io.switchboard.diameter.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.diameter.Avp;
import io.switchboard.diameter.AvpCodes;
import io.switchboard.diameter.DiameterCodec;
import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.diameter.DiameterException;
import io.switchboard.diameter.DiameterMessage;
import io.switchboard.diameter.DiameterPeerInfo;
import io.switchboard.diameter.DiameterResultCodes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The peer state machine of a node over real loopback sockets, against a raw peer and against another node. */
class PeerStateMachineTest {

    private final DiameterDictionary dict = DiameterDictionary.standard();
    private final List<DiameterNode> nodes = new ArrayList<>();
    private HandlerRegistry registry;
    private DiameterNode hss;
    private int port;

    @BeforeEach
    void startHss() throws Exception {
        port = Nodes.freePort();
        registry = new HandlerRegistry();
        registry.register(16777216L, (peer, request) -> {
            DiameterMessage a = request.createAnswer();
            a.add(dict.create("Result-Code", DiameterResultCodes.SUCCESS));
            a.add(dict.create("User-Name", peer));
            return CompletableFuture.completedFuture(a);
        });
        hss = start(
                Nodes.config(
                        "hss.ims.test", port, "icscf.ims.test, scscf.ims.test", Map.of("watchdog.interval", "0.3")),
                registry);
    }

    private DiameterNode start(DiameterConfig c, HandlerRegistry r) throws InterruptedException {
        DiameterNode n = Nodes.start(c, r);
        nodes.add(n);
        return n;
    }

    @AfterEach
    void stop() {
        nodes.forEach(DiameterNode::stop);
    }

    @Test
    void aConfiguredPeerGetsCea2001WithOurCxCapabilities() throws Exception {
        try (RawPeer p = new RawPeer(port)) {
            DiameterMessage cea = p.open("icscf.ims.test");
            assertEquals(257, cea.commandCode());
            assertFalse(cea.isRequest());
            assertEquals(2001L, cea.resultCode().orElseThrow());
            assertEquals("hss.ims.test", cea.originHost().orElseThrow());
            assertTrue(cea.find(AvpCodes.HOST_IP_ADDRESS).isPresent());
            assertEquals(
                    10415, cea.find(AvpCodes.SUPPORTED_VENDOR_ID).orElseThrow().asUnsigned32());
            Avp vsai = cea.find(AvpCodes.VENDOR_SPECIFIC_APPLICATION_ID).orElseThrow();
            assertEquals(
                    16777216,
                    vsai.child(AvpCodes.AUTH_APPLICATION_ID, 0).orElseThrow().asUnsigned32());
            awaitTrue(() -> hss.peers().stream()
                    .anyMatch(i ->
                            i.identity().equals("icscf.ims.test") && i.state().equals("OPEN")));
        }
    }

    @Test
    void anUnknownPeerGets3010AndIsClosed() throws Exception {
        try (RawPeer p = new RawPeer(port)) {
            DiameterMessage cea = p.open("intruder.evil.test");
            assertEquals(DiameterResultCodes.UNKNOWN_PEER, cea.resultCode().orElseThrow());
            assertTrue(cea.isError(), "3xxx carries the E bit");
            assertTrue(p.closedByPeer());
        }
    }

    @Test
    void aPeerWithoutCxGets5010AndIsClosed() throws Exception {
        try (RawPeer p = new RawPeer(port)) {
            p.send(p.cer("icscf.ims.test", "ims.test", false));
            assertEquals(
                    DiameterResultCodes.NO_COMMON_APPLICATION,
                    p.receive().resultCode().orElseThrow());
            assertTrue(p.closedByPeer());
        }
    }

    @Test
    void aRequestBeforeTheCapabilitiesExchangeClosesTheConnection() throws Exception {
        try (RawPeer p = new RawPeer(port)) {
            p.send(MessageChecksTest.uar(dict));
            assertTrue(p.closedByPeer());
        }
    }

    @Test
    void aBadVersionClosesTheConnectionAndOtherPeersKeepBeingServed() throws Exception {
        try (RawPeer good = new RawPeer(port);
                RawPeer bad = new RawPeer(port)) {
            assertEquals(2001L, good.open("icscf.ims.test").resultCode().orElseThrow());
            assertEquals(2001L, bad.open("scscf.ims.test").resultCode().orElseThrow());
            byte[] wire = DiameterCodec.encode(MessageChecksTest.uar(dict));
            wire[0] = 2;
            bad.sendBytes(wire);
            assertTrue(bad.closedByPeer());
            good.send(MessageChecksTest.uar(dict));
            assertEquals(2001L, good.receive().resultCode().orElseThrow());
        }
    }

    @Test
    void protocolErrorsAreAnsweredWithTheirCodesAndFailedAvp() throws Exception {
        try (RawPeer p = new RawPeer(port)) {
            p.open("icscf.ims.test");
            DiameterMessage missing = MessageChecksTest.uar(dict);
            missing.remove(1, 0);
            p.send(missing);
            DiameterMessage a = p.receive();
            assertEquals(DiameterResultCodes.MISSING_AVP, a.resultCode().orElseThrow());
            assertEquals(
                    1,
                    a.find(AvpCodes.FAILED_AVP).orElseThrow().children().get(0).code());
            assertEquals(missing.hopByHop(), a.hopByHop());
            assertEquals("icscf;1;1", a.sessionId().orElseThrow());

            DiameterMessage unknown = MessageChecksTest.uar(dict);
            unknown.add(new Avp(4242, 0, Avp.FLAG_MANDATORY, new byte[4]));
            p.send(unknown);
            a = p.receive();
            assertEquals(DiameterResultCodes.AVP_UNSUPPORTED, a.resultCode().orElseThrow());
            assertEquals(
                    4242,
                    a.find(AvpCodes.FAILED_AVP).orElseThrow().children().get(0).code());
            assertFalse(a.isError(), "5xxx answers have no E bit");

            DiameterMessage sh = MessageChecksTest.uar(dict);
            p.send(new DiameterMessage(0xC0, 306, 16777217, 999, 999).addAll(sh.avps()));
            a = p.receive();
            assertEquals(
                    DiameterResultCodes.APPLICATION_UNSUPPORTED, a.resultCode().orElseThrow());
            assertTrue(a.isError());

            byte[] wire = DiameterCodec.encode(MessageChecksTest.uar(dict));
            ByteBuffer.wrap(wire).putInt(20 + 4, 0x40000000 | 0x7FFF);
            ByteBuffer.wrap(wire).putInt(12, 4711);
            p.sendBytes(wire);
            a = p.receive();
            assertEquals(DiameterResultCodes.INVALID_AVP_LENGTH, a.resultCode().orElseThrow());
            assertEquals(4711, a.hopByHop());
            assertEquals(
                    263,
                    a.find(AvpCodes.FAILED_AVP).orElseThrow().children().get(0).code());

            DiameterMessage elsewhere = MessageChecksTest.uar(dict);
            elsewhere.remove(AvpCodes.DESTINATION_REALM, 0);
            elsewhere.add(dict.create("Destination-Realm", "other.test"));
            p.send(elsewhere);
            assertEquals(
                    DiameterResultCodes.REALM_NOT_SERVED,
                    p.receive().resultCode().orElseThrow());

            p.send(MessageChecksTest.uar(dict));
            a = p.receive();
            assertEquals(2001L, a.resultCode().orElseThrow(), "the connection still serves");
            assertEquals("icscf.ims.test", a.find(1).orElseThrow().asUtf8());
        }
    }

    @Test
    void theWatchdogSendsDwrAndASilentPeerIsClosedAsFailed() throws Exception {
        try (RawPeer p = new RawPeer(port)) {
            p.open("icscf.ims.test");
            DiameterMessage dwr = p.receiveRequest(280);
            assertEquals("hss.ims.test", dwr.originHost().orElseThrow());
            DiameterMessage dwa = dwr.createAnswer();
            dwa.add(dict.create("Origin-Host", "icscf.ims.test"));
            dwa.add(dict.create("Origin-Realm", "ims.test"));
            dwa.add(dict.create("Result-Code", 2001));
            p.send(dwa);
            p.receiveRequest(280);
            long silentSince = System.nanoTime();
            assertTrue(p.closedByPeer(), "no DWA within Tw: failover");
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silentSince) < 3000);
        }
    }

    @Test
    void aDwrIsAnsweredAndADprIsAnsweredThenTheConnectionCloses() throws Exception {
        try (RawPeer p = new RawPeer(port)) {
            p.open("icscf.ims.test");
            DiameterMessage dwr = DiameterMessage.request(280, 0, false);
            dwr.add(dict.create("Origin-Host", "icscf.ims.test"));
            dwr.add(dict.create("Origin-Realm", "ims.test"));
            p.send(dwr);
            DiameterMessage dwa = p.receive();
            while (dwa.isRequest()) {
                dwa = p.receive();
            }
            assertEquals(280, dwa.commandCode());
            assertEquals(2001L, dwa.resultCode().orElseThrow());
            DiameterMessage dpr = DiameterMessage.request(282, 0, false);
            dpr.add(dict.create("Origin-Host", "icscf.ims.test"));
            dpr.add(dict.create("Origin-Realm", "ims.test"));
            dpr.add(dict.create("Disconnect-Cause", 0));
            p.send(dpr);
            DiameterMessage dpa = p.receive();
            while (dpa.isRequest()) {
                dpa = p.receive();
            }
            assertEquals(282, dpa.commandCode());
            assertEquals(2001L, dpa.resultCode().orElseThrow());
        }
    }

    @Test
    void aNodeConnectsOutSendsARequestAndGetsTheAnswerMatchedByHopByHop() throws Exception {
        DiameterNode icscf = start(
                Nodes.config("icscf.ims.test", 0, "hss.ims.test=127.0.0.1:" + port, Map.of()), new HandlerRegistry());
        awaitTrue(() -> icscf.peers().stream().anyMatch(i -> i.state().equals("OPEN")));
        List<CompletableFuture<DiameterMessage>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            DiameterMessage uar = icscf.newRequest("UAR", "ims.test");
            uar.add(dict.create("User-Name", "u" + i));
            uar.add(dict.create("Public-Identity", "sip:u" + i + "@ims.test"));
            uar.add(dict.create("Visited-Network-Identifier", "ims.test"));
            answers.add(icscf.send("hss.ims.test", uar, 5000));
        }
        for (CompletableFuture<DiameterMessage> f : answers) {
            DiameterMessage a = f.get(5, TimeUnit.SECONDS);
            assertEquals(2001L, a.resultCode().orElseThrow());
            assertEquals("icscf.ims.test", a.find(1).orElseThrow().asUtf8(), "the handler saw the peer");
        }
        DiameterPeerInfo info = icscf.peers().get(0);
        assertEquals("ims.test", info.realm());
        assertTrue(info.initiator());
    }

    @Test
    void anUnansweredRequestTimesOutAndALostConnectionFailsItsRequests() throws Exception {
        HandlerRegistry silent = new HandlerRegistry();
        silent.register(16777216L, (peer, request) -> new CompletableFuture<>());
        int silentPort = Nodes.freePort();
        DiameterNode quiet = start(Nodes.config("hss2.ims.test", silentPort, "icscf.ims.test", Map.of()), silent);
        DiameterNode icscf = start(
                Nodes.config(
                        "icscf.ims.test", 0, "hss2.ims.test=127.0.0.1:" + silentPort, Map.of("reconnect.max", "60")),
                new HandlerRegistry());
        awaitTrue(() -> icscf.peers().stream().anyMatch(i -> i.state().equals("OPEN")));
        DiameterMessage uar = icscf.newRequest("UAR", "ims.test");
        uar.add(dict.create("User-Name", "u"));
        uar.add(dict.create("Public-Identity", "sip:u@ims.test"));
        uar.add(dict.create("Visited-Network-Identifier", "ims.test"));
        ExecutionException e = assertThrows(
                ExecutionException.class,
                () -> icscf.send("hss2.ims.test", uar, 200).get(2, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof DiameterException);
        assertTrue(
                e.getCause().getMessage().contains("within 200 ms"),
                e.getCause().getMessage());

        DiameterMessage again = icscf.newRequest("UAR", "ims.test");
        again.addAll(uar.avps().subList(5, uar.avps().size()));
        CompletableFuture<DiameterMessage> pending = icscf.send("hss2.ims.test", again, 10_000);
        quiet.stop();
        e = assertThrows(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof DiameterException, String.valueOf(e.getCause()));
        assertThrows(
                ExecutionException.class, () -> icscf.send(null, again, 100).get(1, TimeUnit.SECONDS), "no open peer");
    }

    @Test
    void aStoppedPeerIsReconnectedWhenItComesBack() throws Exception {
        int hss3Port = Nodes.freePort();
        HandlerRegistry r = new HandlerRegistry();
        DiameterNode hss3 = start(Nodes.config("hss3.ims.test", hss3Port, "icscf.ims.test", Map.of()), r);
        DiameterNode icscf = start(
                Nodes.config(
                        "icscf.ims.test", 0, "hss3.ims.test=127.0.0.1:" + hss3Port, Map.of("reconnect.max", "0.5")),
                new HandlerRegistry());
        awaitTrue(() -> icscf.peers().stream().anyMatch(i -> i.state().equals("OPEN")));
        hss3.stop();
        awaitTrue(() -> icscf.peers().stream().noneMatch(i -> i.state().equals("OPEN")));
        start(Nodes.config("hss3.ims.test", hss3Port, "icscf.ims.test", Map.of()), r);
        awaitTrue(() -> icscf.peers().stream().anyMatch(i -> i.state().equals("OPEN")));
    }

    @Test
    void theHigherIdentityKeepsItsOwnConnectionInAnElection() throws Exception {
        try (RawPeer first = new RawPeer(port)) {
            assertEquals(2001L, first.open("icscf.ims.test").resultCode().orElseThrow());
            PeerConnection responder = hss.table().find("icscf.ims.test").orElseThrow();
            PeerConnection initiator = new PeerConnection(hss, true, "icscf.ims.test");
            assertEquals(
                    DiameterResultCodes.ELECTION_LOST,
                    hss.table().admit(initiator, "icscf.ims.test", "x"),
                    "hss < icscf: the peer's connection wins");
            assertEquals(responder, hss.table().find("icscf.ims.test").orElseThrow());
        }
    }

    static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long until = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(20);
        }
    }
}
