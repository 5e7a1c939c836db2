package io.switchboard.registrar.internal;

import io.switchboard.registrar.AuthenticationListener;
import io.switchboard.registrar.ContactBinding;
import io.switchboard.registrar.DigestAuthenticator;
import io.switchboard.registrar.RegistrarHeaders;
import io.switchboard.sip.SipAddresses;
import io.switchboard.sip.SipAnswers;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipMessage;
import io.switchboard.sip.SipProxyHeaders;
import io.switchboard.store.SubscriberStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.LoggerFactory;

/**
 * What {@code registrar:save}, {@code registrar:authenticate} and {@code location:lookup} do to an
 * exchange of the {@code sip} consumer. Each sets {@code SipStatus} when it answers (the route then ends
 * or checks {@code SipStatus}); {@code location:lookup} leaves it unset on success.
 */
public class Registrar {

    private static final Pattern EXPIRES_PARAM =
            Pattern.compile(";\\s*expires\\s*=\\s*\"?(\\d+)", Pattern.CASE_INSENSITIVE);

    private final LocationTable location;
    private final SubscriberStore subscribers;
    private final LongSupplier clock;
    private volatile RegistrarConfig config;
    private volatile DigestAuthenticator authenticator;
    private final ChallengeLog challengeLog;
    /** Told of every refused authentication (bundles/pike bans sources that fail too often). */
    private final List<AuthenticationListener> listeners = new CopyOnWriteArrayList<>();

    public Registrar(LocationTable location, SubscriberStore subscribers, RegistrarConfig config, LongSupplier clock) {
        this.location = location;
        this.subscribers = subscribers;
        this.clock = clock;
        this.challengeLog = new ChallengeLog(clock);
        configure(config);
    }

    public final void configure(RegistrarConfig c) {
        this.authenticator = new DigestAuthenticator(subscribers, c.nonceExpires(), c.algorithms(), clock);
        this.config = c;
    }

    public void addListener(AuthenticationListener l) {
        listeners.add(l);
    }

    public void removeListener(AuthenticationListener l) {
        listeners.remove(l);
    }

    public RegistrarConfig config() {
        return config;
    }

    public DigestAuthenticator authenticator() {
        return authenticator;
    }

    /** {@code user@domain} of a SIP URI (domain lower case, no port, no parameters); null without a user part. */
    public static String aor(String uri) {
        return SipAddresses.aor(uri);
    }

    private volatile ContactEvents events = ContactEvents.NONE;

    /** Where contact changes are published (the event bus when installed). */
    void events(ContactEvents events) {
        this.events = events;
    }

    /** registrar:save */
    public void save(Exchange exchange) {
        Message in = exchange.getIn();
        SipMessage msg = in.getHeader(SipHeaders.MESSAGE, SipMessage.class);
        String aor = aor(in.getHeader(SipHeaders.TO_URI, String.class));
        if (msg == null || aor == null) {
            SipAnswers.answer(in, 400, "Bad To (no user part)");
            return;
        }
        RegistrarConfig c = config;
        int at = aor.indexOf('@');
        String user = aor.substring(0, at);
        String domain = aor.substring(at + 1);
        if (c.auth()) {
            String realm = c.realm().isEmpty() ? domain : c.realm();
            List<String> credentials = msg.headers("Authorization");
            DigestAuthenticator.Result r = authenticator.authenticate("REGISTER", realm, domain, credentials, false);
            if (!r.ok()) {
                logged(in, r, "REGISTER", aor, credentials);
                answer(in, r);
                return;
            }
            challengeLog.answered(credentials);
            if (!r.subscriber().username().equals(user)) {
                SipAnswers.answer(in, 403, "Forbidden (credentials of another user)");
                challengeLog.refused(
                        403, "Forbidden (credentials of another user)", "REGISTER", aor, source(in), credentials);
                failed(in, aor, 403);
                return;
            }
            in.setHeader(RegistrarHeaders.AUTH_USER, r.subscriber().aor());
        } else if (subscribers.find(user, domain).isEmpty()) {
            SipAnswers.answer(in, 404, "Not Found");
            return;
        }

        List<String> contactValues = msg.headers("Contact");
        Integer headerExpires = in.getHeader(SipHeaders.EXPIRES, Integer.class);
        String callId = in.getHeader(SipHeaders.CALL_ID, String.class);
        Long cseqHeader = in.getHeader(SipHeaders.CSEQ, Long.class);
        long cseq = cseqHeader == null ? 0 : cseqHeader;
        long now = clock.getAsLong();

        boolean star = contactValues.stream().anyMatch(v -> v.trim().equals("*"));
        if (star) {
            if (contactValues.size() != 1 || headerExpires == null || headerExpires != 0) {
                SipAnswers.answer(in, 400, "Contact * needs Expires: 0 and no other Contact");
                return;
            }
            List<ContactBinding> before = location.lookup(aor);
            location.update(aor, live -> List.of());
            before.forEach(b -> events.publish("removed", b, now));
            ok(in, List.of(), now);
            return;
        }

        List<String[]> changes = new ArrayList<>(); // {uri, expires}
        for (String value : contactValues) {
            String[] parsed = parseContact(value);
            if (parsed == null) {
                SipAnswers.answer(in, 400, "Bad Contact");
                return;
            }
            int expires;
            if (parsed[1] != null) {
                expires = (int) Math.min(Integer.MAX_VALUE, Long.parseLong(parsed[1]));
            } else if (headerExpires != null) {
                expires = headerExpires;
            } else {
                expires = c.defaultExpires();
            }
            if (expires > 0 && expires < c.minExpires()) {
                SipAnswers.answer(in, 423, "Interval Too Brief");
                in.setHeader(SipHeaders.HEADER_PREFIX + "Min-Expires", Integer.toString(c.minExpires()));
                return;
            }
            changes.add(new String[] {parsed[0], Integer.toString(Math.min(expires, c.maxExpires()))});
        }
        List<ContactBinding> current;
        if (changes.isEmpty()) {
            current = location.lookup(aor); // a query: list the bindings
        } else {
            String ua = msg.header("User-Agent");
            String source = source(in);
            boolean[] outOfOrder = {false};
            List<String[]> published = new ArrayList<>(); // {change, uri}: the last run of the update wins
            List<ContactBinding> gone = new ArrayList<>();
            current = location.update(aor, live -> {
                published.clear();
                gone.clear();
                // RFC 3261 10.3 step 7: a binding from the same Call-ID changes only with a higher CSeq; the same
                // CSeq within cseq_delay is the request again (a retransmission the transaction no longer absorbs,
                // or any copy of a REGISTER answered statelessly): answered as the first copy was, nothing changes
                for (String[] ch : changes) {
                    for (ContactBinding b : live) {
                        if (b.uri().equals(ch[0])
                                && b.callId() != null
                                && b.callId().equals(callId)
                                && cseq <= b.cseq()) {
                            outOfOrder[0] = cseq < b.cseq() || now - b.registeredAt() > c.cseqDelay() * 1000L;
                            return live;
                        }
                    }
                }
                List<ContactBinding> next = new ArrayList<>(live);
                for (String[] ch : changes) {
                    boolean known = live.stream().anyMatch(b -> b.uri().equals(ch[0]));
                    int e = Integer.parseInt(ch[1]);
                    if (known && e <= 0) {
                        live.stream().filter(b -> b.uri().equals(ch[0])).forEach(gone::add);
                    } else if (e > 0) {
                        published.add(new String[] {known ? "refreshed" : "registered", ch[0]});
                    }
                    next.removeIf(b -> b.uri().equals(ch[0]));
                    if (e > 0) {
                        next.add(new ContactBinding(aor, ch[0], now + e * 1000L, now, callId, cseq, ua, source));
                    }
                }
                return next;
            });
            if (outOfOrder[0]) {
                SipAnswers.answer(in, 500, "Out of Order REGISTER (CSeq not higher for this Call-ID)");
                SipAnswers.retryAfter(in, 1);
                return;
            }
            gone.forEach(b -> events.publish("removed", b, now));
            for (String[] p : published) {
                current.stream()
                        .filter(b -> b.uri().equals(p[1]))
                        .findFirst()
                        .ifPresent(b -> events.publish(p[0], b, now));
            }
        }
        ok(in, current, now);
    }

    /** registrar:authenticate — 407 unless the request carries valid credentials of a subscriber of the From domain. */
    public void authenticate(Exchange exchange) {
        Message in = exchange.getIn();
        SipMessage msg = in.getHeader(SipHeaders.MESSAGE, SipMessage.class);
        String aor = aor(in.getHeader(SipHeaders.FROM_URI, String.class));
        if (msg == null || aor == null) {
            SipAnswers.answer(in, 403, "Forbidden (From without user)");
            return;
        }
        String domain = aor.substring(aor.indexOf('@') + 1);
        RegistrarConfig c = config;
        String realm = c.realm().isEmpty() ? domain : c.realm();
        String method = in.getHeader(SipHeaders.METHOD, String.class);
        List<String> credentials = msg.headers("Proxy-Authorization");
        DigestAuthenticator.Result r = authenticator.authenticate(method, realm, domain, credentials, true);
        if (!r.ok()) {
            logged(in, r, method, aor, credentials);
            answer(in, r);
            return;
        }
        challengeLog.answered(credentials);
        in.setHeader(RegistrarHeaders.AUTH_USER, r.subscriber().aor());
    }

    /**
     * location:lookup: the contacts of the Request-URI's AoR as {@code SipTargets}; none: {@code lookup_failure_status}
     * (404 or 480, the same for an unknown and an unregistered user) unless the caller authenticated
     * ({@code SipAuthUser}), who is told 404 (no such subscriber) or 480 (not registered).
     */
    public void lookup(Exchange exchange) {
        Message in = exchange.getIn();
        String aor = aor(in.getHeader(SipHeaders.REQUEST_URI, String.class));
        if (aor == null) {
            SipAnswers.answer(in, 404, "Not Found");
            return;
        }
        List<ContactBinding> contacts = location.lookup(aor);
        if (contacts.isEmpty() && in.getHeader(RegistrarHeaders.AUTH_USER) == null) {
            // no enumeration: a caller that has not authenticated gets the same answer for a name that is no
            // subscriber and for one that is not registered (README "Security")
            int status = config.lookupFailureStatus();
            SipAnswers.answer(in, status, status == 480 ? "Temporarily Unavailable" : "Not Found");
            return;
        }
        if (contacts.isEmpty()) {
            int at = aor.indexOf('@');
            boolean known = subscribers
                    .find(aor.substring(0, at), aor.substring(at + 1))
                    .isPresent();
            SipAnswers.answer(in, known ? 480 : 404, known ? "Temporarily Unavailable" : "Not Found");
            return;
        }
        List<String> targets = new ArrayList<>(contacts.size());
        Map<String, String> connections = new LinkedHashMap<>();
        for (ContactBinding b : contacts) {
            targets.add(b.uri());
            String connection = connection(b.source());
            if (connection != null) {
                connections.put(b.uri(), connection);
            }
        }
        in.setHeader(RegistrarHeaders.TARGETS, targets);
        if (connections.isEmpty()) {
            in.removeHeader(SipProxyHeaders.DESTINATIONS);
        } else {
            in.setHeader(SipProxyHeaders.DESTINATIONS, connections);
        }
        in.setHeader(SipHeaders.REQUEST_URI, targets.get(0));
    }

    /**
     * The TCP connection a contact registered on ({@code source} {@code tcp:ADDRESS:PORT}) as a SIP URI the proxy
     * reaches it by while it is open (Kamailio's {@code received} and connection alias); null for UDP.
     */
    static String connection(String source) {
        if (source == null || !source.startsWith("tcp:")) {
            return null;
        }
        int colon = source.lastIndexOf(':');
        String address = source.substring(4, colon);
        String port = source.substring(colon + 1);
        if (address.isEmpty()
                || address.equals("null")
                || !port.chars().allMatch(Character::isDigit)
                || port.isEmpty()) {
            return null;
        }
        return "sip:" + (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + port + ";transport=tcp";
    }

    /** {uri, expires param or null} of a Contact value; null when it has no URI. */
    static String[] parseContact(String value) {
        String v = value.trim();
        String uri;
        String params;
        int lt = v.indexOf('<');
        if (lt >= 0) {
            int gt = v.indexOf('>', lt);
            if (gt < 0) {
                return null;
            }
            uri = v.substring(lt + 1, gt).trim();
            params = v.substring(gt + 1);
        } else {
            int semi = v.indexOf(';');
            uri = (semi < 0 ? v : v.substring(0, semi)).trim();
            params = semi < 0 ? "" : v.substring(semi);
        }
        if (uri.isEmpty() || uri.indexOf(':') < 0) {
            return null;
        }
        Matcher m = EXPIRES_PARAM.matcher(params);
        return new String[] {uri, m.find() ? m.group(1) : null};
    }

    private void ok(Message in, List<ContactBinding> current, long now) {
        SipAnswers.answer(in, 200, "OK");
        if (!current.isEmpty()) {
            List<String> contacts = new ArrayList<>(current.size());
            for (ContactBinding b : current) {
                contacts.add("<" + b.uri() + ">;expires=" + b.expiresIn(now));
            }
            in.setHeader(SipHeaders.HEADER_PREFIX + "Contact", contacts);
        } else {
            in.removeHeader(SipHeaders.HEADER_PREFIX + "Contact");
        }
    }

    /**
     * Logs and forgets challenges sent longer than a nonce lifetime ago and never answered (housekeeping, every
     * second); returns how many.
     */
    public int sweepChallenges() {
        return challengeLog.sweep(config.nonceExpires() * 1000L);
    }

    /** The challenge log's view of a request that did not pass: a new challenge to follow, or a refusal to log. */
    private void logged(
            Message in, DigestAuthenticator.Result r, String method, String user, List<String> credentials) {
        challengeLog.answered(credentials);
        if (r.challengeHeader() != null) {
            challengeLog.challenged(r, method, user, source(in), authenticator.algorithms());
        } else {
            challengeLog.refused(r.status(), r.reason(), method, user, source(in), credentials);
            failed(in, user, r.status());
        }
    }

    /** Tells the listeners; one that throws does not change the answer. */
    private void failed(Message in, String user, int status) {
        if (listeners.isEmpty()) {
            return;
        }
        String address = in.getHeader(SipHeaders.SOURCE_ADDRESS, String.class);
        if (address == null) {
            return;
        }
        for (AuthenticationListener l : listeners) {
            try {
                l.authenticationFailed(address, user, status);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(Registrar.class).warn("Authentication listener {} failed", l, e);
            }
        }
    }

    /** {@code transport:address:port} the request came from. */
    private static String source(Message in) {
        return in.getHeader(SipHeaders.TRANSPORT, "udp", String.class) + ":"
                + in.getHeader(SipHeaders.SOURCE_ADDRESS, String.class) + ":" + in.getHeader(SipHeaders.SOURCE_PORT);
    }

    private static void answer(Message in, DigestAuthenticator.Result r) {
        SipAnswers.answer(in, r.status(), r.reason());
        if (r.challengeHeader() != null) {
            in.setHeader(SipHeaders.HEADER_PREFIX + r.challengeHeader(), r.challenges());
        }
    }
}
