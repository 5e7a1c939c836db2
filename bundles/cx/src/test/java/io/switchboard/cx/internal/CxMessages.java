package io.switchboard.cx.internal;

import io.switchboard.diameter.Avp;
import io.switchboard.diameter.AvpDefinition;
import io.switchboard.diameter.DiameterCodec;
import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.diameter.DiameterMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cx requests as an I-CSCF or S-CSCF sends them (the header and the AVPs every Cx message starts with), and readers
 * for the answers, for the adapter's tests. Messages pass through the codec, so what is checked is what the wire
 * carries.
 */
final class CxMessages {

    static final DiameterDictionary D = DiameterDictionary.standard();
    static final String PEER = "scscf1.ims.example.org";

    private CxMessages() {}

    static DiameterMessage request(int command, Avp... avps) {
        DiameterMessage m = DiameterMessage.request(command, 16777216L, true);
        m.setHopByHop(0x1234);
        m.setEndToEnd(0x5678);
        m.add(D.create("Session-Id", PEER + ";1;" + command));
        m.add(D.group(
                "Vendor-Specific-Application-Id",
                D.create("Vendor-Id", 10415),
                D.create("Auth-Application-Id", 16777216L)));
        m.add(D.create("Auth-Session-State", 1));
        m.add(D.create("Origin-Host", PEER));
        m.add(D.create("Origin-Realm", "ims.example.org"));
        m.add(D.create("Destination-Realm", "ims.example.org"));
        for (Avp a : avps) {
            m.add(a);
        }
        return wire(m);
    }

    static DiameterMessage wire(DiameterMessage m) {
        return DiameterCodec.decode(DiameterCodec.encode(m));
    }

    static Avp avp(String name, Object value) {
        return D.create(name, value);
    }

    static Avp group(String name, Avp... children) {
        return D.group(name, children);
    }

    static Optional<Avp> find(DiameterMessage m, String name) {
        AvpDefinition d = D.avp(name).orElseThrow();
        return m.find(d.code(), d.vendorId());
    }

    static Optional<Avp> child(Avp group, String name) {
        AvpDefinition d = D.avp(name).orElseThrow();
        return group.child(d.code(), d.vendorId());
    }

    static List<Avp> all(DiameterMessage m, String name) {
        AvpDefinition d = D.avp(name).orElseThrow();
        return new ArrayList<>(m.findAll(d.code(), d.vendorId()));
    }

    /** The Experimental-Result-Code, or -1 when the answer has none. */
    static long experimental(DiameterMessage a) {
        return find(a, "Experimental-Result")
                .map(g -> {
                    if (child(g, "Vendor-Id").orElseThrow().asUnsigned32() != 10415) {
                        throw new AssertionError("Experimental-Result without Vendor-Id 10415");
                    }
                    return child(g, "Experimental-Result-Code").orElseThrow().asUnsigned32();
                })
                .orElse(-1L);
    }

    /** The base Result-Code, or -1. */
    static long result(DiameterMessage a) {
        return find(a, "Result-Code").map(Avp::asUnsigned32).orElse(-1L);
    }
}
