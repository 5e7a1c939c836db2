package io.switchboard.sca.internal.rest;

import io.switchboard.http.RestException;
import io.switchboard.http.RestRoutes;
import io.switchboard.sca.Appearance;
import io.switchboard.sca.AppearanceState;
import io.switchboard.sca.ScaException;
import io.switchboard.sca.ScaService;
import io.switchboard.subscription.Subscription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * SCA over REST (the shell commands' operations): {@code GET /api/sca/subscriptions}, {@code GET /api/sca/appearances},
 * {@code GET|POST /api/sca/appearances/{aor}} (POST {contact}: seize), {@code PUT|DELETE
 * /api/sca/appearances/{aor}/{index}}
 * (PUT {state, display}: update; DELETE: release), {@code GET|POST /api/sca/lines/{line}/members} and
 * {@code DELETE /api/sca/lines/{line}/members/{member}} (who may subscribe to a line). Each change NOTIFYs the line as
 * the SIP path does. Served by the
 * http bundle when installed (optional import).
 */
@Component(service = RestRoutes.class)
public class ScaRestRoutes extends RestRoutes {

    @Reference
    ScaService sca;

    @Override
    public void configure() {
        rest("/api/sca")
                .description("Shared Call Appearances: subscriptions and appearances of shared lines")
                .get("/subscriptions")
                .description("Every call-info and line-seize subscription")
                .to("direct:switchboard-sca-subscriptions")
                .get("/appearances")
                .description("Every appearance that is not idle")
                .to("direct:switchboard-sca-appearances")
                .get("/appearances/{aor}")
                .description("The non-idle appearances of a line")
                .to("direct:switchboard-sca-line")
                .post("/appearances/{aor}")
                .type(Map.class)
                .description("Seizes the next free appearance for {contact}; 409 when none")
                .to("direct:switchboard-sca-seize")
                .put("/appearances/{aor}/{index}")
                .type(Map.class)
                .description("Sets {state, display} of an appearance")
                .to("direct:switchboard-sca-update")
                .delete("/appearances/{aor}/{index}")
                .description("Releases an appearance; 404 when idle")
                .to("direct:switchboard-sca-release")
                .get("/lines/{line}/members")
                .description("Who may watch the line and seize its appearances")
                .to("direct:switchboard-sca-members")
                .post("/lines/{line}/members")
                .type(Map.class)
                .description("Adds {member}: 201, 200 when it was one")
                .to("direct:switchboard-sca-member-add")
                .delete("/lines/{line}/members/{member}")
                .description("Removes a member: 204, 404 when it was none")
                .to("direct:switchboard-sca-member-remove");

        from("direct:switchboard-sca-members")
                .routeId("switchboard-sca-members")
                .process(e -> {
                    String line = e.getMessage().getHeader("line", String.class);
                    e.getMessage().setBody(members(line, call(() -> sca.members(line))));
                });
        from("direct:switchboard-sca-member-add")
                .routeId("switchboard-sca-member-add")
                .process(e -> {
                    String line = e.getMessage().getHeader("line", String.class);
                    if (!(body(e).get("member") instanceof String member)) {
                        throw new RestException(400, "member (user@domain) is required");
                    }
                    boolean added = call(() -> sca.addMember(line, member));
                    e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, added ? 201 : 200);
                    e.getMessage().setBody(members(line, call(() -> sca.members(line))));
                });
        from("direct:switchboard-sca-member-remove")
                .routeId("switchboard-sca-member-remove")
                .process(e -> {
                    String line = e.getMessage().getHeader("line", String.class);
                    String member = e.getMessage().getHeader("member", String.class);
                    if (!call(() -> sca.removeMember(line, member))) {
                        throw new RestException(404, member + " is no member of " + line);
                    }
                    e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
                    e.getMessage().setBody(null);
                });

        from("direct:switchboard-sca-subscriptions")
                .routeId("switchboard-sca-subscriptions")
                .process(e -> {
                    long now = System.currentTimeMillis();
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (Subscription s : sca.subscriptions()) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("id", s.id());
                        m.put("event", s.event());
                        m.put("aor", s.presentity());
                        m.put("watcher", s.watcher());
                        m.put("contact", s.dialog().remoteTarget());
                        m.put("expires", s.remainingSeconds(now));
                        out.add(m);
                    }
                    e.getMessage().setBody(out);
                });
        from("direct:switchboard-sca-appearances")
                .routeId("switchboard-sca-appearances")
                .process(e -> e.getMessage().setBody(json(sca.appearances())));
        from("direct:switchboard-sca-line").routeId("switchboard-sca-line").process(e -> {
            try {
                e.getMessage().setBody(json(sca.appearances(aor(e))));
            } catch (IllegalArgumentException ex) {
                throw new RestException(400, ex.getMessage());
            }
        });
        from("direct:switchboard-sca-seize").routeId("switchboard-sca-seize").process(e -> {
            Map<?, ?> in = body(e);
            Object contact = in.get("contact");
            if (!(contact instanceof String c) || c.isBlank()) {
                throw new RestException(400, "\"contact\" (the device's Contact URI) is required");
            }
            e.getMessage().setBody(json(call(() -> sca.seize(aor(e), c))));
        });
        from("direct:switchboard-sca-update").routeId("switchboard-sca-update").process(e -> {
            Map<?, ?> in = body(e);
            if (!(in.get("state") instanceof String st)) {
                throw new RestException(
                        400, "\"state\" is required (idle, seized, progressing, alerting, active, held, held-private)");
            }
            AppearanceState state;
            try {
                state = AppearanceState.parse(st);
            } catch (IllegalArgumentException ex) {
                throw new RestException(400, ex.getMessage());
            }
            Object display = in.get("display");
            if (display != null && !(display instanceof String)) {
                throw new RestException(400, "\"display\" must be a string");
            }
            int index = index(e);
            e.getMessage().setBody(json(call(() -> sca.update(aor(e), index, state, (String) display))));
        });
        from("direct:switchboard-sca-release")
                .routeId("switchboard-sca-release")
                .process(e -> {
                    String aor = aor(e);
                    int index = index(e);
                    call(() -> {
                        sca.release(aor, index);
                        return null;
                    });
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("aor", aor);
                    m.put("index", index);
                    m.put("state", "idle");
                    e.getMessage().setBody(m);
                });
    }

    private static Map<String, Object> members(String line, List<String> members) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("line", line);
        m.put("members", members);
        return m;
    }

    interface ScaCall<T> {
        T run() throws ScaException;
    }

    private static <T> T call(ScaCall<T> c) {
        try {
            return c.run();
        } catch (ScaException ex) {
            throw new RestException(ex.status() >= 400 && ex.status() <= 599 ? ex.status() : 500, ex.getMessage());
        }
    }

    private static Map<?, ?> body(Exchange e) {
        if (!(e.getMessage().getBody() instanceof Map<?, ?> m)) {
            throw new RestException(400, "body must be a JSON object");
        }
        return m;
    }

    private static String aor(Exchange e) {
        String aor = e.getMessage().getHeader("aor", String.class);
        if (aor == null || !aor.contains("@")) {
            throw new RestException(400, "not a line AoR (user@domain): " + aor);
        }
        return aor;
    }

    private static int index(Exchange e) {
        try {
            int i = Integer.parseInt(e.getMessage().getHeader("index", String.class));
            if (i < 1) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException ex) {
            throw new RestException(400, "appearance index must be a number from 1");
        }
    }

    static List<Map<String, Object>> json(List<Appearance> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Appearance a : list) {
            out.add(json(a));
        }
        return out;
    }

    static Map<String, Object> json(Appearance a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("aor", a.aor());
        m.put("index", a.index());
        m.put("state", a.state().token());
        if (a.uri() != null) {
            m.put("uri", a.uri());
        }
        if (a.owner() != null) {
            m.put("owner", a.owner());
        }
        if (a.callId() != null) {
            m.put("callId", a.callId());
        }
        return m;
    }
}
