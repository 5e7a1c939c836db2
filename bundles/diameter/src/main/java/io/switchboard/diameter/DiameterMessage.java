package io.switchboard.diameter;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One Diameter message (RFC 6733 §3): the header fields and the AVPs in their order on the wire. Mutable while a
 * route or the stack builds it; the stack encodes it when it is sent. Session-Id, when present, stays first (§8.8).
 */
public final class DiameterMessage {

    /** R: a request. */
    public static final int FLAG_REQUEST = 0x80;
    /** P: may be proxied, relayed or redirected. */
    public static final int FLAG_PROXIABLE = 0x40;
    /** E: an answer carrying a protocol error (3xxx). */
    public static final int FLAG_ERROR = 0x20;
    /** T: a potentially retransmitted request (after a failover). */
    public static final int FLAG_RETRANSMITTED = 0x10;

    private int flags;
    private int commandCode;
    private long applicationId;
    private int hopByHop;
    private int endToEnd;
    private final List<Avp> avps = new ArrayList<>();

    public DiameterMessage(int flags, int commandCode, long applicationId, int hopByHop, int endToEnd) {
        this.flags = flags & 0xF0;
        this.commandCode = commandCode;
        this.applicationId = applicationId;
        this.hopByHop = hopByHop;
        this.endToEnd = endToEnd;
    }

    /** A request with R (and P when {@code proxiable}); the identifiers are set by the stack when it is sent. */
    public static DiameterMessage request(int commandCode, long applicationId, boolean proxiable) {
        return new DiameterMessage(FLAG_REQUEST | (proxiable ? FLAG_PROXIABLE : 0), commandCode, applicationId, 0, 0);
    }

    /**
     * The answer skeleton of this request: same command, application, identifiers and P bit, R and T cleared, and
     * the request's Session-Id (§6.2). The caller adds Result-Code, Origin-Host, Origin-Realm and the rest.
     */
    public DiameterMessage createAnswer() {
        DiameterMessage a = new DiameterMessage(flags & FLAG_PROXIABLE, commandCode, applicationId, hopByHop, endToEnd);
        find(AvpCodes.SESSION_ID, 0).ifPresent(a::add);
        return a;
    }

    public int flags() {
        return flags;
    }

    public void setFlags(int flags) {
        this.flags = flags & 0xF0;
    }

    public boolean isRequest() {
        return (flags & FLAG_REQUEST) != 0;
    }

    public boolean isProxiable() {
        return (flags & FLAG_PROXIABLE) != 0;
    }

    public boolean isError() {
        return (flags & FLAG_ERROR) != 0;
    }

    /** Sets or clears the E bit (protocol-error answers, RFC 6733 §7.2). */
    public void setError(boolean error) {
        flags = error ? flags | FLAG_ERROR : flags & ~FLAG_ERROR;
    }

    public boolean isRetransmitted() {
        return (flags & FLAG_RETRANSMITTED) != 0;
    }

    public int commandCode() {
        return commandCode;
    }

    public long applicationId() {
        return applicationId;
    }

    public int hopByHop() {
        return hopByHop;
    }

    public void setHopByHop(int hopByHop) {
        this.hopByHop = hopByHop;
    }

    public int endToEnd() {
        return endToEnd;
    }

    public void setEndToEnd(int endToEnd) {
        this.endToEnd = endToEnd;
    }

    /** The AVPs in order (read-only view). */
    public List<Avp> avps() {
        return Collections.unmodifiableList(avps);
    }

    /** Appends an AVP; a Session-Id goes first. */
    public DiameterMessage add(Avp avp) {
        if (avp.code() == AvpCodes.SESSION_ID && avp.vendorId() == 0) {
            avps.removeIf(a -> a.code() == AvpCodes.SESSION_ID && a.vendorId() == 0);
            avps.add(0, avp);
        } else {
            avps.add(avp);
        }
        return this;
    }

    /** Appends AVPs as they are, in order (a decoded message keeps the order it arrived in). */
    void append(List<Avp> more) {
        avps.addAll(more);
    }

    public DiameterMessage addAll(List<Avp> more) {
        more.forEach(this::add);
        return this;
    }

    /** Removes every top-level AVP with this code and vendor. */
    public void remove(int code, long vendorId) {
        avps.removeIf(a -> a.code() == code && a.vendorId() == vendorId);
    }

    public Optional<Avp> find(int code, long vendorId) {
        for (Avp a : avps) {
            if (a.code() == code && a.vendorId() == vendorId) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** A base (vendor 0) AVP. */
    public Optional<Avp> find(int code) {
        return find(code, 0);
    }

    public List<Avp> findAll(int code, long vendorId) {
        return avps.stream()
                .filter(a -> a.code() == code && a.vendorId() == vendorId)
                .toList();
    }

    public Optional<String> sessionId() {
        return find(AvpCodes.SESSION_ID).map(Avp::asUtf8);
    }

    public Optional<String> originHost() {
        return find(AvpCodes.ORIGIN_HOST).map(Avp::asUtf8);
    }

    public Optional<String> originRealm() {
        return find(AvpCodes.ORIGIN_REALM).map(Avp::asUtf8);
    }

    /** Result-Code, or the Experimental-Result-Code inside Experimental-Result. */
    public Optional<Long> resultCode() {
        Optional<Long> r = find(AvpCodes.RESULT_CODE).map(Avp::asUnsigned32);
        if (r.isPresent()) {
            return r;
        }
        return find(AvpCodes.EXPERIMENTAL_RESULT)
                .flatMap(g -> g.child(AvpCodes.EXPERIMENTAL_RESULT_CODE, 0))
                .map(Avp::asUnsigned32);
    }

    /** Header plus padded AVPs: the Message Length field. */
    public int length() {
        int n = 20;
        for (Avp a : avps) {
            n += a.paddedLength();
        }
        return n;
    }

    @Override
    public String toString() {
        return (isRequest() ? "request " : "answer ") + commandCode + " app " + applicationId + " hbh "
                + Integer.toHexString(hopByHop) + " flags 0x" + Integer.toHexString(flags) + " " + avps.size()
                + " AVPs";
    }
}
