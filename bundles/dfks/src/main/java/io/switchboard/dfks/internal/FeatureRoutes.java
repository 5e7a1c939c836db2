package io.switchboard.dfks.internal;

import io.switchboard.dfks.DfksException;
import io.switchboard.dfks.DfksHeaders;
import io.switchboard.dfks.Feature;
import io.switchboard.dfks.FeatureState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;

/** Calls the integrator's get and set routes with the documented {@link DfksHeaders}. */
final class FeatureRoutes {

    private final ProducerTemplate template;
    private final String getUri;
    private final String setUri;

    FeatureRoutes(ProducerTemplate template, String getUri, String setUri) {
        this.template = template;
        this.getUri = getUri;
        this.setUri = setUri;
    }

    /** The feature's state, or null when the get route says it is not assigned. */
    FeatureState get(String user, String domain, Feature feature) throws DfksException {
        Exchange ex = template.send(getUri, ExchangePattern.InOut, e -> {
            preset(e.getIn(), user, domain, feature, "get", null);
            e.getIn().setHeader(DfksHeaders.STATUS, false);
        });
        Message m = outcome(ex, "get", user, domain, feature);
        if (!flag(m.getHeader(DfksHeaders.ASSIGNED), true)) {
            return null;
        }
        return state(m, feature);
    }

    /**
     * Every feature of the user in one run of the get route (a call reads all four: one run, not four), or null when
     * the route does not answer {@link DfksHeaders#FEATURE_ROWS} (an integrator's route written for one feature at a
     * time): the caller then asks feature by feature.
     */
    List<FeatureState> getAll(String user, String domain) throws DfksException {
        Exchange ex = template.send(getUri, ExchangePattern.InOut, e -> {
            preset(e.getIn(), user, domain, null, "get", null);
            e.getIn().setHeader(DfksHeaders.ALL, true);
            e.getIn().setHeader(DfksHeaders.STATUS, false);
        });
        if (ex.getException() != null) {
            return null;
        }
        Message m = outcome(ex, "get", user, domain, null);
        Object rows = m.getHeader(DfksHeaders.FEATURE_ROWS);
        if (!(rows instanceof List<?> list)) {
            return null;
        }
        List<FeatureState> out = new ArrayList<>(Feature.values().length);
        for (Feature f : Feature.values()) {
            FeatureState s = FeatureState.off(f);
            for (Object row : list) {
                if (row instanceof Map<?, ?> r && f.name().equalsIgnoreCase(String.valueOf(column(r, "feature")))) {
                    s = rowState(r, f);
                }
            }
            out.add(s);
        }
        return out;
    }

    private static FeatureState rowState(Map<?, ?> r, Feature f) throws DfksException {
        Object to = column(r, "forward_to");
        Object rc = column(r, "ring_count");
        return new FeatureState(
                f,
                flag(column(r, "status"), false),
                f.isForwarding() && to != null && !to.toString().isBlank() ? to.toString() : null,
                f == Feature.CallForwardingNoAnswer ? ringCount(rc) : null);
    }

    /** A column of a row map whatever case the database gave its label. */
    private static Object column(Map<?, ?> r, String name) {
        for (Map.Entry<?, ?> e : r.entrySet()) {
            if (name.equalsIgnoreCase(String.valueOf(e.getKey()))) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Runs the set route with the wanted state; returns what it left (null: NOTIFY suppressed by the route). */
    FeatureState set(
            String user,
            String domain,
            FeatureState wanted,
            String source,
            String param,
            String device,
            boolean[] notify)
            throws DfksException {
        Exchange ex = template.send(setUri, ExchangePattern.InOut, e -> {
            Message in = e.getIn();
            preset(in, user, domain, wanted.feature(), source, param);
            in.setHeader(DfksHeaders.STATUS, wanted.status());
            in.setHeader(DfksHeaders.FORWARD_TO, wanted.forwardTo());
            in.setHeader(DfksHeaders.RING_COUNT, wanted.ringCount());
            in.setHeader(DfksHeaders.NOTIFY, true);
            if (device != null) {
                in.setHeader(DfksHeaders.DEVICE, device);
            }
        });
        Message m = outcome(ex, "set", user, domain, wanted.feature());
        if (!flag(m.getHeader(DfksHeaders.ASSIGNED), true)) {
            throw new DfksException(403, wanted.feature() + " is not assigned to " + user + "@" + domain);
        }
        String refused = m.getHeader(DfksHeaders.REFUSED, String.class);
        if (refused != null && !refused.isBlank()) {
            throw new DfksException(403, refused.trim());
        }
        notify[0] = flag(m.getHeader(DfksHeaders.NOTIFY), true);
        return state(m, wanted.feature());
    }

    private static void preset(Message in, String user, String domain, Feature feature, String source, String param) {
        in.setHeader(DfksHeaders.USER, user);
        in.setHeader(DfksHeaders.DOMAIN, domain);
        in.setHeader(DfksHeaders.PRESENTITY, "sip:" + user + "@" + domain);
        if (feature != null) {
            in.setHeader(DfksHeaders.FEATURE, feature.name());
        }
        in.setHeader(DfksHeaders.ASSIGNED, true);
        in.setHeader(DfksHeaders.SOURCE, source);
        if (param != null) {
            in.setHeader(DfksHeaders.PARAM, param);
        }
    }

    private static Message outcome(Exchange ex, String what, String user, String domain, Feature f)
            throws DfksException {
        if (ex.getException() != null) {
            Throwable t = ex.getException();
            throw new DfksException(
                    500,
                    "the " + what + " route failed for " + f + " of " + user + "@" + domain + ": "
                            + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage()),
                    t);
        }
        Message m = ex.getMessage();
        if (flag(m.getHeader(DfksHeaders.UNKNOWN_USER), false)) {
            throw new DfksException(404, "unknown user " + user + "@" + domain);
        }
        return m;
    }

    private static FeatureState state(Message m, Feature f) throws DfksException {
        String to = m.getHeader(DfksHeaders.FORWARD_TO, String.class);
        return new FeatureState(
                f,
                flag(m.getHeader(DfksHeaders.STATUS), false),
                f.isForwarding() && to != null && !to.isBlank() ? to : null,
                f == Feature.CallForwardingNoAnswer ? ringCount(m.getHeader(DfksHeaders.RING_COUNT)) : null);
    }

    private static Integer ringCount(Object rc) throws DfksException {
        if (rc == null || rc.toString().isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(rc.toString().trim());
        } catch (NumberFormatException e) {
            throw new DfksException(500, "route left a bad " + DfksHeaders.RING_COUNT + ": " + rc);
        }
    }

    /** Boolean, number (non-zero) or text ({@code true}, {@code 1}, {@code on}, {@code yes}). */
    static boolean flag(Object v, boolean dflt) {
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof Number n) {
            return n.intValue() != 0;
        }
        String s = v.toString().trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return dflt;
        }
        return s.equals("true") || s.equals("1") || s.equals("on") || s.equals("yes");
    }
}
