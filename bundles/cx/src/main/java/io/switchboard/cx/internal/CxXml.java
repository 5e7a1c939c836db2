package io.switchboard.cx.internal;

import io.switchboard.cx.ImsStore;
import io.switchboard.cx.PublicIdentity;
import io.switchboard.cx.ServiceProfile;
import io.switchboard.cx.internal.xml.ImsSubscription;
import io.switchboard.cx.internal.xml.PublicIdentityXml;
import io.switchboard.cx.internal.xml.ServiceProfileXml;
import io.switchboard.xml.XmlCodec;
import io.switchboard.xml.XmlException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The IMS subscription XML (TS 29.228 Annex E) through the shared {@link XmlCodec}, validated against
 * {@code xsd/CxDataType.xsd}: reads stored service profiles and a SAA's User-Data, writes the User-Data of an IMPI.
 */
public final class CxXml {

    private static final XmlCodec CODEC = XmlCodec.of(
            CxXml.class.getClassLoader().getResource("xsd/CxDataType.xsd"),
            ImsSubscription.class,
            ServiceProfileXml.class);

    private CxXml() {}

    /** A stored profile ({@code <ServiceProfile>} without public identities); the message says what is wrong. */
    public static ServiceProfileXml profile(String xml) throws XmlException {
        Object o = CODEC.unmarshal(xml.getBytes(StandardCharsets.UTF_8));
        if (!(o instanceof ServiceProfileXml p)) {
            throw new XmlException(
                    "expected a <ServiceProfile>, got " + o.getClass().getSimpleName());
        }
        return p;
    }

    /** A User-Data document ({@code <IMSSubscription>}), e.g. from a SAA an S-CSCF received. */
    public static ImsSubscription subscription(String xml) throws XmlException {
        Object o = CODEC.unmarshal(xml.getBytes(StandardCharsets.UTF_8));
        if (!(o instanceof ImsSubscription s)) {
            throw new XmlException(
                    "expected an <IMSSubscription>, got " + o.getClass().getSimpleName());
        }
        return s;
    }

    /** Writes a document (UTF-8). */
    public static String write(Object root) {
        return new String(CODEC.marshal(root, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    /**
     * The User-Data of {@code impi} for a SAR about {@code impus}: every IMPU of their implicit registration sets
     * that {@code impi} may register, one ServiceProfile per stored profile, in the store's order.
     */
    public static String userData(ImsStore store, String impi, List<String> impus) throws XmlException {
        Map<String, List<PublicIdentity>> byProfile = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        List<String> linked = store.publicIdentitiesOf(impi);
        for (String impu : impus) {
            for (String member : store.implicitSet(impu)) {
                if (seen.contains(member) || (!linked.isEmpty() && !linked.contains(member))) {
                    continue;
                }
                seen.add(member);
                Optional<PublicIdentity> p = store.publicIdentity(member);
                p.ifPresent(x -> byProfile
                        .computeIfAbsent(x.serviceProfile(), k -> new ArrayList<>())
                        .add(x));
            }
        }
        ImsSubscription s = new ImsSubscription();
        s.privateId = impi;
        for (Map.Entry<String, List<PublicIdentity>> e : byProfile.entrySet()) {
            ServiceProfile stored = store.serviceProfile(e.getKey())
                    .orElseThrow(() -> new XmlException("no service profile " + e.getKey()));
            ServiceProfileXml sp = profile(stored.ifcXml());
            sp.publicIdentities = new ArrayList<>();
            for (PublicIdentity p : e.getValue()) {
                PublicIdentityXml x = new PublicIdentityXml();
                x.barringIndication = p.barred() ? 1 : null;
                x.identity = p.impu();
                x.extension = new PublicIdentityXml.IdentityExtension();
                x.extension.identityType = p.identityType();
                sp.publicIdentities.add(x);
            }
            s.serviceProfiles.add(sp);
        }
        return write(s);
    }
}
