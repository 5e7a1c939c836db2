package io.switchboard.dialplan.internal.rest;

import io.switchboard.dialplan.DialplanException;
import io.switchboard.dialplan.DialplanRule;
import io.switchboard.dialplan.DialplanService;
import io.switchboard.dialplan.internal.RuleText;
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
 * Dial plans over REST: {@code GET /api/dialplan[/{dpid}]}, {@code POST /api/dialplan} (a rule, Kamailio's column
 * names), {@code DELETE /api/dialplan/rules/{id}}, {@code POST /api/dialplan/reload}. Served by the http bundle when
 * it is installed (optional import of {@code io.switchboard.http}).
 */
@Component(service = RestRoutes.class)
public class DialplanRestRoutes extends RestRoutes {

    @Reference
    DialplanService dialplans;

    @Override
    public void configure() {
        rest("/api/dialplan")
                .description("Dial plans (Kamailio's dialplan module): rules tried by dialplan:translate")
                .get()
                .description("Every rule in force, in the order they are tried")
                .to("direct:switchboard-dialplan-list")
                .get("/{dpid}")
                .description("The rules of one dial plan")
                .to("direct:switchboard-dialplan-plan")
                .post()
                .type(Map.class)
                .description("Adds a rule {dpid, pr, match_op (regex|equal|0|1), match_exp, match_len, subst_exp,"
                        + " repl_exp, attrs}; 400 for a bad regular expression")
                .to("direct:switchboard-dialplan-add")
                .delete("/rules/{id}")
                .description("Removes a rule; 404 when there is none")
                .to("direct:switchboard-dialplan-remove")
                .post("/reload")
                .description("Reads every rule from the database again")
                .to("direct:switchboard-dialplan-reload");

        from("direct:switchboard-dialplan-list")
                .routeId("switchboard-dialplan-list")
                .process(e -> e.getMessage().setBody(rules(null)));
        from("direct:switchboard-dialplan-plan")
                .routeId("switchboard-dialplan-plan")
                .process(e ->
                        e.getMessage().setBody(rules(integer(e.getMessage().getHeader("dpid", String.class), "dpid"))));
        from("direct:switchboard-dialplan-add")
                .routeId("switchboard-dialplan-add")
                .process(e -> {
                    DialplanRule added =
                            call(() -> dialplans.add(rule(e.getMessage().getBody())));
                    e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
                    e.getMessage().setBody(json(added));
                });
        from("direct:switchboard-dialplan-remove")
                .routeId("switchboard-dialplan-remove")
                .process(e -> {
                    long id = integer(e.getMessage().getHeader("id", String.class), "id");
                    call(() -> {
                        dialplans.remove(id);
                        return null;
                    });
                    e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
                    e.getMessage().setBody(null);
                });
        from("direct:switchboard-dialplan-reload")
                .routeId("switchboard-dialplan-reload")
                .process(e -> e.getMessage().setBody(Map.of("rules", call(dialplans::reload))));
    }

    private Map<String, Object> rules(Integer dpid) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DialplanRule r : dialplans.rules(dpid)) {
            out.add(json(r));
        }
        return Map.of("rules", out);
    }

    interface DialplanCall<T> {
        T run() throws DialplanException;
    }

    private static <T> T call(DialplanCall<T> c) {
        try {
            return c.run();
        } catch (DialplanException e) {
            throw new RestException(e.status(), e.getMessage());
        }
    }

    static Map<String, Object> json(DialplanRule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("dpid", r.dpid());
        m.put("pr", r.pr());
        m.put("match_op", r.matchOpName());
        m.put("match_exp", r.matchExp());
        m.put("match_len", r.matchLen());
        m.put("subst_exp", r.substExp());
        m.put("repl_exp", r.replExp());
        m.put("attrs", r.attrs());
        return m;
    }

    /** A rule from a JSON object; 400 for a missing or mistyped field. */
    static DialplanRule rule(Object body) {
        if (!(body instanceof Map<?, ?> in)) {
            throw new RestException(400, "body must be a JSON object {\"dpid\": 1, \"match_exp\": \"^0049\", ...}");
        }
        if (!(in.get("dpid") instanceof Integer dpid)) {
            throw new RestException(400, "\"dpid\" (an integer) is required");
        }
        int op;
        try {
            op = RuleText.matchOp(
                    in.get("match_op") == null ? "regex" : in.get("match_op").toString());
        } catch (IllegalArgumentException e) {
            throw new RestException(400, e.getMessage());
        }
        return new DialplanRule(
                0,
                dpid,
                number(in.get("pr"), "pr"),
                op,
                text(in.get("match_exp"), "match_exp"),
                number(in.get("match_len"), "match_len"),
                text(in.get("subst_exp"), "subst_exp"),
                text(in.get("repl_exp"), "repl_exp"),
                text(in.get("attrs"), "attrs"));
    }

    private static int number(Object v, String name) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Integer i) {
            return i;
        }
        throw new RestException(400, "\"" + name + "\" must be an integer");
    }

    private static String text(Object v, String name) {
        if (v == null) {
            return "";
        }
        if (!(v instanceof String s)) {
            throw new RestException(400, "\"" + name + "\" must be a string");
        }
        return s;
    }

    private static int integer(String s, String name) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new RestException(400, name + " must be an integer, not '" + s + "'");
        }
    }
}
