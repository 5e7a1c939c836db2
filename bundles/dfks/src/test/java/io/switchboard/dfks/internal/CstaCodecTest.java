package io.switchboard.dfks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.dfks.Feature;
import io.switchboard.dfks.FeatureState;
import io.switchboard.subscription.NotifyBody;
import io.switchboard.xml.XmlException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CstaCodecTest {

    static final String NS = "http://www.ecma-international.org/standards/ecma-323/csta/ed3";
    final CstaCodec codec = new CstaCodec();

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void setDoNotDisturb() throws Exception {
        FeatureRequest r = codec.parseRequest(
                b("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + "<SetDoNotDisturb xmlns=\"" + NS
                        + "\">\n  <device>2001</device>\n  <doNotDisturbOn>true</doNotDisturbOn>\n</SetDoNotDisturb>"));
        assertEquals(new FeatureRequest(Feature.DoNotDisturb, true, null, null, "2001"), r);
    }

    @Test
    void setForwardingNoAnswerWithRingCountAnyChildOrder() throws Exception {
        FeatureRequest r =
                codec.parseRequest(b("<SetForwarding xmlns=\"" + NS + "\"><forwardingType>forwardNoAns</forwardingType>"
                        + "<device>2001</device><activateForward>true</activateForward><ringCount>"
                        + "4</ringCount><forwardDN>2002</forwardDN></SetForwarding>"));
        assertEquals(new FeatureRequest(Feature.CallForwardingNoAnswer, true, "2002", 4, "2001"), r);
        FeatureRequest off = codec.parseRequest(b("<SetForwarding xmlns=\"" + NS
                + "\"><device>2001</device><activateForward>false</activateForward>"
                + "<forwardingType>forwardImmediate</forwardingType><forwardDN></forwardDN><ringCount>"
                + "</ringCount></SetForwarding>"));
        assertEquals(new FeatureRequest(Feature.CallForwardingAlways, false, null, null, "2001"), off);
    }

    @Test
    void misspelledNamespaceIsAccepted() throws Exception {
        FeatureRequest r = codec.parseRequest(
                b("<SetForwarding xmlns=\"http://www.ecmainternational.org/standards/ecma-323/csta/ed3\">"
                        + "<device>1</device><activateForward>true</activateForward><forwardingType>"
                        + "forwardBusy</forwardingType>"
                        + "<forwardDN>sip:vm@example.org</forwardDN></SetForwarding>"));
        assertEquals(new FeatureRequest(Feature.CallForwardingBusy, true, "sip:vm@example.org", null, "1"), r);
    }

    @Test
    void badDocumentsAreRejectedWithAReason() {
        assertTrue(reason("<SetDoNotDisturb xmlns=\"" + NS + "\"><doNotDisturbOn>true</doNotDisturbOn>")
                .startsWith("malformed XML"));
        assertTrue(
                reason("<SetDoNotDisturb><doNotDisturbOn>true</doNotDisturbOn></SetDoNotDisturb>")
                        .startsWith("schema-invalid"),
                "no namespace");
        assertTrue(
                reason("<SetDoNotDisturb xmlns=\"urn:other\"><doNotDisturbOn>true</doNotDisturbOn></SetDoNotDisturb>")
                        .startsWith("schema-invalid"));
        assertTrue(
                reason("<SetDoNotDisturb xmlns=\"" + NS + "\"><doNotDisturbOn>yes</doNotDisturbOn></SetDoNotDisturb>")
                        .startsWith("schema-invalid"),
                "status must be exactly true/false");
        assertTrue(reason("<SetForwarding xmlns=\"" + NS + "\"><activateForward>true</activateForward>"
                        + "<forwardingType>forwardDND</forwardingType><forwardDN>1</forwardDN></SetForwarding>")
                .contains("forwardDND"));
        assertTrue(reason("<SetForwarding xmlns=\"" + NS + "\"><activateForward>true</activateForward>"
                        + "<forwardingType>forwardImmediate</forwardingType></SetForwarding>")
                .contains("forwardDN"));
        assertTrue(reason("<SetForwarding xmlns=\"" + NS + "\"><activateForward>true</activateForward>"
                        + "<forwardingType>forwardNoAns</forwardingType><forwardDN>1</forwardDN><ringCount>"
                        + "0</ringCount></SetForwarding>")
                .contains("ringCount"));
        assertTrue(reason("<DoNotDisturbEvent xmlns=\"" + NS
                        + "\"><doNotDisturbOn>true</doNotDisturbOn></DoNotDisturbEvent>")
                .startsWith("not a Set request"));
        assertTrue(
                reason("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><SetDoNotDisturb xmlns=\"" + NS + "\">"
                                + "<doNotDisturbOn>&e;</doNotDisturbOn></SetDoNotDisturb>")
                        .startsWith("malformed XML"),
                "no DTD");
        assertEquals("empty body", reason(""));
    }

    private String reason(String xml) {
        return assertThrows(XmlException.class, () -> codec.parseRequest(b(xml)))
                .getMessage();
    }

    @Test
    void eventsAreNamespaceExactWithTheIsoDeclaration() {
        String dnd = new String(
                codec.event(new FeatureState(Feature.DoNotDisturb, false, null, null), "2001"),
                StandardCharsets.ISO_8859_1);
        assertEquals(
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<DoNotDisturbEvent xmlns=\"" + NS + "\">"
                        + "<device>2001</device><doNotDisturbOn>false</doNotDisturbOn></DoNotDisturbEvent>",
                dnd);
        String cfna = new String(
                codec.event(new FeatureState(Feature.CallForwardingNoAnswer, true, "2002", 4), "2001"),
                StandardCharsets.ISO_8859_1);
        assertEquals(
                "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<ForwardingEvent xmlns=\"" + NS + "\">"
                        + "<device>2001</device><forwardingType>forwardNoAns</forwardingType><forwardStatus>"
                        + "true</forwardStatus>"
                        + "<forwardTo>2002</forwardTo><ringCount>4</ringCount></ForwardingEvent>",
                cfna);
        String cfa = new String(
                codec.event(new FeatureState(Feature.CallForwardingAlways, false, null, null), "2001"),
                StandardCharsets.ISO_8859_1);
        assertTrue(
                cfa.contains("<forwardingType>forwardImmediate</forwardingType><forwardStatus>false</forwardStatus>"
                        + "</ForwardingEvent>"),
                cfa);
    }

    @Test
    void eventsRoundTripThroughTheSchema() throws Exception {
        // what we send validates against the same XSD (parsed as a document of the vocabulary)
        for (FeatureState s : List.of(
                new FeatureState(Feature.CallForwardingBusy, true, "sip:b@x", null),
                new FeatureState(Feature.DoNotDisturb, true, null, null))) {
            XmlException e = assertThrows(XmlException.class, () -> codec.parseRequest(codec.event(s, "7")));
            assertTrue(e.getMessage().startsWith("not a Set request"), e.getMessage()); // valid, just not a request
        }
    }

    @Test
    void fullStateIsBareForOneFeatureAndMultipartForMore() {
        assertTrue(codec.full(List.of(), "1").isEmpty());
        NotifyBody one = codec.full(List.of(FeatureState.off(Feature.DoNotDisturb)), "1");
        assertEquals("application/x-as-feature-event+xml", one.contentType());
        NotifyBody all = codec.full(
                List.of(FeatureState.off(Feature.DoNotDisturb), FeatureState.off(Feature.CallForwardingAlways)), "1");
        assertEquals("multipart/mixed;boundary=" + CstaCodec.BOUNDARY, all.contentType());
        String text = all.text();
        assertTrue(
                text.startsWith("--" + CstaCodec.BOUNDARY
                        + "\r\nContent-Type: application/x-as-feature-event+xml\r\n\r\n<?xml"),
                text);
        assertTrue(text.endsWith("</ForwardingEvent>\r\n--" + CstaCodec.BOUNDARY + "--\r\n"), text);
        assertEquals(4, text.split("--" + CstaCodec.BOUNDARY).length); // "", two parts, the closing "--"
        assertNull(NotifyBody.NONE.contentType());
    }
}
