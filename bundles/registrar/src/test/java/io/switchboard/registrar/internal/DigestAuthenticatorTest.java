package io.switchboard.registrar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.registrar.DigestAuthenticator;
import io.switchboard.store.DigestHashes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DigestAuthenticatorTest {

    // RFC 7616 section 3.9.1
    static final String USER = "Mufasa", PASSWORD = "Circle of Life", REALM = "http-auth@example.org";
    static final String NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    static final String CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    @Test
    void rfc7616Md5Example() {
        String ha1 = DigestHashes.ha1("MD5", USER, REALM, PASSWORD);
        assertEquals(
                "8ca523f5e9506fed4657c9700eebdbec",
                DigestAuthenticator.response("MD5", ha1, NONCE, "00000001", CNONCE, "auth", "GET", "/dir/index.html"));
    }

    @Test
    void rfc7616Sha256Example() {
        String ha1 = DigestHashes.ha1("SHA-256", USER, REALM, PASSWORD);
        assertEquals(
                "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",
                DigestAuthenticator.response(
                        "SHA-256", ha1, NONCE, "00000001", CNONCE, "auth", "GET", "/dir/index.html"));
    }

    @Test
    void parsesCredentials() {
        Map<String, String> p =
                DigestAuthenticator.parse("Digest username=\"Mufasa\",realm=\"a, b\", nc=00000001 ,qop=auth,"
                        + " uri=\"sip:x@y\", algorithm=SHA-256");
        assertEquals("Mufasa", p.get("username"));
        assertEquals("a, b", p.get("realm"));
        assertEquals("00000001", p.get("nc"));
        assertEquals("auth", p.get("qop"));
        assertEquals("SHA-256", p.get("algorithm"));
        assertNull(DigestAuthenticator.parse("Basic abc"));
    }

    MemorySubscriberStore store;
    AtomicLong now;
    DigestAuthenticator auth;

    @BeforeEach
    void setUp() {
        store = new MemorySubscriberStore();
        store.add("alice", "example.com", "secret");
        now = new AtomicLong(1_000_000);
        auth = new DigestAuthenticator(store, 30, List.of("MD5", "SHA-256"), now::get);
    }

    static String nonceOf(String challenge) {
        return DigestAuthenticator.parse(challenge).get("nonce");
    }

    static String credentials(
            String alg,
            String user,
            String realm,
            String password,
            String nonce,
            String nc,
            String method,
            String uri) {
        String ha1 = DigestHashes.ha1(alg, user, realm, password);
        String resp = DigestAuthenticator.response(alg, ha1, nonce, nc, "c0ffee", "auth", method, uri);
        return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                + "\", response=\"" + resp + "\", algorithm=" + alg + ", qop=auth, nc=" + nc + ", cnonce=\"c0ffee\"";
    }

    @Test
    void challengeOffersBothAlgorithms() {
        DigestAuthenticator.Result r = auth.authenticate("REGISTER", "example.com", "example.com", List.of(), false);
        assertEquals(401, r.status());
        assertEquals("WWW-Authenticate", r.challengeHeader());
        assertEquals(2, r.challenges().size());
        assertTrue(r.challenges().get(0).contains("algorithm=MD5"));
        assertTrue(r.challenges().get(1).contains("algorithm=SHA-256"));
        assertTrue(r.challenges().get(0).contains("qop=\"auth\""));
        assertFalse(r.challenges().get(0).contains("stale"));
        DigestAuthenticator.Result p = auth.authenticate("INVITE", "example.com", "example.com", List.of(), true);
        assertEquals(407, p.status());
        assertEquals("Proxy-Authenticate", p.challengeHeader());
    }

    @Test
    void acceptsMd5AndSha256AndRejectsReplays() {
        for (String alg : List.of("MD5", "SHA-256")) {
            String nonce = nonceOf(
                    auth.challenge("example.com", false, false).challenges().get(0));
            String c1 = credentials(
                    alg, "alice", "example.com", "secret", nonce, "00000001", "REGISTER", "sip:example.com");
            DigestAuthenticator.Result ok =
                    auth.authenticate("REGISTER", "example.com", "example.com", List.of(c1), false);
            assertTrue(ok.ok(), alg + " " + ok);
            assertEquals("alice@example.com", ok.subscriber().aor());
            // the same request again: nonce-count not higher -> replay, fresh challenge with stale=true
            DigestAuthenticator.Result replay =
                    auth.authenticate("REGISTER", "example.com", "example.com", List.of(c1), false);
            assertEquals(401, replay.status());
            assertTrue(replay.challenges().get(0).contains("stale=true"));
            // the next nonce-count on the same nonce is fine
            String c2 = credentials(
                    alg, "alice", "example.com", "secret", nonce, "00000002", "REGISTER", "sip:example.com");
            assertTrue(auth.authenticate("REGISTER", "example.com", "example.com", List.of(c2), false)
                    .ok());
        }
    }

    @Test
    void expiredNonceIsStaleOnlyWhenTheCredentialsAreRight() {
        String nonce =
                nonceOf(auth.challenge("example.com", false, false).challenges().get(0));
        now.addAndGet(31_000);
        String good =
                credentials("MD5", "alice", "example.com", "secret", nonce, "00000001", "REGISTER", "sip:example.com");
        DigestAuthenticator.Result r =
                auth.authenticate("REGISTER", "example.com", "example.com", List.of(good), false);
        assertEquals(401, r.status());
        assertTrue(r.challenges().get(0).contains("stale=true"));
        assertTrue(nonceOf(r.challenges().get(0)) != null
                && !nonceOf(r.challenges().get(0)).equals(nonce));
        String bad =
                credentials("MD5", "alice", "example.com", "wrong", nonce, "00000001", "REGISTER", "sip:example.com");
        assertEquals(
                403,
                auth.authenticate("REGISTER", "example.com", "example.com", List.of(bad), false)
                        .status());
    }

    @Test
    void wrongPasswordUnknownUserForeignNonce() {
        String nonce =
                nonceOf(auth.challenge("example.com", false, false).challenges().get(0));
        String wrong = credentials(
                "SHA-256", "alice", "example.com", "nope", nonce, "00000001", "REGISTER", "sip:example.com");
        assertEquals(
                403,
                auth.authenticate("REGISTER", "example.com", "example.com", List.of(wrong), false)
                        .status());
        String unknown =
                credentials("MD5", "mallory", "example.com", "x", nonce, "00000001", "REGISTER", "sip:example.com");
        assertEquals(
                403,
                auth.authenticate("REGISTER", "example.com", "example.com", List.of(unknown), false)
                        .status());
        // a nonce this authenticator did not make (or a tampered one): a fresh challenge, not stale
        String forged = credentials(
                "MD5",
                "alice",
                "example.com",
                "secret",
                nonce.replace('.', '_') + ".x.y",
                "00000001",
                "REGISTER",
                "sip:example.com");
        DigestAuthenticator.Result r =
                auth.authenticate("REGISTER", "example.com", "example.com", List.of(forged), false);
        assertEquals(401, r.status());
        assertFalse(r.challenges().get(0).contains("stale"));
        DigestAuthenticator other = new DigestAuthenticator(store, 30, List.of("MD5"), now::get);
        String otherNonce = nonceOf(
                other.challenge("example.com", false, false).challenges().get(0));
        String c = credentials(
                "MD5", "alice", "example.com", "secret", otherNonce, "00000001", "REGISTER", "sip:example.com");
        assertEquals(
                401,
                auth.authenticate("REGISTER", "example.com", "example.com", List.of(c), false)
                        .status());
        // credentials for another realm are ignored: challenge
        String otherRealm =
                credentials("MD5", "alice", "elsewhere", "secret", nonce, "00000001", "REGISTER", "sip:example.com");
        assertEquals(
                401,
                auth.authenticate("REGISTER", "example.com", "example.com", List.of(otherRealm), false)
                        .status());
    }

    /**
     * Credentials with an algorithm our challenge did not offer: 400 on our nonce, a fresh challenge on a foreign one.
     */
    @Test
    void algorithmNotOfferedIs400() {
        DigestAuthenticator md5Only = new DigestAuthenticator(store, 30, List.of("MD5"), now::get);
        String nonce = nonceOf(
                md5Only.challenge("example.com", false, false).challenges().get(0));
        String sha = credentials(
                "SHA-256", "alice", "example.com", "secret", nonce, "00000001", "REGISTER", "sip:example.com");
        DigestAuthenticator.Result r =
                md5Only.authenticate("REGISTER", "example.com", "example.com", List.of(sha), false);
        assertEquals(400, r.status());
        assertEquals(DigestAuthenticator.ALGORITHM_NOT_OFFERED, r.reason());
        assertNull(r.challengeHeader());
        String unknown = credentials(
                        "MD5", "alice", "example.com", "secret", nonce, "00000001", "REGISTER", "sip:example.com")
                .replace("algorithm=MD5", "algorithm=SHA-512-256");
        assertEquals(
                400,
                md5Only.authenticate("REGISTER", "example.com", "example.com", List.of(unknown), false)
                        .status());
        String foreign =
                nonceOf(auth.challenge("example.com", false, false).challenges().get(0));
        String shaForeign = credentials(
                "SHA-256", "alice", "example.com", "secret", foreign, "00000001", "REGISTER", "sip:example.com");
        DigestAuthenticator.Result again =
                md5Only.authenticate("REGISTER", "example.com", "example.com", List.of(shaForeign), false);
        assertEquals(401, again.status());
        assertEquals(
                List.of("MD5"),
                again.challenges().stream()
                        .map(c -> DigestAuthenticator.parse(c).get("algorithm"))
                        .toList());
        // the right algorithm still works on that nonce
        String md5 =
                credentials("MD5", "alice", "example.com", "secret", nonce, "00000001", "REGISTER", "sip:example.com");
        assertTrue(md5Only.authenticate("REGISTER", "example.com", "example.com", List.of(md5), false)
                .ok());
    }

    @Test
    void purgeForgetsExpiredNonces() {
        String nonce =
                nonceOf(auth.challenge("example.com", false, false).challenges().get(0));
        String c1 =
                credentials("MD5", "alice", "example.com", "secret", nonce, "00000001", "REGISTER", "sip:example.com");
        assertTrue(auth.authenticate("REGISTER", "example.com", "example.com", List.of(c1), false)
                .ok());
        assertEquals(1, auth.purge());
        now.addAndGet(31_000);
        assertEquals(0, auth.purge());
    }
}
