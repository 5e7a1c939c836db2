package io.switchboard.events.internal.push;

import io.switchboard.events.EventsConstants;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultAsyncProducer;

/**
 * {@code push:notify}, after {@code location:lookup}: when push is on and the callee has push-capable contacts
 * (RFC 8599 {@code pn-provider} and {@code pn-prid} in the contact URI), POSTs one push per such contact, all at once
 * and asynchronously (no thread held while the gateway answers), then sets the headers of the push route:
 * {@code PushSent}/{@code PushFailed}, {@code PushAor}, {@code PushDevices} (a regex of the pushed {@code pn-prid}s, so
 * the wait matches the REGISTER of those devices, never a desk phone's refresh), {@code PushOtherTargets} and
 * {@code SipTargets} (the contacts not pushed; an empty list when every contact was pushed, so that the held relay
 * starts with no branch), {@code EventWaitMillis} ({@code wait_seconds}). When no push went out the call goes on with
 * the other contacts, or ends 480 when there are none. Push off, or no push-capable
 * contact: the exchange is left as it was but for {@code PushSent=0}.
 */
final class PushNotifyProducer extends DefaultAsyncProducer {

    private final PushService service;

    PushNotifyProducer(Endpoint endpoint, PushService service) {
        super(endpoint);
        this.service = service;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        Message m = exchange.getMessage();
        m.setHeader(PushHeaders.SENT, 0);
        PushConfig c = service.config();
        List<PushContact> contacts = PushContact.of(m.getHeader(PushHeaders.TARGETS));
        List<PushContact> devices =
                contacts.stream().filter(PushContact::pushCapable).toList();
        if (c == null || !c.enabled() || devices.isEmpty()) {
            callback.done(true);
            return true;
        }
        List<String> others = new ArrayList<>();
        contacts.stream().filter(p -> !p.pushCapable()).forEach(p -> others.add(p.uri()));
        String aor = PushContact.aor(m.getHeader("SipToUri", String.class));
        List<CompletableFuture<Boolean>> posts = new ArrayList<>();
        for (PushContact d : devices) {
            Map<String, String> values = new HashMap<>();
            values.put("pn-provider", d.provider());
            values.put("pn-prid", d.prid());
            values.put("pn-param", d.param());
            values.put("aor", aor);
            values.put("call_id", m.getHeader("SipCallId", String.class));
            values.put("from", m.getHeader("SipFromUri", String.class));
            posts.add(service.post(PushBody.render(c.bodyTemplate(), values), aor + " (" + d.prid() + ")"));
        }
        AtomicBoolean sync = new AtomicBoolean(true);
        AtomicBoolean finished = new AtomicBoolean();
        CompletableFuture.allOf(posts.toArray(new CompletableFuture<?>[0])).whenComplete((ignored, error) -> {
            List<String> woken = new ArrayList<>();
            for (int i = 0; i < devices.size(); i++) {
                if (Boolean.TRUE.equals(posts.get(i).getNow(false))) {
                    woken.add(devices.get(i).prid());
                }
            }
            apply(m, aor, woken, devices.size() - woken.size(), others, c);
            synchronized (finished) {
                finished.set(true);
                if (sync.get()) {
                    return;
                }
            }
            callback.done(false);
        });
        synchronized (finished) {
            sync.set(false);
            if (finished.get()) {
                callback.done(true);
                return true;
            }
        }
        return false;
    }

    private static void apply(
            Message m, String aor, List<String> woken, int failed, List<String> others, PushConfig c) {
        m.setHeader(PushHeaders.SENT, woken.size());
        m.setHeader(PushHeaders.FAILED, failed);
        m.setHeader(PushHeaders.AOR, aor);
        m.setHeader(PushHeaders.OTHER_TARGETS, others);
        m.setHeader(PushHeaders.DEVICES, devices(woken));
        m.setHeader(EventsConstants.EVENT_WAIT_MILLIS, c.waitSeconds() * 1000L);
        if (others.isEmpty()) {
            if (woken.isEmpty()) {
                m.removeHeader(PushHeaders.TARGETS);
                m.setHeader("SipStatus", 480);
            } else {
                // set but empty: proxy:relay with a hold starts with no branch and waits for the woken device
                m.setHeader(PushHeaders.TARGETS, List.of());
            }
        } else {
            m.setHeader(PushHeaders.TARGETS, others);
        }
    }

    /** The regex for {@code pn-prid~=}: each PRID quoted, commas escaped for the filter syntax. */
    static String devices(List<String> prids) {
        return String.join("|", prids.stream().map(Pattern::quote).toList()).replace(",", "\\,");
    }
}
