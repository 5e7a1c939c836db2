package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The flow token of our Record-Route: which side's connection an in-dialog request goes to is decided by the tag
 * the MAC verifies with (the caller's From tag), and nothing that does not verify names a connection.
 */
class FlowTokensTest {

    static final FlowTokens.Flow CALLER = new FlowTokens.Flow("10.0.0.7", 40123);
    static final FlowTokens.Flow CALLEE = new FlowTokens.Flow("2001:db8:0:0:0:0:0:5", 5061);

    final FlowTokens tokens = new FlowTokens();

    static SIPRequest bye(String fromTag, String toTag) throws Exception {
        String text = "BYE sip:bob@192.0.2.1:5999;transport=tcp SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 10.0.0.7:40123;branch=z9hG4bK1\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=" + fromTag + "\r\n"
                + "To: <sip:bob@example.com>;tag=" + toTag + "\r\n"
                + "Call-ID: c1\r\n"
                + "CSeq: 2 BYE\r\n"
                + "Content-Length: 0\r\n\r\n";
        return (SIPRequest)
                new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }

    @Test
    void theCallersRequestsGoToTheCalleesFlowAndTheCalleesToTheCallers() throws Exception {
        String token = tokens.encode("callerTag", CALLER, CALLEE);
        assertTrue(token.matches("[A-Za-z0-9_-]+"), "a SIP user part as it is: " + token);
        assertEquals(CALLEE, tokens.target(token, bye("callerTag", "calleeTag")));
        assertEquals(CALLER, tokens.target(token, bye("calleeTag", "callerTag")));
    }

    @Test
    void aSideWithoutAFlowHasNone() throws Exception {
        String token = tokens.encode("t", null, CALLEE);
        assertEquals(CALLEE, tokens.target(token, bye("t", "u")));
        assertNull(tokens.target(token, bye("u", "t")), "the caller side recorded no flow");
        assertNull(tokens.encode("t", null, null), "nothing to record, no token");
    }

    @Test
    void aTokenThatDoesNotVerifyNamesNoConnection() throws Exception {
        String token = tokens.encode("callerTag", CALLER, CALLEE);
        assertNull(tokens.target(token, bye("other", "calleeTag")), "neither tag is the caller's");
        assertNull(new FlowTokens().target(token, bye("callerTag", "x")), "another stack's key (a restart)");
        String tampered = token.substring(0, 3) + (token.charAt(3) == 'A' ? 'B' : 'A') + token.substring(4);
        assertNotEquals(token, tampered);
        assertNull(tokens.target(tampered, bye("callerTag", "x")), "a changed flow");
        int at = token.length() - 4; // inside the MAC, a character whose 6 bits all count
        String badMac = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        assertNull(tokens.target(badMac, bye("callerTag", "x")), "a changed MAC");
        assertNull(tokens.target("alice", bye("callerTag", "x")), "an ordinary user part");
        assertNull(tokens.target("%%%", bye("callerTag", "x")), "not base64");
        assertNull(tokens.target("", bye("callerTag", "x")));
    }
}
