package io.switchboard.cx.internal;

import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.diameter.DiameterException;
import io.switchboard.diameter.DiameterMessage;
import io.switchboard.diameter.DiameterPeerInfo;
import io.switchboard.diameter.DiameterRequestHandler;
import io.switchboard.diameter.DiameterStack;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A {@link DiameterStack} whose one peer, an S-CSCF, answers every request with what {@link #answers} returns (null:
 * no answer, the send fails as a time-out does). Requests pass through the codec both ways and are kept, so a test
 * sees what would have gone on the wire.
 */
final class AnsweringStack implements DiameterStack {

    static final String SCSCF_HOST = "scscf1.ims.example.org";

    final List<DiameterMessage> sent = new ArrayList<>();
    volatile Function<DiameterMessage, DiameterMessage> answers;

    AnsweringStack(Function<DiameterMessage, DiameterMessage> answers) {
        this.answers = answers;
    }

    @Override
    public String originHost() {
        return "hss.ims.example.org";
    }

    @Override
    public String originRealm() {
        return "ims.example.org";
    }

    @Override
    public DiameterDictionary dictionary() {
        return CxMessages.D;
    }

    @Override
    public DiameterMessage newRequest(String command, String destinationRealm) {
        int code = CxMessages.D.command(command).orElseThrow().code();
        DiameterMessage m = DiameterMessage.request(code, 16777216L, true);
        m.add(CxMessages.avp("Session-Id", originHost() + ";1;" + sent.size()));
        m.add(CxMessages.group(
                "Vendor-Specific-Application-Id",
                CxMessages.avp("Vendor-Id", 10415),
                CxMessages.avp("Auth-Application-Id", 16777216L)));
        m.add(CxMessages.avp("Auth-Session-State", 1));
        m.add(CxMessages.avp("Origin-Host", originHost()));
        m.add(CxMessages.avp("Origin-Realm", originRealm()));
        m.add(CxMessages.avp("Destination-Realm", destinationRealm));
        return m;
    }

    @Override
    public synchronized CompletableFuture<DiameterMessage> send(String peer, DiameterMessage request, long timeoutMs) {
        DiameterMessage onWire = CxMessages.wire(request);
        sent.add(onWire);
        if (!SCSCF_HOST.equals(peer)) {
            return CompletableFuture.failedFuture(new DiameterException("no open peer " + peer));
        }
        DiameterMessage answer = answers.apply(onWire);
        return answer == null
                ? CompletableFuture.failedFuture(new DiameterException("no answer within " + timeoutMs + " ms"))
                : CompletableFuture.completedFuture(CxMessages.wire(answer));
    }

    @Override
    public long requestTimeoutMillis() {
        return 1000;
    }

    @Override
    public List<DiameterPeerInfo> peers() {
        return List.of(new DiameterPeerInfo(SCSCF_HOST, "scscf.realm", "OPEN", "127.0.0.1:3870", false));
    }

    @Override
    public AutoCloseable register(long applicationId, DiameterRequestHandler handler) {
        throw new UnsupportedOperationException("the HSS only sends through this stack");
    }

    /** The S-CSCF's answer with a base Result-Code. */
    static DiameterMessage answer(DiameterMessage request, long resultCode) {
        DiameterMessage a = request.createAnswer();
        a.add(CxMessages.avp("Result-Code", resultCode));
        a.add(CxMessages.avp("Origin-Host", SCSCF_HOST));
        a.add(CxMessages.avp("Origin-Realm", "scscf.realm"));
        return a;
    }
}
