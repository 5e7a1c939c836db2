package io.switchboard.ussd.internal;

import io.switchboard.sip.SipAddresses;
import io.switchboard.sip.SipDialog;
import io.switchboard.ussd.UssdException;
import io.switchboard.ussd.UssdSessionInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Network-initiated sessions (TS 24.390 A.3, {@code ussd:request}, {@code ussd:notify}, REST): the subscriber's
 * contact from the registrar, our INVITE with SDP (port 0) and ussd-data in multipart/mixed, and its outcome as the
 * caller's {@link UssdException} status. Once the UE accepted, its answers are {@link UssdSteps}' like any other.
 */
final class NetworkInitiatedSessions {

    private final UssdSessions sessions;
    private final UssdSteps steps;
    private final UssdCodec codec;
    private final UssdSender sender;
    private final Function<String, List<String>> location;
    private final String advertisedHost;
    private final Supplier<UssdConfig> config;
    /** AoR to whether it is a subscriber; null when the store is not known. */
    private volatile Predicate<String> subscribers;

    NetworkInitiatedSessions(
            UssdSessions sessions,
            UssdSteps steps,
            UssdCodec codec,
            UssdGatewayOptions options,
            Supplier<UssdConfig> config) {
        this.sessions = sessions;
        this.steps = steps;
        this.codec = codec;
        this.sender = options.sender();
        this.location = options.location();
        this.advertisedHost = options.advertisedHost();
        this.config = config;
    }

    /** Tells unknown subscribers from unregistered ones in the errors of {@link #start}. */
    void subscribers(Predicate<String> known) {
        subscribers = known;
    }

    /**
     * INVITEs {@code subscriber} with {@code text}; completes once the UE answered the INVITE, with the session or
     * a {@link UssdException} (400 bad input, 404 unknown / not registered, 502 refused, 503 full, 504 no answer).
     */
    CompletableFuture<UssdSessionInfo> start(
            String subscriber, String text, UssdSession.Origin origin, String language, String menuRoute) {
        CompletableFuture<UssdSessionInfo> result = new CompletableFuture<>();
        if (subscriber == null || subscriber.isBlank()) {
            result.completeExceptionally(new UssdException(400, "subscriber is required"));
            return result;
        }
        if (text == null || text.isEmpty()) {
            result.completeExceptionally(new UssdException(400, "text is required"));
            return result;
        }
        String sub = subscriber.trim();
        boolean isUri = sub.regionMatches(true, 0, "sip:", 0, 4);
        String aor = isUri ? SipAddresses.aor(sub) : (sub.indexOf('@') > 0 ? SipAddresses.aor("sip:" + sub) : null);
        if (aor == null) {
            result.completeExceptionally(
                    new UssdException(400, "subscriber must be user@domain or a sip: URI: " + sub));
            return result;
        }
        List<String> contacts = location.apply(aor);
        String target;
        if (contacts != null && !contacts.isEmpty()) {
            target = contacts.get(0);
        } else if (isUri) {
            target = sub;
        } else {
            Predicate<String> known = subscribers;
            boolean unknown = known != null && !known.test(aor);
            result.completeExceptionally(
                    new UssdException(404, unknown ? "unknown subscriber " + aor : aor + " is not registered"));
            return result;
        }
        UssdConfig c = config.get();
        if (sessions.size() >= c.maxSessions()) {
            result.completeExceptionally(new UssdException(503, "too many USSD sessions (" + c.maxSessions() + ")"));
            return result;
        }
        String lang = language == null || language.isBlank() ? c.language() : language.trim();
        String host = advertisedHost.indexOf(':') >= 0 ? "[" + advertisedHost + "]" : advertisedHost;
        String callId = UUID.randomUUID() + "@" + host;
        UssdSession s = new UssdSession(
                callId,
                origin,
                aor,
                text,
                lang,
                menuRoute == null || menuRoute.isBlank() ? c.menuRoute() : menuRoute,
                sessions.now());
        s.state = UssdSession.State.INVITING;
        sessions.add(s);
        UssdMessage.Kind kind = s.notifyOnly ? UssdMessage.Kind.NOTIFY : UssdMessage.Kind.REQUEST;
        byte[] ussd = codec.write(new UssdMessage(lang, text, null, kind));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Recv-Info", UssdCodec.INFO_PACKAGE);
        headers.put("Allow", UssdReplies.ALLOW);
        headers.put("Accept", UssdReplies.ACCEPT);
        try {
            sender.invite(
                    target,
                    c.asUri(),
                    "sip:" + aor,
                    callId,
                    headers,
                    UssdCodec.multipartContentType(),
                    UssdCodec.multipart(UssdCodec.sdpOffer(advertisedHost), ussd),
                    (status, reason, dialog) -> inviteDone(s, aor, status, reason, dialog, result));
        } catch (RuntimeException e) {
            UssdMeters.ended(s, UssdMeters.FAILED);
            sessions.remove(s);
            result.completeExceptionally(new UssdException(503, "cannot send the INVITE: " + e.getMessage()));
        }
        return result;
    }

    /** The final answer to our INVITE: the session waits for the user (and reads an INFO that came first), or ends. */
    private void inviteDone(
            UssdSession s,
            String aor,
            int status,
            String reason,
            SipDialog dialog,
            CompletableFuture<UssdSessionInfo> result) {
        synchronized (s) {
            if (status >= 200 && status < 300 && dialog != null && s.state == UssdSession.State.INVITING) {
                s.dialog = dialog;
                s.state = UssdSession.State.WAITING_USER;
                s.lastActivity = sessions.now();
                steps.arm(s, config.get().sessionTimeoutMillis());
                result.complete(s.info(sessions.now()));
                if (s.stashedBody != null || s.stashedType != null) {
                    String t = s.stashedType;
                    byte[] b = s.stashedBody;
                    s.stashedType = null;
                    s.stashedBody = null;
                    steps.userInfo(s, t, b);
                }
                return;
            }
            UssdMeters.ended(s, status >= 200 && status < 300 ? UssdMeters.BYE : UssdMeters.FAILED);
            sessions.remove(s);
            if (status >= 200 && status < 300 && dialog != null) {
                // the UE hung up (BYE) before we saw its 2xx: the session is over already
                result.completeExceptionally(new UssdException(502, aor + " ended the session at once"));
                return;
            }
            s.state = UssdSession.State.ENDING;
            int http = status == 408 ? 504 : 502;
            result.completeExceptionally(new UssdException(
                    http, aor + " did not accept the USSD session: " + status + (reason == null ? "" : " " + reason)));
        }
    }
}
