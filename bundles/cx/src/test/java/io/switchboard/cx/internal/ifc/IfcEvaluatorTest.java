package io.switchboard.cx.internal.ifc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.cx.ApplicationServerMatch;
import io.switchboard.cx.IfcRequest;
import io.switchboard.cx.SessionCase;
import io.switchboard.cx.internal.CxXml;
import io.switchboard.cx.internal.xml.InitialFilterCriteria;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPT kinds, CNF/DNF, negation, profile parts and priority order of iFC evaluation. */
class IfcEvaluatorTest {

    private final IfcEvaluator evaluator = new IfcEvaluator();

    private static List<InitialFilterCriteria> ifcs(String... ifc) throws Exception {
        return CxXml.profile("<ServiceProfile>" + String.join("", ifc) + "</ServiceProfile>").ifcs;
    }

    private static String ifc(int priority, String server, String trigger, String part) {
        return "<InitialFilterCriteria><Priority>" + priority + "</Priority>"
                + (trigger == null ? "" : "<TriggerPoint>" + trigger + "</TriggerPoint>")
                + "<ApplicationServer><ServerName>" + server + "</ServerName><DefaultHandling>1</DefaultHandling>"
                + "<ServiceInfo>info-" + priority + "</ServiceInfo></ApplicationServer>"
                + (part == null ? "" : "<ProfilePartIndicator>" + part + "</ProfilePartIndicator>")
                + "</InitialFilterCriteria>";
    }

    private static String spt(int group, String condition, boolean negated) {
        return "<SPT><ConditionNegated>" + (negated ? 1 : 0) + "</ConditionNegated><Group>" + group + "</Group>"
                + condition + "</SPT>";
    }

    private static IfcRequest invite(Map<String, List<String>> headers, SessionCase c, List<String> sdp) {
        return new IfcRequest("INVITE", "sip:*100#@ims.example.org;user=dialstring", headers, c, sdp, null, true);
    }

    private List<String> servers(List<InitialFilterCriteria> ifcs, IfcRequest r) {
        return evaluator.match(ifcs, r).stream()
                .map(ApplicationServerMatch::serverName)
                .toList();
    }

    @Test
    void cnfNeedsEveryGroupAndDnfAnyGroup() throws Exception {
        String method = "<Method>INVITE</Method>";
        String ussd = "<SIPHeader><Header>Recv-Info</Header><Content>\"g.3gpp.ussd\"</Content></SIPHeader>";
        String cnf = "<ConditionTypeCNF>1</ConditionTypeCNF>" + spt(0, method, false) + spt(1, ussd, false);
        String dnf = "<ConditionTypeCNF>0</ConditionTypeCNF>" + spt(0, method, false) + spt(0, ussd, false)
                + spt(1, "<Method>MESSAGE</Method>", false);
        List<InitialFilterCriteria> list = ifcs(ifc(1, "sip:cnf", cnf, null), ifc(2, "sip:dnf", dnf, null));
        assertEquals(
                List.of("sip:cnf", "sip:dnf"),
                servers(
                        list,
                        invite(
                                Map.of("Recv-Info", List.of("g.3gpp.ussd")),
                                SessionCase.ORIGINATING_SESSION,
                                List.of())));
        assertEquals(List.of(), servers(list, invite(Map.of(), SessionCase.ORIGINATING_SESSION, List.of())));
        IfcRequest message = new IfcRequest("MESSAGE", "sip:x", Map.of(), null, List.of(), null, true);
        assertEquals(List.of("sip:dnf"), servers(list, message), "DNF: group 1 alone is enough");
    }

    @Test
    void negationHeaderPresenceRequestUriAndSessionCase() throws Exception {
        String tp = "<ConditionTypeCNF>1</ConditionTypeCNF>"
                + spt(0, "<SIPHeader><Header>Privacy</Header></SIPHeader>", true)
                + spt(1, "<RequestURI>^sip:\\*100#@</RequestURI>", false)
                + spt(2, "<SessionCase>0</SessionCase>", false)
                + spt(2, "<SessionCase>3</SessionCase>", false);
        List<InitialFilterCriteria> list = ifcs(ifc(5, "sip:as", tp, null));
        assertEquals(
                List.of("sip:as"), servers(list, invite(Map.of(), SessionCase.ORIGINATING_UNREGISTERED, List.of())));
        assertEquals(
                List.of(),
                servers(list, invite(Map.of("privacy", List.of("id")), SessionCase.ORIGINATING_SESSION, List.of())),
                "header names without case; negated presence");
        assertEquals(List.of(), servers(list, invite(Map.of(), SessionCase.TERMINATING_REGISTERED, List.of())));
    }

    @Test
    void sessionDescriptionLines() throws Exception {
        String tp = "<ConditionTypeCNF>1</ConditionTypeCNF>"
                + spt(0, "<SessionDescription><Line>m</Line><Content>^video</Content></SessionDescription>", false);
        List<InitialFilterCriteria> list = ifcs(ifc(1, "sip:video", tp, null));
        assertEquals(
                List.of("sip:video"),
                servers(
                        list,
                        invite(
                                Map.of(),
                                SessionCase.ORIGINATING_SESSION,
                                List.of("v=0", "m=audio 4000 RTP/AVP 0", "m=video 4002 RTP/AVP 96"))));
        assertEquals(
                List.of(),
                servers(
                        list,
                        invite(
                                Map.of(),
                                SessionCase.ORIGINATING_SESSION,
                                List.of("v=0", "m=audio 4000 RTP/AVP 0", "a=video"))));
    }

    @Test
    void registerTypesProfilePartsPriorityAndNoTriggerPoint() throws Exception {
        String register = "<ConditionTypeCNF>1</ConditionTypeCNF>"
                + spt(
                        0,
                        "<Method>REGISTER</Method><Extension><RegistrationType>0</RegistrationType></Extension>",
                        false);
        List<InitialFilterCriteria> list = ifcs(
                ifc(30, "sip:always", null, null),
                ifc(20, "sip:initial-register", register, null),
                ifc(10, "sip:unregistered-only", null, "1"));
        IfcRequest initial = new IfcRequest("REGISTER", "sip:ims.example.org", Map.of(), null, List.of(), 0, true);
        IfcRequest reRegister = new IfcRequest("REGISTER", "sip:ims.example.org", Map.of(), null, List.of(), 1, true);
        assertEquals(List.of("sip:initial-register", "sip:always"), servers(list, initial));
        assertEquals(List.of("sip:always"), servers(list, reRegister));
        IfcRequest unregistered = new IfcRequest(
                "INVITE", "sip:x", Map.of(), SessionCase.TERMINATING_UNREGISTERED, List.of(), null, false);
        List<ApplicationServerMatch> m = evaluator.match(list, unregistered);
        assertEquals(
                List.of("sip:unregistered-only", "sip:always"),
                m.stream().map(ApplicationServerMatch::serverName).toList());
        assertEquals(new ApplicationServerMatch("sip:unregistered-only", 10, 1, "info-10"), m.get(0));
    }

    @Test
    void aPatternThatDoesNotCompileNeverMatches() throws Exception {
        String tp = "<ConditionTypeCNF>1</ConditionTypeCNF>" + spt(0, "<RequestURI>([</RequestURI>", false);
        assertEquals(
                List.of(),
                servers(
                        ifcs(ifc(1, "sip:bad", tp, null)),
                        invite(Map.of(), SessionCase.ORIGINATING_SESSION, List.of())));
        String negated = "<ConditionTypeCNF>1</ConditionTypeCNF>" + spt(0, "<RequestURI>([</RequestURI>", true);
        assertEquals(
                List.of("sip:bad"),
                servers(
                        ifcs(ifc(1, "sip:bad", negated, null)),
                        invite(Map.of(), SessionCase.ORIGINATING_SESSION, List.of())));
    }
}
