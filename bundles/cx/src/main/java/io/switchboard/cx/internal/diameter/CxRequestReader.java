package io.switchboard.cx.internal.diameter;

import io.switchboard.cx.LocationInfo;
import io.switchboard.cx.MultimediaAuth;
import io.switchboard.cx.ServerAssignment;
import io.switchboard.cx.UserAuthorization;
import io.switchboard.cx.UserAuthorizationType;
import io.switchboard.diameter.Avp;
import io.switchboard.diameter.AvpDefinition;
import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.diameter.DiameterMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Turns the AVPs of a Cx request into the HSS's request records (the bundle guide's §1.4 "In"). The dictionary has
 * already answered 5005 for the AVPs a command's ABNF requires; what it cannot require (SIP-Authentication-Scheme
 * inside SIP-Auth-Data-Item, a SAR with neither User-Name nor Public-Identity) is reported here as
 * {@link CxMissingAvpException}, so that no null reaches the HSS unexplained.
 */
public final class CxRequestReader {

    private final DiameterDictionary dictionary;

    public CxRequestReader(DiameterDictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** UAR (300). */
    public UserAuthorization uar(DiameterMessage m) {
        return new UserAuthorization(
                required(m, "User-Name"),
                required(m, "Public-Identity"),
                utf8(m, "Visited-Network-Identifier")
                        .map(CxRequestReader::unquote)
                        .orElse(null),
                type(m));
    }

    /** MAR (303). */
    public MultimediaAuth mar(DiameterMessage m) {
        AvpDefinition itemDef = def("SIP-Auth-Data-Item");
        Avp item = m.find(itemDef.code(), itemDef.vendorId()).orElseThrow(() -> missing("SIP-Auth-Data-Item"));
        AvpDefinition schemeDef = def("SIP-Authentication-Scheme");
        String scheme = item.child(schemeDef.code(), schemeDef.vendorId())
                .map(Avp::asUtf8)
                .orElseThrow(() -> new CxMissingAvpException(
                        "SIP-Authentication-Scheme", dictionary.group("SIP-Auth-Data-Item", schemeDef.zero())));
        AvpDefinition authz = def("SIP-Authorization");
        byte[] authorization =
                item.child(authz.code(), authz.vendorId()).map(Avp::data).orElse(null);
        long items = unsigned(m, "SIP-Number-Auth-Items").orElseThrow(() -> missing("SIP-Number-Auth-Items"));
        return new MultimediaAuth(
                required(m, "User-Name"),
                required(m, "Public-Identity"),
                scheme,
                (int) Math.min(items, Integer.MAX_VALUE),
                required(m, "Server-Name"),
                authorization);
    }

    /** SAR (301); {@code originHost} is the peer the request came from (its Origin-Host). */
    public ServerAssignment sar(DiameterMessage m) {
        AvpDefinition impu = def("Public-Identity");
        List<String> impus = m.findAll(impu.code(), impu.vendorId()).stream()
                .map(Avp::asUtf8)
                .toList();
        String impi = utf8(m, "User-Name").orElse(null);
        if (impi == null && impus.isEmpty()) {
            throw missing("Public-Identity");
        }
        return new ServerAssignment(
                impi,
                impus,
                required(m, "Server-Name"),
                unsigned(m, "Server-Assignment-Type")
                        .orElseThrow(() -> missing("Server-Assignment-Type"))
                        .intValue(),
                unsigned(m, "User-Data-Already-Available").orElse(0L) == 1,
                m.originHost().orElse(null));
    }

    /** LIR (302). */
    public LocationInfo lir(DiameterMessage m) {
        AvpDefinition orig = def("Originating-Request");
        return new LocationInfo(
                required(m, "Public-Identity"),
                m.find(orig.code(), orig.vendorId()).isPresent(),
                type(m));
    }

    /**
     * The network name of a P-Visited-Network-ID value: TS 24.229 allows a token or a quoted-string, and an I-CSCF
     * (Kamailio's) copies the header value as it came, quotes included.
     */
    static String unquote(String visited) {
        String v = visited.strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
    }

    private UserAuthorizationType type(DiameterMessage m) {
        return unsigned(m, "User-Authorization-Type")
                .map(v -> UserAuthorizationType.of(v.intValue()))
                .orElse(null);
    }

    private String required(DiameterMessage m, String name) {
        return utf8(m, name).orElseThrow(() -> missing(name));
    }

    private Optional<String> utf8(DiameterMessage m, String name) {
        AvpDefinition d = def(name);
        return m.find(d.code(), d.vendorId()).map(a -> new String(a.data(), StandardCharsets.UTF_8));
    }

    private Optional<Long> unsigned(DiameterMessage m, String name) {
        AvpDefinition d = def(name);
        return m.find(d.code(), d.vendorId()).map(Avp::asUnsigned32);
    }

    private CxMissingAvpException missing(String name) {
        return new CxMissingAvpException(name, def(name).zero());
    }

    private AvpDefinition def(String name) {
        return dictionary.avp(name).orElseThrow(() -> new IllegalStateException("dictionary lacks " + name));
    }
}
