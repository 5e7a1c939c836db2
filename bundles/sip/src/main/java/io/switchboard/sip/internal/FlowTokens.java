package io.switchboard.sip.internal;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.HopImpl;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sip.address.Hop;

/**
 * Flow tokens in the user part of our Record-Route (RFC 5626 5.3, as an edge proxy does): the TCP connections of a
 * dialog's two sides as they were when the dialog was set up, so that an in-dialog request towards a phone goes over
 * the connection the phone uses (the one it registered on, or the one it called on) while that is open, whatever its
 * Contact says. A phone behind NAT, or one that connects from an ephemeral port and listens nowhere, names in its
 * Contact an address where a new connection reaches nobody; the route set carries the token back to us with every
 * in-dialog request of either side.
 * <p>
 * The token says which side is which by its MAC: it is computed over the flows and the caller's From tag (the tag of
 * the dialog-creating request), so a request whose From tag verifies comes from the caller and goes to the callee's
 * flow, one whose To tag verifies comes from the callee and goes to the caller's flow. A token that verifies with
 * neither (forged, of another dialog, or minted before a restart: the key is drawn per stack, and connections do not
 * outlive the stack anyway) is ignored and the request follows its Route or Request-URI as usual.
 * <p>
 * Layout before base64url: flags (1: caller's flow, 2: callee's flow), then each flow present as address length,
 * address bytes, port (2 bytes), then 10 bytes of HMAC-SHA256. Only TCP flows are recorded (a UDP side has no
 * connection to keep).
 */
final class FlowTokens {

    /** A TCP connection of a dialog's side: the peer's address and port as the stack keys it. */
    record Flow(String host, int port) {
        Hop hop() {
            return new HopImpl(host, port, "TCP");
        }
    }

    private static final int CALLER = 1;
    private static final int CALLEE = 2;
    private static final int MAC_BYTES = 10;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;

    FlowTokens() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, ALGORITHM);
    }

    /**
     * The token of a dialog created by a request with From tag {@code callerTag}; null when neither side has a flow
     * (nothing to record: the Record-Route stays as it was).
     */
    String encode(String callerTag, Flow caller, Flow callee) {
        if (caller == null && callee == null) {
            return null;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(48);
            out.write((caller == null ? 0 : CALLER) | (callee == null ? 0 : CALLEE));
            write(out, caller);
            write(out, callee);
            byte[] body = out.toByteArray();
            byte[] mac = mac(body, callerTag);
            out.write(mac, 0, MAC_BYTES);
            return ENCODER.encodeToString(out.toByteArray());
        } catch (UnknownHostException e) {
            return null; // a flow is always a numeric address the stack gave us; nothing to record otherwise
        }
    }

    /**
     * The flow {@code request} (in a dialog, carrying {@code token} in one of our Routes) goes to: the callee's when
     * its From tag is the caller's, the caller's when its To tag is; null when the token does not verify or records
     * no flow for that side.
     */
    Flow target(String token, SIPRequest request) {
        byte[] raw;
        try {
            raw = DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length < 1 + MAC_BYTES) {
            return null;
        }
        byte[] body = Arrays.copyOf(raw, raw.length - MAC_BYTES);
        byte[] mac = Arrays.copyOfRange(raw, raw.length - MAC_BYTES, raw.length);
        Flow[] flows = read(body);
        if (flows == null) {
            return null;
        }
        if (verifies(body, mac, request.getFrom().getTag())) {
            return flows[1];
        }
        if (verifies(body, mac, request.getTo().getTag())) {
            return flows[0];
        }
        return null;
    }

    private boolean verifies(byte[] body, byte[] mac, String tag) {
        return tag != null && MessageDigest.isEqual(Arrays.copyOf(mac(body, tag), MAC_BYTES), mac);
    }

    private byte[] mac(byte[] body, String tag) {
        try {
            Mac m = Mac.getInstance(ALGORITHM);
            m.init(key);
            m.update(body);
            return m.doFinal(tag == null ? new byte[0] : tag.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    private static void write(ByteArrayOutputStream out, Flow flow) throws UnknownHostException {
        if (flow == null) {
            return;
        }
        byte[] address = InetAddress.getByName(flow.host()).getAddress();
        out.write(address.length);
        out.write(address, 0, address.length);
        out.write(flow.port() >> 8);
        out.write(flow.port() & 0xff);
    }

    /** {caller's flow, callee's flow} (each null when absent), or null when {@code body} is not a token's. */
    private static Flow[] read(byte[] body) {
        int flags = body[0] & 0xff;
        if ((flags & ~(CALLER | CALLEE)) != 0) {
            return null;
        }
        Flow[] flows = new Flow[2];
        int at = 1;
        for (int side = 0; side < 2; side++) {
            if ((flags & (side == 0 ? CALLER : CALLEE)) == 0) {
                continue;
            }
            if (at >= body.length) {
                return null;
            }
            int length = body[at++] & 0xff;
            if ((length != 4 && length != 16) || at + length + 2 > body.length) {
                return null;
            }
            try {
                String host = InetAddress.getByAddress(Arrays.copyOfRange(body, at, at + length))
                        .getHostAddress();
                at += length;
                flows[side] = new Flow(host, ((body[at] & 0xff) << 8) | (body[at + 1] & 0xff));
                at += 2;
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return at == body.length ? flows : null;
    }
}
