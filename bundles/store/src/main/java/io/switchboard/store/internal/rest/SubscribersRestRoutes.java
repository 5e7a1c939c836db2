package io.switchboard.store.internal.rest;

import io.switchboard.http.RestException;
import io.switchboard.http.RestRoutes;
import io.switchboard.store.Subscriber;
import io.switchboard.store.SubscriberStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Subscribers over REST: list, get, add or replace, remove. Secrets never leave: a subscriber shows which
 * secrets are stored, not their values. Served by the http bundle when it is installed (optional imports of
 * {@code io.switchboard.http} and Camel: without them this service is never used, so this class is never loaded).
 */
@Component(service = RestRoutes.class)
public class SubscribersRestRoutes extends RestRoutes {

    @Reference
    SubscriberStore store;

    @Override
    public void configure() {
        rest("/api/subscribers")
                .description("Subscribers (user@domain with digest secrets)")
                .get()
                .description("Every subscriber, without secrets")
                .to("direct:switchboard-subscribers-list")
                .post()
                .type(Map.class)
                .description("Adds or replaces {username, domain, password}: 201 added, 200 replaced")
                .to("direct:switchboard-subscribers-put")
                .put()
                .type(Map.class)
                .description("Same as POST")
                .to("direct:switchboard-subscribers-replace")
                .get("/{aor}")
                .description("One subscriber user@domain; 404 when none")
                .to("direct:switchboard-subscribers-get")
                .delete("/{aor}")
                .description("Removes user@domain, ends its registrations and subscriptions "
                        + "(and its answered calls with ?endCalls=true): 204; 404 when none")
                .to("direct:switchboard-subscribers-delete");

        from("direct:switchboard-subscribers-list")
                .routeId("switchboard-subscribers-list")
                .process(e -> e.getMessage().setBody(list()));
        from("direct:switchboard-subscribers-get")
                .routeId("switchboard-subscribers-get")
                .process(e -> e.getMessage().setBody(json(find(aor(e)))));
        // one direct: per verb (the REST DSL inlines each into its verb's route)
        from("direct:switchboard-subscribers-put")
                .routeId("switchboard-subscribers-post")
                .process(this::put);
        from("direct:switchboard-subscribers-replace")
                .routeId("switchboard-subscribers-put")
                .process(this::put);
        from("direct:switchboard-subscribers-delete")
                .routeId("switchboard-subscribers-delete")
                .process(this::delete);
    }

    /** 204 once the subscriber, its registrations and subscriptions (and with endCalls its calls) are gone. */
    void delete(Exchange e) {
        String[] ud = SubscriberInput.aor(aor(e));
        boolean endCalls = SubscriberInput.flag(e.getMessage().getHeader("endCalls", String.class), "endCalls");
        if (!store.remove(ud[0], ud[1], endCalls)) {
            throw new RestException(404, "no subscriber " + ud[0] + "@" + ud[1]);
        }
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        e.getMessage().setBody(null);
    }

    Map<String, Object> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Subscriber s : store.list()) {
            out.add(json(s));
        }
        return Map.of("subscribers", out);
    }

    void put(Exchange e) {
        SubscriberInput in = SubscriberInput.from(e.getMessage().getBody());
        boolean existed = store.find(in.username(), in.domain()).isPresent();
        store.add(in.username(), in.domain(), in.password());
        Subscriber saved = store.find(in.username(), in.domain())
                .orElseThrow(() -> new IllegalStateException("subscriber not found after add"));
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, existed ? 200 : 201);
        e.getMessage().setHeader("Location", "/api/subscribers/" + saved.aor());
        e.getMessage().setBody(json(saved));
    }

    Subscriber find(String aor) {
        String[] ud = SubscriberInput.aor(aor);
        return store.find(ud[0], ud[1])
                .orElseThrow(() -> new RestException(404, "no subscriber " + ud[0] + "@" + ud[1]));
    }

    /** Never the password or an HA1: which of them are stored. */
    static Map<String, Object> json(Subscriber s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("aor", s.aor());
        m.put("username", s.username());
        m.put("domain", s.domain());
        List<String> secrets = new ArrayList<>();
        if (s.password() != null) {
            secrets.add("password");
        }
        if (s.ha1Md5() != null) {
            secrets.add("ha1-md5");
        }
        if (s.ha1Sha256() != null) {
            secrets.add("ha1-sha256");
        }
        m.put("secrets", secrets);
        return m;
    }

    private static String aor(Exchange e) {
        return e.getMessage().getHeader("aor", String.class);
    }
}
