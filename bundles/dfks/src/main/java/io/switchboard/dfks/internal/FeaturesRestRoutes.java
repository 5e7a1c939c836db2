package io.switchboard.dfks.internal;

import io.switchboard.dfks.DfksException;
import io.switchboard.dfks.DfksService;
import io.switchboard.dfks.Feature;
import io.switchboard.dfks.FeatureState;
import io.switchboard.http.RestException;
import io.switchboard.http.RestRoutes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * DFKS over REST: {@code GET /api/features/{aor}}, {@code GET|PUT /api/features/{aor}/{feature}}. A PUT runs the
 * same set route as a phone's Set request and the shell, then NOTIFYs every device of the user. Served by the
 * http bundle when it is installed (optional imports of {@code io.switchboard.http}: without it this service is
 * never used, so this class is never loaded).
 */
@Component(service = RestRoutes.class)
public class FeaturesRestRoutes extends RestRoutes {

    @Reference
    DfksService dfks;

    @Override
    public void configure() {
        rest("/api/features")
                .description("DFKS features (DND, call forwarding) of a user, read and set through the DFKS routes")
                .get("/{aor}")
                .description("Every assigned feature of user@domain; 404 unknown user")
                .to("direct:switchboard-features-list")
                .get("/{aor}/{feature}")
                .description("One feature (DoNotDisturb, CallForwardingAlways, CallForwardingBusy, "
                        + "CallForwardingNoAnswer or dnd, cfa, cfb, cfna)")
                .to("direct:switchboard-features-get")
                .put("/{aor}/{feature}")
                .type(Map.class)
                .description(
                        "Sets {status, forwardTo, ringCount, param} through the set route and NOTIFYs every device")
                .to("direct:switchboard-features-put");

        from("direct:switchboard-features-list")
                .routeId("switchboard-features-list")
                .process(e -> {
                    String[] ud = aor(e);
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (FeatureState s : call(() -> dfks.get(ud[0], ud[1]))) {
                        out.add(json(s));
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("aor", ud[0] + "@" + ud[1]);
                    m.put("features", out);
                    m.put("subscriptions", dfks.subscriptions(ud[0], ud[1]));
                    e.getMessage().setBody(m);
                });
        from("direct:switchboard-features-get")
                .routeId("switchboard-features-get")
                .process(e -> {
                    String[] ud = aor(e);
                    Feature f = feature(e);
                    FeatureState s = call(() -> dfks.get(ud[0], ud[1])).stream()
                            .filter(x -> x.feature() == f)
                            .findFirst()
                            .orElseThrow(
                                    () -> new RestException(404, f + " is not assigned to " + ud[0] + "@" + ud[1]));
                    e.getMessage().setBody(json(s));
                });
        from("direct:switchboard-features-put")
                .routeId("switchboard-features-put")
                .process(e -> {
                    String[] ud = aor(e);
                    Feature f = feature(e);
                    Object body = e.getMessage().getBody();
                    if (!(body instanceof Map<?, ?> in)) {
                        throw new RestException(
                                400,
                                "body must be a JSON object {\"status\": true|false, \"forwardTo\": ..., "
                                        + "\"ringCount\": ...}");
                    }
                    Object status = in.get("status");
                    if (!(status instanceof Boolean on)) {
                        throw new RestException(400, "\"status\" (true or false) is required");
                    }
                    String forwardTo = text(in.get("forwardTo"), "forwardTo");
                    Integer rings = number(in.get("ringCount"));
                    String param = text(in.get("param"), "param");
                    FeatureState s = call(() -> dfks.set(ud[0], ud[1], f, on, forwardTo, rings, "rest", param));
                    Map<String, Object> m = json(s);
                    m.put("notified", dfks.subscriptions(ud[0], ud[1]));
                    e.getMessage().setBody(m);
                });
    }

    interface DfksCall<T> {
        T run() throws DfksException;
    }

    private static <T> T call(DfksCall<T> c) {
        try {
            return c.run();
        } catch (DfksException e) {
            throw new RestException(e.status() >= 400 && e.status() <= 599 ? e.status() : 500, e.getMessage());
        }
    }

    static Map<String, Object> json(FeatureState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("feature", s.feature().name());
        m.put("status", s.status());
        if (s.forwardTo() != null) {
            m.put("forwardTo", s.forwardTo());
        }
        if (s.ringCount() != null) {
            m.put("ringCount", s.ringCount());
        }
        return m;
    }

    private static String[] aor(Exchange e) {
        try {
            return DfksSetCommand.split(e.getMessage().getHeader("aor", String.class));
        } catch (IllegalArgumentException ex) {
            throw new RestException(400, ex.getMessage());
        }
    }

    private static Feature feature(Exchange e) {
        try {
            return Feature.parse(e.getMessage().getHeader("feature", String.class));
        } catch (IllegalArgumentException ex) {
            throw new RestException(400, ex.getMessage());
        }
    }

    private static String text(Object v, String name) {
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new RestException(400, "\"" + name + "\" must be a string");
        }
        return s.isBlank() ? null : s.trim();
    }

    private static Integer number(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Integer i) {
            return i;
        }
        throw new RestException(400, "\"ringCount\" must be an integer");
    }
}
