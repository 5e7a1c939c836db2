package io.switchboard.pickup.internal.rest;

import io.switchboard.http.RestException;
import io.switchboard.http.RestRoutes;
import io.switchboard.pickup.PickupException;
import io.switchboard.pickup.PickupGroups;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Pickup groups over REST: {@code GET /api/pickup/groups}, {@code PUT} and {@code DELETE
 * /api/pickup/groups/{group}/members/{aor}}. Served by the http bundle when it is installed (optional import of
 * {@code io.switchboard.http}).
 */
@Component(service = RestRoutes.class)
public class PickupRestRoutes extends RestRoutes {

    @Reference
    PickupGroups groups;

    @Override
    public void configure() {
        rest("/api/pickup/groups")
                .description("Pickup groups: whose ringing calls a member may take with *8 / *8<ext>")
                .get()
                .description("Every group with its members")
                .to("direct:switchboard-pickup-groups")
                .put("/{group}/members/{aor}")
                .description("Adds a member (user@domain); 201 when added, 200 when it was one; 400 for a bad name")
                .to("direct:switchboard-pickup-add")
                .delete("/{group}/members/{aor}")
                .description("Removes a member; 204, or 404 when it was none")
                .to("direct:switchboard-pickup-remove");

        from("direct:switchboard-pickup-groups")
                .routeId("switchboard-pickup-groups")
                .process(e -> e.getMessage().setBody(Map.of("groups", groups.groups())));
        from("direct:switchboard-pickup-add").routeId("switchboard-pickup-add").process(e -> {
            Message m = e.getMessage();
            boolean added =
                    call(() -> groups.add(m.getHeader("group", String.class), m.getHeader("aor", String.class)));
            m.setHeader(Exchange.HTTP_RESPONSE_CODE, added ? 201 : 200);
            m.setBody(Map.of("group", m.getHeader("group", String.class), "aor", m.getHeader("aor", String.class)));
        });
        from("direct:switchboard-pickup-remove")
                .routeId("switchboard-pickup-remove")
                .process(e -> {
                    Message m = e.getMessage();
                    if (!call(() ->
                            groups.remove(m.getHeader("group", String.class), m.getHeader("aor", String.class)))) {
                        throw new RestException(404, "not a member of that group");
                    }
                    m.setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
                    m.setBody(null);
                });
    }

    interface PickupCall<T> {
        T run() throws PickupException;
    }

    private static <T> T call(PickupCall<T> c) {
        try {
            return c.run();
        } catch (PickupException e) {
            throw new RestException(e.status(), e.getMessage());
        }
    }
}
