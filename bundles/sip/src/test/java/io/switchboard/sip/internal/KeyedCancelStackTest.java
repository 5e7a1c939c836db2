package io.switchboard.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPClientTransaction;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CANCEL lookup by branch key: the same answer as the RI's walk, without the walk. */
class KeyedCancelStackTest {

    private KeyedCancelStack stack;
    private Map<String, SIPServerTransaction> servers;
    private Map<String, SIPClientTransaction> clients;
    private final AtomicInteger matchTests = new AtomicInteger();

    @BeforeEach
    @SuppressWarnings("unchecked")
    void stack() throws Exception {
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "keyed-cancel-test");
        p.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "0");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", StackLog.class.getName());
        stack = new KeyedCancelStack(p, ConnectorConfig.DEFAULT_WAIT_TIMER);
        servers = (Map<String, SIPServerTransaction>) table("serverTransactionTable");
        clients = (Map<String, SIPClientTransaction>) table("clientTransactionTable");
    }

    @AfterEach
    void stop() {
        stack.stop();
    }

    private Object table(String name) throws Exception {
        Field f = SIPTransactionStack.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(stack);
    }

    private static SIPRequest cancel(String branch) throws Exception {
        String text = "CANCEL sip:bob@192.0.2.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 198.51.100.7:5060;branch=" + branch + "\r\n"
                + "From: <sip:alice@example.com>;tag=a\r\nTo: <sip:bob@example.com>\r\n"
                + "Call-ID: c@test\r\nCSeq: 1 CANCEL\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        return (SIPRequest)
                new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
    }

    /** A transaction whose RI match test answers {@code matches} and is counted. */
    private <T> T tx(Class<T> type, boolean matches) {
        return type.cast(Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            if (m.getName().equals("doesCancelMatchTransaction")) {
                matchTests.incrementAndGet();
                return matches;
            }
            if (m.getName().equals("hashCode")) {
                return System.identityHashCode(p);
            }
            if (m.getName().equals("equals")) {
                return p == a[0];
            }
            Class<?> r = m.getReturnType();
            return r == boolean.class ? Boolean.FALSE : r.isPrimitive() ? 0 : null;
        }));
    }

    private void crowd() {
        for (int i = 0; i < 1000; i++) {
            servers.put("z9hg4bkother" + i, tx(SIPServerTransaction.class, false));
            clients.put("z9hg4bkother" + i, tx(SIPClientTransaction.class, false));
        }
    }

    @Test
    void theInviteIsFoundByItsBranchWithOneMatchTest() throws Exception {
        crowd();
        SIPServerTransaction invite = tx(SIPServerTransaction.class, true);
        servers.put("z9hg4bkinvite1", invite);
        SIPClientTransaction branch = tx(SIPClientTransaction.class, true);
        clients.put("z9hg4bkinvite1", branch);

        assertSame(invite, stack.findCancelTransaction(cancel("z9hG4bKInvite1"), true), "case of the branch ignored");
        assertSame(branch, stack.findCancelTransaction(cancel("z9hG4bKInvite1"), false));
        assertEquals(2, matchTests.get(), "one candidate tested per lookup, not the 1,000 others");
    }

    @Test
    void aCandidateTheRiDoesNotMatchAndAnUnknownBranchFindNothing() throws Exception {
        crowd();
        servers.put("z9hg4bkinvite2", tx(SIPServerTransaction.class, false));
        assertNull(stack.findCancelTransaction(cancel("z9hG4bKinvite2"), true), "the RI's test still decides");
        assertNull(stack.findCancelTransaction(cancel("z9hG4bKnone"), true));
        assertNull(stack.findCancelTransaction(cancel("z9hG4bKnone"), false));
        assertEquals(1, matchTests.get());
    }

    @Test
    void anRfc2543BranchTakesTheWalk() throws Exception {
        crowd();
        SIPServerTransaction old = tx(SIPServerTransaction.class, true);
        servers.put("rfc2543-key", old);
        assertSame(old, stack.findCancelTransaction(cancel("1234"), true));
        assertEquals(true, matchTests.get() > 1, "found by testing transactions in turn");
    }
}
