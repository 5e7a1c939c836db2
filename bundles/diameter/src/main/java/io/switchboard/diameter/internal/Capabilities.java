package io.switchboard.diameter.internal;

import io.switchboard.diameter.ApplicationDefinition;
import io.switchboard.diameter.Avp;
import io.switchboard.diameter.AvpCodes;
import io.switchboard.diameter.DiameterMessage;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Our side of the capabilities exchange (RFC 6733 §5.3): the identity and application AVPs of CER and CEA, and
 * the election of the applications both sides share. A vendor application goes in a Vendor-Specific-Application-Id
 * (Cx: {Vendor-Id 10415, Auth-Application-Id 16777216}) with its vendor in Supported-Vendor-Id, as Kamailio's cdp
 * and freeDiameter expect; a peer advertising the relay application (0xffffffff) shares all of ours.
 */
final class Capabilities {

    static final long RELAY = 0xFFFFFFFFL;

    private final DiameterConfig config;
    private final long originStateId;

    Capabilities(DiameterConfig config, long originStateId) {
        this.config = config;
        this.originStateId = originStateId;
    }

    Set<Long> applicationIds() {
        Set<Long> ids = new LinkedHashSet<>();
        config.applications().forEach(a -> ids.add(a.id()));
        return ids;
    }

    /** Appends the CER/CEA AVPs after Origin-Host/Origin-Realm (and Result-Code in a CEA). */
    void addTo(DiameterMessage m, InetAddress local) {
        if (m.find(AvpCodes.ORIGIN_HOST).isEmpty()) {
            m.add(Answers.identity(AvpCodes.ORIGIN_HOST, config.originHost()));
            m.add(Answers.identity(AvpCodes.ORIGIN_REALM, config.originRealm()));
        }
        if (local != null) {
            m.add(Avp.address(AvpCodes.HOST_IP_ADDRESS, 0, true, local));
        }
        m.add(Avp.unsigned32(AvpCodes.VENDOR_ID, 0, true, 0));
        m.add(Avp.utf8(AvpCodes.PRODUCT_NAME, 0, false, config.productName()));
        m.add(Avp.unsigned32(AvpCodes.ORIGIN_STATE_ID, 0, true, originStateId));
        Set<Long> vendors = new LinkedHashSet<>();
        config.applications().forEach(a -> {
            if (a.vendorId() != 0) {
                vendors.add(a.vendorId());
            }
        });
        vendors.forEach(v -> m.add(Avp.unsigned32(AvpCodes.SUPPORTED_VENDOR_ID, 0, true, v)));
        for (ApplicationDefinition a : config.applications()) {
            if (a.vendorId() == 0) {
                m.add(Avp.unsigned32(AvpCodes.AUTH_APPLICATION_ID, 0, true, a.id()));
            }
        }
        for (ApplicationDefinition a : config.applications()) {
            if (a.vendorId() != 0) {
                m.add(vendorSpecific(a));
            }
        }
    }

    static Avp vendorSpecific(ApplicationDefinition a) {
        return Avp.grouped(
                AvpCodes.VENDOR_SPECIFIC_APPLICATION_ID,
                0,
                true,
                List.of(
                        Avp.unsigned32(AvpCodes.VENDOR_ID, 0, true, a.vendorId()),
                        Avp.unsigned32(AvpCodes.AUTH_APPLICATION_ID, 0, true, a.id())));
    }

    /** The applications of ours that the peer's CER or CEA advertises. */
    Set<Long> common(DiameterMessage peerCapabilities) {
        Set<Long> theirs = new LinkedHashSet<>();
        for (Avp a : peerCapabilities.avps()) {
            if (a.vendorId() != 0) {
                continue;
            }
            switch (a.code()) {
                case AvpCodes.AUTH_APPLICATION_ID, AvpCodes.ACCT_APPLICATION_ID -> theirs.add(a.asUnsigned32());
                case AvpCodes.VENDOR_SPECIFIC_APPLICATION_ID -> {
                    for (Avp c : a.children()) {
                        if (c.vendorId() == 0
                                && (c.code() == AvpCodes.AUTH_APPLICATION_ID
                                        || c.code() == AvpCodes.ACCT_APPLICATION_ID)) {
                            theirs.add(c.asUnsigned32());
                        }
                    }
                }
                default -> {
                    // other AVPs of the CER say nothing about applications
                }
            }
        }
        Set<Long> common = applicationIds();
        if (!theirs.contains(RELAY)) {
            common.retainAll(theirs);
        }
        return common;
    }
}
