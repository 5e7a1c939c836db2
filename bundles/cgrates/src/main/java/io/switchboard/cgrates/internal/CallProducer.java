package io.switchboard.cgrates.internal;

import io.switchboard.cgrates.CgratesConstants;
import io.switchboard.sip.SipHeaders;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code cgrates:call}, the billing step of an INVITE: records what the route decided (account, subject,
 * destination, RequestType, extra fields), takes a ResourceSv1 usage when limits are on, and authorizes a
 * {@code *prepaid} call. A refusal is the call's answer: SipStatus (402/403/486/503) and a Warning header with
 * CGRateS's text, so the callee never rings. Does nothing when an answer is already decided (SipStatus set).
 */
final class CallProducer extends DefaultProducer {

    private final Supplier<CgratesServiceComponent.Billing> billing;

    CallProducer(CgratesEndpoint endpoint, Supplier<CgratesServiceComponent.Billing> billing) {
        super(endpoint);
        this.billing = billing;
    }

    @Override
    public void process(Exchange exchange) {
        Message m = exchange.getMessage();
        if (m.getHeader(SipHeaders.STATUS) != null) {
            return;
        }
        CgratesServiceComponent.Billing b = billing.get();
        if (b == null) {
            if (CgratesServiceComponent.enabled() && "closed".equals(CgratesServiceComponent.currentFailPolicy())) {
                refuse(m, new Refusal(503, "billing not running"), "switchboard");
            }
            return;
        }
        BilledCall call = describe(m, b);
        b.calls.put(call);
        m.setHeader(CgratesConstants.ORIGIN_ID, call.originId);
        boolean resources =
                Boolean.TRUE.equals(m.getHeader(CgratesConstants.RESOURCES, b.settings.resources(), Boolean.class));
        if (resources) {
            Refusal r = b.limits.allocate(call);
            if (r != null) {
                b.calls.remove(call.callId);
                refuse(m, r, b.settings.origin_host());
                return;
            }
        }
        if (call.prepaid()) {
            InviteBilling.Outcome o = b.invites.authorize(call);
            if (o.refusal() != null) {
                b.limits.release(call);
                b.calls.remove(call.callId);
                refuse(m, o.refusal(), b.settings.origin_host());
                return;
            }
            if (o.failedOpen()) {
                BilledCall postpaid = call.withRequestType("*postpaid");
                postpaid.resourceHeld.set(call.resourceHeld.get());
                b.calls.put(postpaid);
                call = postpaid;
                m.setHeader(CgratesConstants.ERROR, "NOT_CONNECTED: billed postpaid (fail-open)");
            } else {
                m.setHeader(CgratesConstants.MAX_USAGE, o.maxUsageNanos());
            }
        }
        m.setHeader(CgratesConstants.REQUEST_TYPE, call.requestType);
    }

    private static BilledCall describe(Message m, CgratesServiceComponent.Billing b) {
        String callId = m.getHeader(SipHeaders.CALL_ID, String.class);
        String fromTag = m.getHeader(SipHeaders.FROM_TAG, String.class);
        String account =
                text(m, CgratesConstants.ACCOUNT, CallEvents.userOf(m.getHeader(SipHeaders.FROM_URI, String.class)));
        String subject = text(m, CgratesConstants.SUBJECT, account);
        String destination = text(
                m, CgratesConstants.DESTINATION, CallEvents.userOf(m.getHeader(SipHeaders.REQUEST_URI, String.class)));
        String type = text(m, CgratesConstants.REQUEST_TYPE, b.settings.request__type());
        Map<String, String> extra = new LinkedHashMap<>();
        for (Map.Entry<String, Object> h : m.getHeaders().entrySet()) {
            if (h.getKey().startsWith(CgratesConstants.EXTRA_PREFIX) && h.getValue() != null) {
                extra.put(
                        h.getKey().substring(CgratesConstants.EXTRA_PREFIX.length()),
                        h.getValue().toString());
            }
        }
        return new BilledCall(
                callId,
                BilledCall.originId(callId, fromTag),
                account,
                subject,
                destination,
                type,
                extra,
                System.currentTimeMillis());
    }

    private static String text(Message m, String header, String fallback) {
        String v = m.getHeader(header, String.class);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

    /** The call's answer: the status and a Warning (RFC 3261 20.43, code 399) with CGRateS's text. */
    static void refuse(Message m, Refusal r, String host) {
        m.setHeader(SipHeaders.STATUS, r.status());
        m.setHeader(CgratesConstants.ERROR, r.text());
        m.setHeader(
                SipHeaders.HEADER_PREFIX + "Warning",
                "399 " + host + " \"CGRateS: " + r.text().replace('"', '\'').replace('\\', '/') + "\"");
    }
}
