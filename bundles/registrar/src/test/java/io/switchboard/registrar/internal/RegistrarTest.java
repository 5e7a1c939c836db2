package io.switchboard.registrar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.registrar.AuthenticationListener;
import io.switchboard.registrar.ContactBinding;
import io.switchboard.registrar.DigestAuthenticator;
import io.switchboard.registrar.RegistrarHeaders;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipProxyHeaders;
import io.switchboard.sip.test.FakeSipMessage;
import io.switchboard.store.SubscriberRemoval;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RegistrarTest {

    CamelContext camel = new DefaultCamelContext();
    MemorySubscriberStore subscribers = new MemorySubscriberStore();
    AtomicLong now = new AtomicLong(1_700_000_000_000L);
    JdbcDataSource ds;
    LocationTable table;
    Registrar registrar;
    int cseq;

    @BeforeEach
    void setUp() throws Exception {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        RegistrarService.migrate(ds);
        table = new LocationTable(ds, now::get);
        subscribers.add("alice", "example.com", "secret");
        subscribers.add("bob", "example.com", "pw");
        registrar = new Registrar(table, subscribers, RegistrarConfig.from(Map.of("auth", "false")), now::get);
    }

    @AfterEach
    void tearDown() throws Exception {
        ds.getConnection().createStatement().execute("SHUTDOWN");
    }

    Exchange register(String to, Integer expires, String... contacts) {
        FakeSipMessage msg = FakeSipMessage.request("REGISTER").add("User-Agent", "test-phone");
        for (String c : contacts) {
            msg.add("Contact", c);
        }
        return exchange(to, expires, msg);
    }

    Exchange exchange(String to, Integer expires, FakeSipMessage msg) {
        Exchange ex = new DefaultExchange(camel);
        ex.getIn().setHeader(SipHeaders.METHOD, msg.method());
        ex.getIn().setHeader(SipHeaders.TO_URI, to);
        ex.getIn().setHeader(SipHeaders.FROM_URI, to);
        ex.getIn().setHeader(SipHeaders.REQUEST_URI, "sip:example.com");
        ex.getIn().setHeader(SipHeaders.CALL_ID, "call-1");
        ex.getIn().setHeader(SipHeaders.CSEQ, (long) ++cseq);
        ex.getIn().setHeader(SipHeaders.SOURCE_ADDRESS, "127.0.0.1");
        ex.getIn().setHeader(SipHeaders.SOURCE_PORT, 5062);
        ex.getIn().setHeader(SipHeaders.TRANSPORT, "udp");
        if (expires != null) {
            ex.getIn().setHeader(SipHeaders.EXPIRES, expires);
        }
        ex.getIn().setHeader(SipHeaders.MESSAGE, msg);
        return ex;
    }

    static int status(Exchange ex) {
        return ex.getIn().getHeader(SipHeaders.STATUS, Integer.class);
    }

    @SuppressWarnings("unchecked")
    static List<String> contacts(Exchange ex) {
        return ex.getIn().getHeader("SipHeader.Contact", List.class);
    }

    @Test
    void aorOfUris() {
        assertEquals("alice@example.com", Registrar.aor("sip:alice@Example.COM:5060;transport=udp"));
        assertEquals("alice@10.0.0.1", Registrar.aor("<sips:alice@10.0.0.1>"));
        assertEquals("bob@[::1]", Registrar.aor("sip:bob@[::1]:5060"));
        assertNull(Registrar.aor("sip:example.com"));
        assertEquals("sip:a@1.2.3.4:5060", Registrar.parseContact("\"A\" <sip:a@1.2.3.4:5060>;expires=60")[0]);
        assertEquals("60", Registrar.parseContact("\"A\" <sip:a@1.2.3.4:5060>;q=0.5;Expires=60")[1]);
        assertEquals("sip:a@1.2.3.4", Registrar.parseContact("sip:a@1.2.3.4;expires=5")[0]);
        assertNull(Registrar.parseContact("<sip:a@1.2.3.4")); // unterminated
    }

    @Test
    void severalContactsWithOwnExpiryRefreshAndRemoval() {
        Exchange ex = register(
                "sip:alice@example.com", 600, "<sip:alice@10.0.0.1:5060>", "<sip:alice@10.0.0.2:5060>;expires=120");
        registrar.save(ex);
        assertEquals(200, status(ex));
        assertEquals(
                List.of("<sip:alice@10.0.0.1:5060>;expires=600", "<sip:alice@10.0.0.2:5060>;expires=120"),
                contacts(ex).stream().sorted().toList());

        now.addAndGet(10_000);
        ex = register("sip:alice@example.com", null, "<sip:alice@10.0.0.3:5060>;expires=300");
        registrar.save(ex);
        List<String> c = contacts(ex);
        assertEquals(3, c.size());
        assertEquals("<sip:alice@10.0.0.3:5060>;expires=300", c.get(0)); // newest first
        assertTrue(c.contains("<sip:alice@10.0.0.1:5060>;expires=590"));
        assertTrue(c.contains("<sip:alice@10.0.0.2:5060>;expires=110"));

        // refresh one, remove another with expires=0
        ex = register(
                "sip:alice@example.com",
                null,
                "<sip:alice@10.0.0.2:5060>;expires=3000",
                "<sip:alice@10.0.0.1:5060>;expires=0");
        registrar.save(ex);
        c = contacts(ex);
        assertEquals(2, c.size());
        assertTrue(c.contains("<sip:alice@10.0.0.2:5060>;expires=3000"));
        assertTrue(c.contains("<sip:alice@10.0.0.3:5060>;expires=300"));

        // a REGISTER without Contact lists the bindings
        ex = register("sip:alice@example.com", null);
        registrar.save(ex);
        assertEquals(200, status(ex));
        assertEquals(2, contacts(ex).size());

        // expiry: after 300 s only the refreshed one is left, and the Expires header 0 removes it
        now.addAndGet(301_000);
        assertEquals(
                List.of("sip:alice@10.0.0.2:5060"),
                table.lookup("alice@example.com").stream()
                        .map(ContactBinding::uri)
                        .toList());
        ex = register("sip:alice@example.com", 0, "<sip:alice@10.0.0.2:5060>");
        registrar.save(ex);
        assertEquals(200, status(ex));
        assertNull(contacts(ex));
        assertTrue(table.lookup("alice@example.com").isEmpty());
    }

    @Test
    void expiresRules() {
        Exchange ex = register("sip:alice@example.com", 30, "<sip:alice@10.0.0.1>");
        registrar.save(ex);
        assertEquals(423, status(ex));
        assertEquals("60", ex.getIn().getHeader("SipHeader.Min-Expires"));
        assertTrue(table.lookup("alice@example.com").isEmpty());

        ex = register("sip:alice@example.com", 3600, "<sip:alice@10.0.0.1>;expires=59");
        registrar.save(ex);
        assertEquals(423, status(ex));

        ex = register("sip:alice@example.com", 99999, "<sip:alice@10.0.0.1>");
        registrar.save(ex);
        assertEquals(List.of("<sip:alice@10.0.0.1>;expires=3600"), contacts(ex)); // max_expires

        ex = register("sip:alice@example.com", null, "<sip:alice@10.0.0.9>");
        registrar.save(ex);
        assertTrue(contacts(ex).contains("<sip:alice@10.0.0.9>;expires=3600")); // default_expires
    }

    @Test
    void contactStar() {
        registrar.save(register("sip:alice@example.com", 600, "<sip:alice@10.0.0.1>", "<sip:alice@10.0.0.2>"));
        Exchange ex = register("sip:alice@example.com", 600, "*");
        registrar.save(ex);
        assertEquals(400, status(ex));
        ex = register("sip:alice@example.com", null, "*");
        registrar.save(ex);
        assertEquals(400, status(ex));
        ex = register("sip:alice@example.com", 0, "*", "<sip:alice@10.0.0.1>");
        registrar.save(ex);
        assertEquals(400, status(ex));
        assertEquals(2, table.lookup("alice@example.com").size());
        ex = register("sip:alice@example.com", 0, "*");
        registrar.save(ex);
        assertEquals(200, status(ex));
        assertTrue(table.lookup("alice@example.com").isEmpty());
    }

    @Test
    void outOfOrderRegisterFromTheSameCallIdFails() {
        registrar.save(register("sip:alice@example.com", 600, "<sip:alice@10.0.0.1>"));
        cseq -= 2; // the next REGISTER carries a lower CSeq on the same Call-ID
        Exchange ex = register("sip:alice@example.com", 0, "<sip:alice@10.0.0.1>");
        registrar.save(ex);
        assertEquals(500, status(ex));
        assertEquals(1, table.lookup("alice@example.com").size());
        cseq += 5;
        ex = register("sip:alice@example.com", 0, "<sip:alice@10.0.0.1>");
        registrar.save(ex);
        assertEquals(200, status(ex));
        assertTrue(table.lookup("alice@example.com").isEmpty());
    }

    @Test
    void sameCseqWithinCseqDelayIsAnsweredAgainAndChangesNothing() {
        registrar.save(register("sip:alice@example.com", 600, "<sip:alice@10.0.0.1>"));
        long expiresAt = table.lookup("alice@example.com").get(0).expiresAt();
        now.addAndGet(19_000);
        cseq--; // the same REGISTER again (a retransmission), 19 s later: within cseq_delay (20 s)
        Exchange ex = register("sip:alice@example.com", 600, "<sip:alice@10.0.0.1>");
        registrar.save(ex);
        assertEquals(200, status(ex));
        assertEquals(1, contacts(ex).size());
        assertEquals(expiresAt, table.lookup("alice@example.com").get(0).expiresAt(), "not refreshed by the copy");
        now.addAndGet(2_000);
        cseq--; // 21 s after the first copy: out of order
        ex = register("sip:alice@example.com", 600, "<sip:alice@10.0.0.1>");
        registrar.save(ex);
        assertEquals(500, status(ex));
        registrar.configure(RegistrarConfig.from(Map.of("auth", "false", "cseq_delay", "0")));
        cseq--; // with cseq_delay 0 every copy is out of order
        ex = register("sip:alice@example.com", 600, "<sip:alice@10.0.0.1>");
        registrar.save(ex);
        assertEquals(500, status(ex));
    }

    @Test
    void unknownUserWithoutAuthIs404() {
        Exchange ex = register("sip:nobody@example.com", 600, "<sip:x@10.0.0.1>");
        registrar.save(ex);
        assertEquals(404, status(ex));
    }

    @Test
    void defaultChallengeIsMd5AloneAndAnotherAlgorithmGets400() {
        registrar.configure(RegistrarConfig.DEFAULTS);
        Exchange ex = register("sip:alice@example.com", 600, "<sip:alice@10.0.0.1>");
        registrar.save(ex);
        assertEquals(401, status(ex));
        @SuppressWarnings("unchecked")
        List<String> challenges = ex.getIn().getHeader("SipHeader.WWW-Authenticate", List.class);
        assertEquals(1, challenges.size());
        assertTrue(challenges.get(0).contains("algorithm=MD5,"), challenges.get(0));
        String nonce = DigestAuthenticator.parse(challenges.get(0)).get("nonce");
        String sha = DigestAuthenticatorTest.credentials(
                "SHA-256", "alice", "example.com", "secret", nonce, "00000001", "REGISTER", "sip:example.com");
        ex = exchange(
                "sip:alice@example.com",
                600,
                FakeSipMessage.request("REGISTER")
                        .add("Contact", "<sip:alice@10.0.0.1>")
                        .add("Authorization", sha));
        registrar.save(ex);
        assertEquals(400, status(ex));
        assertEquals(DigestAuthenticator.ALGORITHM_NOT_OFFERED, ex.getIn().getHeader(SipHeaders.REASON));
        assertTrue(table.lookup("alice@example.com").isEmpty());
    }

    @Test
    void algorithmsSettingKeepsOrderAndRefusesUnknownOrRepeatedNames() {
        assertEquals(List.of("MD5"), RegistrarConfig.DEFAULTS.algorithms());
        assertEquals(
                List.of("SHA-256", "MD5"),
                RegistrarConfig.from(Map.of("algorithms", "sha-256 , md5")).algorithms());
        // refused like any bad value: the previous one (here the default) is kept
        assertEquals(
                List.of("MD5"),
                RegistrarConfig.from(Map.of("algorithms", "MD5,SHA-512")).algorithms());
        assertEquals(
                List.of("MD5"),
                RegistrarConfig.from(Map.of("algorithms", "SHA-256,sha256")).algorithms());
        assertEquals(
                List.of("MD5"), RegistrarConfig.from(Map.of("algorithms", ",")).algorithms());
    }

    /** A challenge nobody answers is found by the sweep once its nonce has expired; an answered one is not. */
    @Test
    void unansweredChallengesAreFoundAfterTheNonceLifetime() {
        registrar.configure(RegistrarConfig.from(Map.of("nonce_expires", "5")));
        Exchange silent = register("sip:alice@example.com", 600, "<sip:alice@10.0.0.1>");
        registrar.save(silent);
        Exchange answering = register("sip:bob@example.com", 600, "<sip:bob@10.0.0.2>");
        registrar.save(answering);
        String challenge = (String) answering
                .getIn()
                .getHeader("SipHeader.WWW-Authenticate", List.class)
                .get(0);
        String creds = DigestAuthenticatorTest.credentials(
                "MD5",
                "bob",
                "example.com",
                "pw",
                DigestAuthenticator.parse(challenge).get("nonce"),
                "00000001",
                "REGISTER",
                "sip:example.com");
        Exchange ok = exchange(
                "sip:bob@example.com",
                600,
                FakeSipMessage.request("REGISTER")
                        .add("Contact", "<sip:bob@10.0.0.2>")
                        .add("Authorization", creds));
        registrar.save(ok);
        assertEquals(200, status(ok));
        assertEquals(0, registrar.sweepChallenges());
        now.addAndGet(5_001);
        assertEquals(1, registrar.sweepChallenges());
        assertEquals(0, registrar.sweepChallenges());
    }

    @Test
    void refusedCredentialsAreToldToTheListenersAndChallengesAreNot() {
        registrar.configure(RegistrarConfig.from(Map.of()));
        List<String> failures = new ArrayList<>();
        AuthenticationListener listener = (address, user, st) -> failures.add(address + " " + user + " " + st);
        registrar.addListener(listener);
        Exchange ex = register("sip:alice@example.com", 600, "<sip:alice@10.0.0.1>");
        registrar.save(ex);
        assertEquals(401, status(ex));
        assertEquals(List.of(), failures, "a challenge is no failure");
        String nonce = DigestAuthenticator.parse(ex.getIn()
                        .getHeader("SipHeader.WWW-Authenticate", List.class)
                        .get(0)
                        .toString())
                .get("nonce");
        String wrong = DigestAuthenticatorTest.credentials(
                "MD5", "alice", "example.com", "guess", nonce, "00000001", "REGISTER", "sip:example.com");
        ex = exchange(
                "sip:alice@example.com",
                600,
                FakeSipMessage.request("REGISTER")
                        .add("Contact", "<sip:a@10.0.0.1>")
                        .add("Authorization", wrong));
        registrar.save(ex);
        assertEquals(403, status(ex));
        assertEquals(List.of("127.0.0.1 alice@example.com 403"), failures);

        registrar.removeListener(listener);
        registrar.save(ex);
        assertEquals(1, failures.size(), "a removed listener hears nothing");
    }

    @Test
    void digestFlowOnRegister() {
        registrar.configure(RegistrarConfig.from(Map.of("algorithms", "MD5,SHA-256")));
        Exchange ex = register("sip:alice@example.com", 600, "<sip:alice@10.0.0.1>");
        registrar.save(ex);
        assertEquals(401, status(ex));
        @SuppressWarnings("unchecked")
        List<String> challenges = ex.getIn().getHeader("SipHeader.WWW-Authenticate", List.class);
        assertEquals(2, challenges.size());
        String sha = challenges.stream()
                .filter(s -> s.contains("SHA-256"))
                .findFirst()
                .orElseThrow();
        Map<String, String> p = DigestAuthenticator.parse(sha);
        assertEquals("example.com", p.get("realm")); // default realm: the To domain
        String creds = DigestAuthenticatorTest.credentials(
                "SHA-256", "alice", "example.com", "secret", p.get("nonce"), "00000001", "REGISTER", "sip:example.com");
        FakeSipMessage msg = FakeSipMessage.request("REGISTER")
                .add("Contact", "<sip:alice@10.0.0.1>")
                .add("Authorization", creds);
        ex = exchange("sip:alice@example.com", 600, msg);
        registrar.save(ex);
        assertEquals(200, status(ex));
        assertEquals("alice@example.com", ex.getIn().getHeader(RegistrarHeaders.AUTH_USER));

        // bob's valid credentials cannot register alice
        String bobCreds = DigestAuthenticatorTest.credentials(
                "MD5", "bob", "example.com", "pw", p.get("nonce"), "00000002", "REGISTER", "sip:example.com");
        ex = exchange(
                "sip:alice@example.com",
                600,
                FakeSipMessage.request("REGISTER")
                        .add("Contact", "<sip:evil@10.0.0.6>")
                        .add("Authorization", bobCreds));
        registrar.save(ex);
        assertEquals(403, status(ex));

        // proxy side: 407 with Proxy-Authenticate
        ex = exchange("sip:alice@example.com", null, FakeSipMessage.request("INVITE"));
        ex.getIn().setHeader(SipHeaders.METHOD, "INVITE");
        registrar.authenticate(ex);
        assertEquals(407, status(ex));
        assertEquals(
                2,
                ex.getIn().getHeader("SipHeader.Proxy-Authenticate", List.class).size());
    }

    @Test
    void lookup() {
        registrar.save(register("sip:alice@example.com", 600, "<sip:alice@10.0.0.1:5060>"));
        now.addAndGet(1000);
        Exchange overTcp = register("sip:alice@example.com", 600, "<sip:alice@10.0.0.2:5060;transport=tcp>");
        overTcp.getIn().setHeader(SipHeaders.TRANSPORT, "tcp");
        overTcp.getIn().setHeader(SipHeaders.SOURCE_ADDRESS, "192.0.2.7");
        overTcp.getIn().setHeader(SipHeaders.SOURCE_PORT, 40312);
        registrar.save(overTcp);

        Exchange ex = new DefaultExchange(camel);
        ex.getIn().setHeader(SipHeaders.REQUEST_URI, "sip:alice@EXAMPLE.com:5060");
        registrar.lookup(ex);
        assertNull(ex.getIn().getHeader(SipHeaders.STATUS));
        assertEquals(
                List.of("sip:alice@10.0.0.2:5060;transport=tcp", "sip:alice@10.0.0.1:5060"),
                ex.getIn().getHeader(RegistrarHeaders.TARGETS));
        assertEquals("sip:alice@10.0.0.2:5060;transport=tcp", ex.getIn().getHeader(SipHeaders.REQUEST_URI));
        assertEquals(
                Map.of("sip:alice@10.0.0.2:5060;transport=tcp", "sip:192.0.2.7:40312;transport=tcp"),
                ex.getIn().getHeader(SipProxyHeaders.DESTINATIONS),
                "the contact registered over TCP is reached over its connection; the UDP one by its address");
        assertNull(Registrar.connection("udp:192.0.2.7:5060"));
        assertEquals("sip:[2001:db8::1]:5061;transport=tcp", Registrar.connection("tcp:2001:db8::1:5061"));

        // an authenticated caller is told who is not registered (480) and who is no subscriber (404)
        assertEquals("480 Temporarily Unavailable", lookup("sip:bob@example.com", "alice@example.com"));
        assertEquals("404 Not Found", lookup("sip:carol@example.com", "alice@example.com"));
    }

    /** "status reason" of location:lookup for {@code ruri}, by a caller authenticated as {@code authUser} (or not). */
    private String lookup(String ruri, String authUser) {
        Exchange ex = new DefaultExchange(camel);
        ex.getIn().setHeader(SipHeaders.REQUEST_URI, ruri);
        if (authUser != null) {
            ex.getIn().setHeader(RegistrarHeaders.AUTH_USER, authUser);
        }
        registrar.lookup(ex);
        assertNull(ex.getIn().getHeader(RegistrarHeaders.TARGETS));
        return status(ex) + " " + ex.getIn().getHeader(SipHeaders.REASON);
    }

    /** No enumeration: without SipAuthUser an unknown and an unregistered user get the same answer, 404 or 480. */
    @Test
    void lookupByAnUnauthenticatedCallerDoesNotTellWhoIsASubscriber() {
        assertEquals("404 Not Found", lookup("sip:bob@example.com", null), "a subscriber, not registered");
        assertEquals("404 Not Found", lookup("sip:carol@example.com", null), "no subscriber");
        registrar.configure(RegistrarConfig.from(Map.of("auth", "false", "lookup_failure_status", "480")));
        assertEquals("480 Temporarily Unavailable", lookup("sip:bob@example.com", null));
        assertEquals("480 Temporarily Unavailable", lookup("sip:carol@example.com", null));
        assertEquals("404 Not Found", lookup("sip:carol@example.com", "alice@example.com"));
    }

    @Test
    void persistenceRoundTripAndPurge() throws Exception {
        registrar.save(
                register("sip:alice@example.com", 600, "<sip:alice@10.0.0.1>", "<sip:alice@10.0.0.2>;expires=60"));
        registrar.save(register("sip:bob@example.com", 600, "<sip:bob@10.0.0.3>"));
        assertEquals(2, table.dirtyCount());
        assertEquals(2, table.flush());
        assertEquals(0, table.flush());

        LocationTable restored = new LocationTable(ds, now::get);
        assertEquals(3, restored.load());
        ContactBinding b = restored.lookup("bob@example.com").get(0);
        assertEquals("sip:bob@10.0.0.3", b.uri());
        assertEquals("test-phone", b.userAgent());
        assertEquals("udp:127.0.0.1:5062", b.source());
        assertEquals(now.get() + 600_000, b.expiresAt());

        // after 61 s one of alice's contacts is gone from memory and, after the flush, from the database
        now.addAndGet(61_000);
        assertEquals(1, table.purge());
        table.flush();
        LocationTable again = new LocationTable(ds, now::get);
        assertEquals(2, again.load());
        assertEquals(
                List.of("sip:alice@10.0.0.1"),
                again.lookup("alice@example.com").stream()
                        .map(ContactBinding::uri)
                        .toList());
        // an expired row is not restored
        now.addAndGet(600_000);
        assertEquals(0, new LocationTable(ds, now::get).load());
        assertTrue(RegistrarListCommand.format(table.all(), now.get()).startsWith("No registration"));
    }

    /** Stored expiry of the AoR's contacts, by contact URI. */
    private Map<String, Long> storedExpiry(String aor) throws Exception {
        LocationTable fromDb = new LocationTable(ds, now::get);
        fromDb.load();
        Map<String, Long> out = new TreeMap<>();
        fromDb.lookup(aor).forEach(b -> out.put(b.uri(), b.expiresAt()));
        return out;
    }

    /**
     * timer_interval (Kamailio usrloc's write-back delay): a refresh of the same contacts (same source and User-Agent,
     * any Call-ID) waits up to that long to be written; a new, changed or removed contact, or a refresh of a contact
     * whose stored row would expire first, is written with the next flush; flushAll writes everything.
     */
    @Test
    void refreshesAreWrittenBackAfterTheTimerIntervalChangesAtOnce() throws Exception {
        table.refreshDelayMillis(60_000);
        long t0 = now.get();
        registrar.save(register("sip:alice@example.com", 600, "<sip:alice@10.0.0.1>"));
        assertEquals(1, table.flush());
        assertEquals(Map.of("sip:alice@10.0.0.1", t0 + 600_000), storedExpiry("alice@example.com"));

        // a refresh 30 s later: same contact, Call-ID, user agent and source; in memory at once, stored 60 s later
        now.addAndGet(30_000);
        Exchange refresh = register("sip:alice@example.com", 600, "<sip:alice@10.0.0.1>");
        registrar.save(refresh);
        assertEquals(200, status(refresh));
        assertEquals(t0 + 630_000, table.lookup("alice@example.com").get(0).expiresAt());
        assertEquals(0, table.dirtyCount());
        assertEquals(1, table.refreshedCount());
        assertEquals(0, table.flush());
        now.addAndGet(30_000); // a second refresh does not push the write further away
        registrar.save(register("sip:alice@example.com", 600, "<sip:alice@10.0.0.1>"));
        now.addAndGet(29_000);
        assertEquals(0, table.flush());
        assertEquals(Map.of("sip:alice@10.0.0.1", t0 + 600_000), storedExpiry("alice@example.com"));
        now.addAndGet(1_000);
        assertEquals(1, table.flush());
        assertEquals(Map.of("sip:alice@10.0.0.1", t0 + 660_000), storedExpiry("alice@example.com"));
        assertEquals(0, table.refreshedCount());

        // a second contact is a change: written with the next flush, and with it the pending refresh
        registrar.save(register("sip:alice@example.com", 600, "<sip:alice@10.0.0.1>"));
        registrar.save(register("sip:alice@example.com", 600, "<sip:alice@10.0.0.2>"));
        assertEquals(1, table.dirtyCount());
        assertEquals(1, table.flush());
        assertEquals(0, table.refreshedCount());
        assertEquals(2, storedExpiry("alice@example.com").size());

        // another Call-ID (a restarted phone, a client that takes a new one each time) refreshes the same contact
        now.addAndGet(1_000);
        Exchange other = register("sip:alice@example.com", 600, "<sip:alice@10.0.0.2>");
        other.getIn().setHeader(SipHeaders.CALL_ID, "call-2");
        registrar.save(other);
        assertEquals(0, table.dirtyCount());
        assertEquals(1, table.refreshedCount());

        // another source or User-Agent is a change
        Exchange moved = register("sip:alice@example.com", 600, "<sip:alice@10.0.0.2>");
        moved.getIn().setHeader(SipHeaders.CALL_ID, "call-2");
        moved.getIn().setHeader(SipHeaders.SOURCE_PORT, 5070);
        registrar.save(moved);
        assertEquals(1, table.dirtyCount());
        assertEquals(1, table.flush());
        assertEquals(0, table.refreshedCount());
        FakeSipMessage phone = FakeSipMessage.request("REGISTER").add("User-Agent", "other-phone");
        phone.add("Contact", "<sip:alice@10.0.0.2>");
        Exchange upgraded = exchange("sip:alice@example.com", 600, phone);
        upgraded.getIn().setHeader(SipHeaders.CALL_ID, "call-2");
        upgraded.getIn().setHeader(SipHeaders.SOURCE_PORT, 5070);
        registrar.save(upgraded);
        assertEquals(1, table.dirtyCount());
        table.flush();

        // a shorter expiry is a change (the stored row would outlive the contact)
        registrar.save(register("sip:alice@example.com", 300, "<sip:alice@10.0.0.1>"));
        assertEquals(1, table.dirtyCount());
        table.flush();

        // a stored row that would expire before the deferred write: the refresh is written at once
        registrar.save(register("sip:alice@example.com", 60, "<sip:alice@10.0.0.1>"));
        table.flush();
        now.addAndGet(1_000);
        registrar.save(register("sip:alice@example.com", 60, "<sip:alice@10.0.0.1>"));
        assertEquals(1, table.dirtyCount());
        table.flush();

        // a refresh pending at stop is written by flushAll
        now.addAndGet(1_000);
        FakeSipMessage again = FakeSipMessage.request("REGISTER").add("User-Agent", "other-phone");
        again.add("Contact", "<sip:alice@10.0.0.2>");
        Exchange last = exchange("sip:alice@example.com", 600, again);
        last.getIn().setHeader(SipHeaders.SOURCE_PORT, 5070);
        registrar.save(last);
        assertEquals(1, table.refreshedCount());
        assertEquals(1, table.flushAll());
        assertEquals(now.get() + 600_000, storedExpiry("alice@example.com").get("sip:alice@10.0.0.2"));
    }

    /** The service as SCR runs it: its own table on the test database, the housekeeping timer, the listener. */
    @Test
    void removedSubscriberLosesItsContactsInMemoryAndInTheDatabaseAtOnce() throws Exception {
        RegistrarService service = new RegistrarService();
        service.dataSource = ds;
        service.subscribers = subscribers;
        service.activate(Map.of("auth", "false"));
        try {
            service.registrar()
                    .save(register("sip:alice@example.com", 600, "<sip:alice@10.0.0.1>", "<sip:alice@10.0.0.2>"));
            service.registrar().save(register("sip:bob@example.com", 600, "<sip:bob@10.0.0.3>"));
            assertEquals(2, service.lookup("alice@example.com").size());

            subscribers.remove("alice", "example.com");
            service.subscriberRemoved(new SubscriberRemoval("alice", "example.com", false));

            assertTrue(service.lookup("alice@example.com").isEmpty());
            assertEquals(List.of("bob@example.com"), List.copyOf(service.all().keySet()));
            // the rows went with the removal, not with the next write-behind: a fresh table restores only bob
            LocationTable fromDb = new LocationTable(ds, System::currentTimeMillis);
            assertEquals(1, fromDb.load());
            assertTrue(fromDb.lookup("alice@example.com").isEmpty());
            // a call to the removed subscriber: 404 (no such user), not 480 (not registered)
            Exchange ex = new DefaultExchange(camel);
            ex.getIn().setHeader(SipHeaders.REQUEST_URI, "sip:alice@example.com");
            service.registrar().lookup(ex);
            assertEquals(404, status(ex));
        } finally {
            service.deactivate();
        }
    }

    @Test
    void removeAllOfAnAorWithoutContactsIsHarmless() throws Exception {
        registrar.save(register("sip:bob@example.com", 600, "<sip:bob@10.0.0.3>"));
        assertEquals(0, table.removeAll("alice@example.com"));
        assertEquals(1, table.removeAll("bob@example.com"));
        table.flush();
        assertEquals(0, new LocationTable(ds, now::get).load());
    }

    @Test
    void listCommandFormat() {
        registrar.save(register("sip:alice@example.com", 600, "<sip:alice@10.0.0.1>"));
        String out = RegistrarListCommand.format(table.all(), now.get());
        assertTrue(out.contains("alice@example.com"), out);
        assertTrue(out.contains("sip:alice@10.0.0.1"), out);
        assertTrue(out.contains("600s"), out);
        assertTrue(out.contains("test-phone"), out);
        assertTrue(out.contains("udp:127.0.0.1:5062"), out);
    }
}
