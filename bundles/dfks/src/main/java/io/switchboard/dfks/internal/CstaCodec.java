package io.switchboard.dfks.internal;

import io.switchboard.dfks.Feature;
import io.switchboard.dfks.FeatureState;
import io.switchboard.dfks.internal.csta.Csta;
import io.switchboard.dfks.internal.csta.DoNotDisturbEvent;
import io.switchboard.dfks.internal.csta.ForwardingEvent;
import io.switchboard.dfks.internal.csta.ForwardingType;
import io.switchboard.dfks.internal.csta.SetDoNotDisturb;
import io.switchboard.dfks.internal.csta.SetForwarding;
import io.switchboard.subscription.NotifyBody;
import io.switchboard.xml.XmlCodec;
import io.switchboard.xml.XmlException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * as-feature-event bodies: Set requests in (XSD-validated, either namespace spelling), events out (ISO-8859-1
 * declaration, default namespace), full state as one bare document or multipart/mixed as OpenSIPS builds it.
 */
final class CstaCodec {

    static final Charset CHARSET = StandardCharsets.ISO_8859_1;
    static final String BOUNDARY = "switchboard-dfks-boundary";
    static final int MAX_RING_COUNT = 100;

    private final XmlCodec xml = XmlCodec.of(
            CstaCodec.class.getResource("/xsd/as-feature-event.xsd"),
            SetDoNotDisturb.class,
            SetForwarding.class,
            DoNotDisturbEvent.class,
            ForwardingEvent.class);

    /** Reads a Set request; the exception message is the reason for a 400. */
    FeatureRequest parseRequest(byte[] body) throws XmlException {
        Object doc = xml.unmarshal(body, Map.of(Csta.NAMESPACE_MISSPELLED, Csta.NAMESPACE));
        if (doc instanceof SetDoNotDisturb d) {
            return new FeatureRequest(Feature.DoNotDisturb, d.doNotDisturbOn, null, null, blankToNull(d.device));
        }
        if (doc instanceof SetForwarding f) {
            Feature feature = feature(f.forwardingType);
            String target = blankToNull(f.forwardDN);
            Integer rings = null;
            String rc = blankToNull(f.ringCount);
            if (rc != null) {
                rings = Integer.parseInt(rc);
                if (rings < 1 || rings > MAX_RING_COUNT) {
                    throw new XmlException("ringCount must be 1.." + MAX_RING_COUNT + ": " + rings);
                }
                if (feature != Feature.CallForwardingNoAnswer) {
                    rings = null; // only meaningful for forwardNoAns
                }
            }
            if (f.activateForward && target == null) {
                throw new XmlException("activateForward true needs a forwardDN");
            }
            return new FeatureRequest(feature, f.activateForward, target, rings, blankToNull(f.device));
        }
        throw new XmlException("not a Set request: " + doc.getClass().getSimpleName()
                + " (expected SetDoNotDisturb or SetForwarding)");
    }

    /** One event document for the feature's state. */
    byte[] event(FeatureState s, String device) {
        if (s.feature() == Feature.DoNotDisturb) {
            DoNotDisturbEvent e = new DoNotDisturbEvent();
            e.device = device;
            e.doNotDisturbOn = s.status();
            return xml.marshal(e, CHARSET);
        }
        ForwardingEvent e = new ForwardingEvent();
        e.device = device;
        e.forwardingType = type(s.feature());
        e.forwardStatus = s.status();
        e.forwardTo = s.forwardTo();
        e.ringCount = s.feature() == Feature.CallForwardingNoAnswer ? s.ringCount() : null;
        return xml.marshal(e, CHARSET);
    }

    /** A NOTIFY body for one feature. */
    NotifyBody single(FeatureState s, String device) {
        return new NotifyBody(Csta.CONTENT_TYPE, event(s, device));
    }

    /** Full state: no body for no feature, a bare document for one, multipart/mixed for more. */
    NotifyBody full(List<FeatureState> states, String device) {
        if (states.isEmpty()) {
            return NotifyBody.NONE;
        }
        if (states.size() == 1) {
            return single(states.get(0), device);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        for (FeatureState s : states) {
            out.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: " + Csta.CONTENT_TYPE + "\r\n\r\n").getBytes(CHARSET));
            out.writeBytes(event(s, device));
            out.writeBytes("\r\n".getBytes(CHARSET));
        }
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(CHARSET));
        return new NotifyBody("multipart/mixed;boundary=" + BOUNDARY, out.toByteArray());
    }

    static Feature feature(ForwardingType t) {
        return switch (t) {
            case FORWARD_IMMEDIATE -> Feature.CallForwardingAlways;
            case FORWARD_BUSY -> Feature.CallForwardingBusy;
            case FORWARD_NO_ANS -> Feature.CallForwardingNoAnswer;
        };
    }

    static ForwardingType type(Feature f) {
        return switch (f) {
            case CallForwardingAlways -> ForwardingType.FORWARD_IMMEDIATE;
            case CallForwardingBusy -> ForwardingType.FORWARD_BUSY;
            case CallForwardingNoAnswer -> ForwardingType.FORWARD_NO_ANS;
            case DoNotDisturb -> throw new IllegalArgumentException("DoNotDisturb is no forwarding");
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
