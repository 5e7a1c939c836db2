package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** RFC 3261 16.3 step 5 on parsed requests: the Proxy-Require tags the proxy refuses, with and without route edits. */
class ProxyRequireCheckTest {

    private static final ProxyEdits NO_EDITS = ProxyEdits.NONE;

    private static SIPRequest request(String method, List<String> extra) throws Exception {
        List<String> lines = new ArrayList<>(extra);
        String text =
                RawSip.request(method, "sip:bob@127.0.0.1", "UDP", 5062, "c1@test", 1, RawSip.branch(), lines, null);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return (SIPRequest) new StringMsgParser().parseSIPMessage(bytes, true, false, null);
    }

    private static ProxyEdits removing(String names) {
        return new ProxyEdits(ProxyInput.list(names), Map.of(), List.of());
    }

    private static ProxyEdits putting(Object proxyRequire) {
        return new ProxyEdits(List.of(), Map.of("Proxy-Require", proxyRequire), List.of());
    }

    @Test
    void withoutProxyRequireEveryRequestPasses() throws Exception {
        assertNull(ProxyRequireCheck.NONE.unsupported(request("INVITE", List.of()), NO_EDITS));
        assertNull(
                ProxyRequireCheck.NONE.unsupported(request("INVITE", List.of("Require: 100rel")), NO_EDITS),
                "Require is the UAS's business");
    }

    @Test
    void onlyTheUnsupportedTagsAreListedOnceInTheOrderReceived() throws Exception {
        ProxyRequireCheck check = ProxyRequireCheck.of("path, foo");
        SIPRequest r =
                request("INVITE", List.of("Proxy-Require: sec-agree, path", "Proxy-Require: x-one, sec-agree, FOO"));
        assertEquals("sec-agree, x-one", check.unsupported(r, NO_EDITS));
        assertEquals("sec-agree, path, x-one, FOO", ProxyRequireCheck.NONE.unsupported(r, NO_EDITS));
        assertNull(
                check.unsupported(request("INVITE", List.of("Proxy-Require: Path")), NO_EDITS),
                "a supported tag passes, compared without case");
        assertEquals(
                "sec-agree",
                check.unsupported(request("BYE", List.of("Proxy-Require: sec-agree")), NO_EDITS),
                "in-dialog and other methods are checked too");
    }

    @Test
    void cancelAndAckAreNeverChecked() throws Exception {
        List<String> secAgree = List.of("Proxy-Require: sec-agree");
        assertNull(ProxyRequireCheck.NONE.unsupported(request("CANCEL", secAgree), NO_EDITS));
        assertNull(ProxyRequireCheck.NONE.unsupported(request("ACK", secAgree), NO_EDITS));
    }

    @Test
    void tagsTheRouteDropsAreNotRefusedTagsItKeepsAre() throws Exception {
        SIPRequest r = request("INVITE", List.of("Proxy-Require: sec-agree, x-one"));
        ProxyRequireCheck none = ProxyRequireCheck.NONE;
        assertNull(none.unsupported(r, removing("Call-Info, proxy-require")), "the whole header removed");
        assertEquals("sec-agree, x-one", none.unsupported(r, removing("Call-Info")), "another header removed");
        assertEquals("x-one", none.unsupported(r, putting("x-one")), "replaced by the tags kept");
        assertEquals(
                "x-one",
                none.unsupported(r, putting(List.of("x-one", "x-new"))),
                "a List; tags a route adds are its own");
        assertNull(none.unsupported(r, putting("x-new")));
        assertEquals(
                "sec-agree, x-one",
                none.unsupported(r, putting(List.of())),
                "an empty List puts nothing: every tag stays");
        ProxyEdits removeThenPut =
                new ProxyEdits(List.of("Proxy-Require"), Map.of("Proxy-Require", "sec-agree"), List.of());
        assertEquals(
                "sec-agree", none.unsupported(r, removeThenPut), "removed, then put back as ProxyEdits.apply does");
    }

    @Test
    void theSettingKeepsTokensOnly() {
        assertSame(ProxyRequireCheck.NONE, ProxyRequireCheck.of(null));
        assertSame(ProxyRequireCheck.NONE, ProxyRequireCheck.of(" , "));
        assertEquals(
                List.of("path", "sec-agree", "100rel"),
                ProxyRequireCheck.of(" path,sec-agree, PATH, bad tag, a;b, 100rel")
                        .supported(),
                "tokens, once each");
        assertTrue(ProxyRequireCheck.of("sec-agree").isSupported("SEC-AGREE"));
        assertFalse(ProxyRequireCheck.of("sec-agree").isSupported("sec"));
    }

    @Test
    void configFromConfigAdminProperties() {
        ProxyConfig defaults = ProxyConfig.from(null);
        assertEquals(List.of(), defaults.proxyRequire().supported(), "the proxy implements no extension by default");
        assertEquals(Set.of("127.0.0.1", "localhost"), defaults.domains());
        ProxyConfig c = ProxyConfig.from(Map.of("domains", "Example.COM", "supported_option_tags", "sec-agree,path"));
        assertEquals(Set.of("example.com"), c.domains());
        assertEquals(List.of("sec-agree", "path"), c.proxyRequire().supported());
        ProxyComponent component = new ProxyComponent();
        component.configure(Map.of("supported_option_tags", "path"));
        assertEquals("path", component.getSupportedOptionTags());
        component.setSupportedOptionTags("");
        assertEquals("", component.getSupportedOptionTags());
    }
}
