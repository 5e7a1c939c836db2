package io.switchboard.registrar;

import io.switchboard.store.DigestHashes;
import io.switchboard.store.Subscriber;
import io.switchboard.store.SubscriberStore;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SIP digest authentication (RFC 3261 22, RFC 7616) against the {@link SubscriberStore}: challenges for
 * {@code MD5} and/or {@code SHA-256} (the configured list, in its order) with {@code qop="auth"}, nonces that
 * expire, nonce-count tracking.
 * Thread safe; one instance per realm configuration. Used by {@code registrar:save} (401) and by
 * {@code registrar:authenticate} (407) — and by any bundle that needs the same check.
 * <p>
 * Nonces are {@code <expiry millis hex>.<random>.<HMAC>} with a key made at construction: no state per
 * challenge, and nonces of an earlier instance are not accepted (they get a fresh challenge). Each nonce's
 * highest nonce-count is remembered until the nonce expires; a request whose nc is not higher is a replay
 * and gets a fresh challenge with {@code stale=true}.
 */
public final class DigestAuthenticator {

    /** Outcome: {@link #ok()} with the subscriber, or the status, reason and challenge header values to send. */
    public record Result(
            int status, String reason, String challengeHeader, List<String> challenges, Subscriber subscriber) {
        public boolean ok() {
            return status == 0;
        }
    }

    /** Reason phrase of the 400 for credentials with an algorithm the challenge did not offer. */
    public static final String ALGORITHM_NOT_OFFERED = "Digest Algorithm Not Offered";

    private final SubscriberStore subscribers;
    private final long nonceLifetimeMillis;
    private final List<String> algorithms;
    private final LongSupplier clock;
    private final byte[] key = new byte[32];
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Long> nonceCounts = new ConcurrentHashMap<>();

    /**
     * @param algorithms challenge algorithms in the order they are offered: {@code MD5}, {@code SHA-256}
     * @param clock      epoch millis
     */
    public DigestAuthenticator(
            SubscriberStore subscribers, int nonceExpiresSeconds, List<String> algorithms, LongSupplier clock) {
        this.subscribers = subscribers;
        this.nonceLifetimeMillis = nonceExpiresSeconds * 1000L;
        this.algorithms = List.copyOf(algorithms);
        this.clock = clock;
        random.nextBytes(key);
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("no digest algorithm to offer");
        }
        for (String a : algorithms) {
            DigestHashes.hash(a, ""); // fails on an unsupported one
        }
    }

    /**
     * Checks the credentials of a request.
     *
     * @param method        request method (A2 = method:uri)
     * @param realm         the realm to challenge with and accept
     * @param domain        domain of the subscriber (the user part comes from the credentials)
     * @param authorization values of {@code Authorization} (or {@code Proxy-Authorization}) headers
     * @param proxy         true: 407 / {@code Proxy-Authenticate}; false: 401 / {@code WWW-Authenticate}
     * @return ok with the subscriber; 401/407 with challenges (no or stale credentials); 403 wrong credentials
     *         or unknown user; 400 malformed credentials, or an algorithm our challenge did not offer
     */
    public Result authenticate(String method, String realm, String domain, List<String> authorization, boolean proxy) {
        Map<String, String> p = null;
        for (String value : authorization) {
            Map<String, String> parsed = parse(value);
            if (parsed != null && realm.equals(parsed.get("realm"))) {
                p = parsed;
                break;
            }
        }
        if (p == null) {
            return challenge(realm, false, proxy);
        }
        String username = p.get("username");
        String nonce = p.get("nonce");
        String uri = p.get("uri");
        String response = p.get("response");
        String algorithm = p.getOrDefault("algorithm", "MD5");
        String qop = p.get("qop");
        String nc = p.get("nc");
        String cnonce = p.get("cnonce");
        if (username == null || nonce == null || uri == null || response == null) {
            return new Result(400, "Incomplete Credentials", null, List.of(), null);
        }
        if (algorithms.stream().noneMatch(a -> a.equalsIgnoreCase(algorithm))) {
            // answering our challenge with an algorithm it did not offer is a client bug worth a clear refusal; a
            // nonce not ours (an earlier run or settings) only asks for credentials again, with what is offered now
            return nonceExpiry(nonce) < 0
                    ? challenge(realm, false, proxy)
                    : new Result(400, ALGORITHM_NOT_OFFERED, null, List.of(), null);
        }
        if (!"auth".equals(qop) || nc == null || cnonce == null) {
            return new Result(400, "Credentials Without qop=auth", null, List.of(), null);
        }
        long count;
        try {
            count = Long.parseLong(nc, 16);
        } catch (NumberFormatException e) {
            return new Result(400, "Bad Nonce Count", null, List.of(), null);
        }
        long expiry = nonceExpiry(nonce);
        if (expiry < 0) {
            return challenge(realm, false, proxy); // not one of ours (or of an earlier run)
        }
        Optional<Subscriber> subscriber = subscribers.find(username, domain);
        if (subscriber.isEmpty()) {
            return new Result(403, "Forbidden", null, List.of(), null);
        }
        String ha1 = subscriber.get().ha1(algorithm, realm);
        if (ha1 == null) {
            return new Result(403, "Forbidden", null, List.of(), null);
        }
        String expected = response(algorithm, ha1, nonce, nc, cnonce, qop, method, uri);
        if (!constantTimeEquals(expected, response.toLowerCase(Locale.ROOT))) {
            return new Result(403, "Forbidden", null, List.of(), null);
        }
        long now = clock.getAsLong();
        if (now > expiry) {
            nonceCounts.remove(nonce);
            return challenge(realm, true, proxy);
        }
        boolean[] fresh = {false};
        nonceCounts.compute(nonce, (k, last) -> {
            if (last == null || count > last) {
                fresh[0] = true;
                return count;
            }
            return last;
        });
        if (!fresh[0]) {
            return challenge(realm, true, proxy);
        }
        return new Result(0, null, null, List.of(), subscriber.get());
    }

    /** The algorithms offered, in the order of the challenges. */
    public List<String> algorithms() {
        return algorithms;
    }

    /** A 401/407 with one challenge per algorithm, a new nonce. */
    public Result challenge(String realm, boolean stale, boolean proxy) {
        String nonce = newNonce();
        List<String> values = new ArrayList<>(algorithms.size());
        for (String a : algorithms) {
            values.add("Digest realm=\"" + realm + "\", nonce=\"" + nonce + "\", algorithm=" + a + ", qop=\"auth\""
                    + (stale ? ", stale=true" : ""));
        }
        return proxy
                ? new Result(407, "Proxy Authentication Required", "Proxy-Authenticate", values, null)
                : new Result(401, "Unauthorized", "WWW-Authenticate", values, null);
    }

    /** Forgets the nonce-counts of expired nonces; returns how many remain. */
    public int purge() {
        long now = clock.getAsLong();
        nonceCounts.keySet().removeIf(n -> nonceExpiry(n) < now);
        return nonceCounts.size();
    }

    /** The request-digest of RFC 7616 3.4.1 with qop=auth: KD(HA1, nonce:nc:cnonce:qop:H(method:uri)). */
    public static String response(
            String algorithm,
            String ha1,
            String nonce,
            String nc,
            String cnonce,
            String qop,
            String method,
            String uri) {
        String ha2 = DigestHashes.hash(algorithm, method + ":" + uri);
        return DigestHashes.hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    String newNonce() {
        byte[] r = new byte[9];
        random.nextBytes(r);
        String head = Long.toHexString(clock.getAsLong() + nonceLifetimeMillis) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(r);
        return head + "." + mac(head);
    }

    /** Expiry (epoch millis) of a nonce we made, -1 when it is not ours. */
    long nonceExpiry(String nonce) {
        int last = nonce.lastIndexOf('.');
        int first = nonce.indexOf('.');
        if (first <= 0 || last <= first) {
            return -1;
        }
        String head = nonce.substring(0, last);
        if (!constantTimeEquals(mac(head), nonce.substring(last + 1))) {
            return -1;
        }
        try {
            return Long.parseLong(nonce.substring(0, first), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String mac(String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] d = mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(d, 12));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** Parameters of a {@code Digest ...} credentials value (names lower case, quotes removed); null if not Digest. */
    public static Map<String, String> parse(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.length() < 7 || !v.regionMatches(true, 0, "Digest", 0, 6) || !Character.isWhitespace(v.charAt(6))) {
            return null;
        }
        Map<String, String> out = new HashMap<>();
        int i = 7;
        int n = v.length();
        while (i < n) {
            while (i < n && (v.charAt(i) == ',' || Character.isWhitespace(v.charAt(i)))) {
                i++;
            }
            int eq = v.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = v.substring(i, eq).trim().toLowerCase(Locale.ROOT);
            i = eq + 1;
            while (i < n && Character.isWhitespace(v.charAt(i))) {
                i++;
            }
            String val;
            if (i < n && v.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && v.charAt(i) != '"') {
                    if (v.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    sb.append(v.charAt(i++));
                }
                i++;
                val = sb.toString();
            } else {
                int end = v.indexOf(',', i);
                if (end < 0) {
                    end = n;
                }
                val = v.substring(i, end).trim();
                i = end;
            }
            out.put(name, val);
        }
        return out;
    }
}
