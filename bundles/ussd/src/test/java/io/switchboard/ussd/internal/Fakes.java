package io.switchboard.ussd.internal;

import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.test.FakeSipMessage;
import io.switchboard.sip.test.FakeSipServerExchange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/** Stand-ins for the sip component in unit tests. */
final class Fakes {

    static final CamelContext CONTEXT = new DefaultCamelContext();

    private Fakes() {}

    /** A request as the sip consumer presents it. */
    static Exchange request(
            String method,
            String callId,
            String fromTag,
            String toTag,
            long cseq,
            String requestUri,
            Map<String, String> headers,
            String contentType,
            String body) {
        Exchange ex = new DefaultExchange(CONTEXT);
        Map<String, String> h = new LinkedHashMap<>(headers);
        if (contentType != null) {
            h.put("Content-Type", contentType);
        }
        FakeSipMessage msg = FakeSipMessage.request(method).body(body);
        h.forEach(msg::add);
        var m = ex.getIn();
        m.setHeader(SipHeaders.METHOD, method);
        m.setHeader(SipHeaders.CALL_ID, callId);
        m.setHeader(SipHeaders.FROM_TAG, fromTag);
        m.setHeader(SipHeaders.FROM_URI, "sip:alice@127.0.0.1");
        if (toTag != null) {
            m.setHeader(SipHeaders.TO_TAG, toTag);
        }
        m.setHeader(SipHeaders.CSEQ, cseq);
        m.setHeader(SipHeaders.REQUEST_URI, requestUri);
        m.setHeader(SipHeaders.CONTENT_TYPE, contentType);
        m.setHeader(SipHeaders.MESSAGE, msg);
        m.setBody(body);
        if (!"ACK".equals(method)) {
            ex.setProperty(SipHeaders.SERVER_EXCHANGE, new FakeSipServerExchange(msg, "as-tag"));
        }
        return ex;
    }

    static FakeSipServerExchange server(Exchange ex) {
        return ex.getProperty(SipHeaders.SERVER_EXCHANGE, FakeSipServerExchange.class);
    }

    /** The status the request got: sent through the server exchange, or set for the route's end. */
    static int status(Exchange ex) {
        FakeSipServerExchange sx = server(ex);
        if (sx != null && !sx.responses().isEmpty()) {
            return sx.responses().get(0).status();
        }
        Integer s = ex.getIn().getHeader(SipHeaders.STATUS, Integer.class);
        return s == null ? 0 : s;
    }

    /** A request the gateway sent. */
    record Sent(
            String method,
            long cseq,
            String localTag,
            String remoteTag,
            Map<String, String> headers,
            String contentType,
            byte[] body,
            IntConsumer done,
            String requestUri,
            String callId,
            UssdSender.InviteDone inviteDone) {
        String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    static final class Sender implements UssdSender {
        final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public void inDialog(
                SipDialog dialog,
                String method,
                Map<String, String> headers,
                String contentType,
                byte[] body,
                IntConsumer done) {
            long cseq = dialog.nextCSeq(); // as the sip producer does when it builds the request
            sent.add(new Sent(
                    method,
                    cseq,
                    dialog.localTag(),
                    dialog.remoteTag(),
                    headers,
                    contentType,
                    body,
                    done,
                    dialog.remoteTarget(),
                    dialog.callId(),
                    null));
        }

        @Override
        public void invite(
                String requestUri,
                String from,
                String to,
                String callId,
                Map<String, String> headers,
                String contentType,
                byte[] body,
                InviteDone done) {
            sent.add(new Sent("INVITE", 1, null, null, headers, contentType, body, null, requestUri, callId, done));
        }

        Sent last() {
            return sent.isEmpty() ? null : sent.get(sent.size() - 1);
        }
    }

    /** Runs every task in the calling thread. */
    static final class DirectExecutor extends AbstractExecutorService {
        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {}

        @Override
        public List<Runnable> shutdownNow() {
            return Collections.emptyList();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    static List<String> list(String... v) {
        return new ArrayList<>(List.of(v));
    }
}
