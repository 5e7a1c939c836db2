package io.switchboard.cx.internal.diameter;

import io.switchboard.cx.AuthItem;
import io.switchboard.cx.CxResult;
import io.switchboard.cx.DigestAuthenticate;
import io.switchboard.cx.LiaResult;
import io.switchboard.cx.MaaResult;
import io.switchboard.cx.SaaResult;
import io.switchboard.cx.ServerCapabilities;
import io.switchboard.cx.UaaResult;
import io.switchboard.diameter.Avp;
import io.switchboard.diameter.AvpCodes;
import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.diameter.DiameterMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds Cx answers from the HSS's result records (the bundle guide's §1.4 "Out"), in the order of the TS 29.229
 * ABNF: Session-Id, Vendor-Specific-Application-Id {10415, 16777216}, Result-Code <em>or</em> Experimental-Result
 * {10415, code}, Auth-Session-State NO_STATE_MAINTAINED, Origin-Host, Origin-Realm, then the command's AVPs. Flags
 * come from the dictionary, so that tshark and the peers see the M and V bits TS 29.229 gives each AVP.
 */
public final class CxAnswerWriter {

    /** Cx, TS 29.229: the header Application-Id and the Auth-Application-Id. */
    public static final long CX_APPLICATION = 16777216L;

    private final DiameterDictionary d;

    public CxAnswerWriter(DiameterDictionary dictionary) {
        this.d = dictionary;
    }

    /**
     * The skeleton every Cx answer starts with; {@code originHost}/{@code originRealm} may be null (the stack then
     * appends ours).
     */
    public DiameterMessage answer(DiameterMessage request, CxResult result, String originHost, String originRealm) {
        DiameterMessage a = request.createAnswer();
        a.add(d.group(
                "Vendor-Specific-Application-Id",
                d.create("Vendor-Id", CxResult.VENDOR_3GPP),
                d.create("Auth-Application-Id", CX_APPLICATION)));
        if (result.experimental()) {
            a.add(d.group(
                    "Experimental-Result",
                    d.create("Vendor-Id", CxResult.VENDOR_3GPP),
                    d.create("Experimental-Result-Code", result.code())));
        } else {
            a.add(d.create("Result-Code", result.code()));
        }
        a.add(d.create("Auth-Session-State", 1));
        if (originHost != null) {
            a.add(d.create("Origin-Host", originHost));
        }
        if (originRealm != null) {
            a.add(d.create("Origin-Realm", originRealm));
        }
        return a;
    }

    /** 5005 DIAMETER_MISSING_AVP with Error-Message and Failed-AVP. */
    public DiameterMessage missing(DiameterMessage request, CxMissingAvpException e, String host, String realm) {
        DiameterMessage a = answer(request, CxResult.MISSING_AVP, host, realm);
        a.add(Avp.utf8(AvpCodes.ERROR_MESSAGE, 0, false, e.getMessage()));
        a.add(d.group("Failed-AVP", e.example()));
        return a;
    }

    public DiameterMessage uaa(DiameterMessage request, UaaResult r, String host, String realm) {
        DiameterMessage a = answer(request, r.result(), host, realm);
        serverName(a, r.serverName());
        capabilities(a, r.capabilities());
        return a;
    }

    public DiameterMessage lia(DiameterMessage request, LiaResult r, String host, String realm) {
        DiameterMessage a = answer(request, r.result(), host, realm);
        serverName(a, r.serverName());
        capabilities(a, r.capabilities());
        return a;
    }

    public DiameterMessage maa(DiameterMessage request, MaaResult r, String host, String realm) {
        DiameterMessage a = answer(request, r.result(), host, realm);
        if (r.impi() != null) {
            a.add(d.create("User-Name", r.impi()));
        }
        if (r.impu() != null) {
            a.add(d.create("Public-Identity", r.impu()));
        }
        if (!r.result().success()) {
            return a;
        }
        a.add(d.create("SIP-Number-Auth-Items", r.items().size()));
        for (AuthItem item : r.items()) {
            a.add(item(item));
        }
        return a;
    }

    public DiameterMessage saa(DiameterMessage request, SaaResult r, String host, String realm) {
        DiameterMessage a = answer(request, r.result(), host, realm);
        if (r.impi() != null) {
            a.add(d.create("User-Name", r.impi()));
        }
        if (r.userData() != null) {
            a.add(d.create("User-Data", r.userData().getBytes(StandardCharsets.UTF_8)));
        }
        serverName(a, r.serverName());
        return a;
    }

    private Avp item(AuthItem item) {
        List<Avp> c = new ArrayList<>();
        c.add(d.create("SIP-Item-Number", item.itemNumber()));
        c.add(d.create("SIP-Authentication-Scheme", item.scheme()));
        if (item.authenticate() != null) {
            c.add(d.create("SIP-Authenticate", item.authenticate()));
        }
        if (item.authorization() != null) {
            c.add(d.create("SIP-Authorization", item.authorization()));
        }
        if (item.ck() != null) {
            c.add(d.create("Confidentiality-Key", item.ck()));
        }
        if (item.ik() != null) {
            c.add(d.create("Integrity-Key", item.ik()));
        }
        DigestAuthenticate digest = item.digest();
        if (digest != null) {
            c.add(d.group(
                    "SIP-Digest-Authenticate",
                    d.create("Digest-Realm", digest.realm()),
                    d.create("Digest-Algorithm", digest.algorithm()),
                    d.create("Digest-QoP", digest.qop()),
                    d.create("Digest-HA1", digest.ha1())));
        }
        return d.create("SIP-Auth-Data-Item", c);
    }

    private void serverName(DiameterMessage a, String name) {
        if (name != null) {
            a.add(d.create("Server-Name", name));
        }
    }

    private void capabilities(DiameterMessage a, ServerCapabilities caps) {
        if (caps == null) {
            return;
        }
        List<Avp> c = new ArrayList<>();
        caps.mandatory().forEach(v -> c.add(d.create("Mandatory-Capability", v)));
        caps.optional().forEach(v -> c.add(d.create("Optional-Capability", v)));
        caps.serverNames().forEach(v -> c.add(d.create("Server-Name", v)));
        a.add(d.create("Server-Capabilities", c));
    }
}
