package io.switchboard.pike.internal.rest;

import io.switchboard.http.RestException;
import io.switchboard.http.RestRoutes;
import io.switchboard.pike.Ban;
import io.switchboard.pike.SourceBans;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code /api/security/bans} and {@code /api/security/failures}: pike's two lists over REST, each visible and
 * clearable. Served by the http bundle when it is installed (optional import of {@code io.switchboard.http}: without
 * it this service is never used, so this class is never loaded).
 */
@Component(service = RestRoutes.class)
public class SecurityRestRoutes extends RestRoutes {

    @Reference
    SourceBans bans;

    @Override
    public void configure() {
        rest("/api/security")
                .description("Flood and brute-force protection (pike): banned sources, failed authentications")
                .get("/bans")
                .description("The banned sources: address, cause (flood, auth-failures), detail, since, expiresIn")
                .to("direct:switchboard-security-bans")
                .delete("/bans")
                .description("Lifts every ban: 200 with how many")
                .to("direct:switchboard-security-bans-clear")
                .delete("/bans/{address}")
                .description("Lifts the ban of one address: 204, 404 when it is not banned")
                .to("direct:switchboard-security-unban")
                .get("/failures")
                .description("Failed authentications in the window, per source address and per user")
                .to("direct:switchboard-security-failures")
                .delete("/failures")
                .description("Forgets every failed authentication counted: 200 with how many counters")
                .to("direct:switchboard-security-failures-clear");

        from("direct:switchboard-security-bans")
                .routeId("switchboard-security-bans")
                .process(e -> e.getMessage().setBody(bans()));
        from("direct:switchboard-security-bans-clear")
                .routeId("switchboard-security-bans-clear")
                .process(e -> e.getMessage().setBody(Map.of("lifted", bans.clearBans())));
        from("direct:switchboard-security-unban")
                .routeId("switchboard-security-unban")
                .process(e -> {
                    String address = e.getMessage().getHeader("address", String.class);
                    if (address == null || !bans.unban(address.trim())) {
                        throw new RestException(404, "not banned: " + address);
                    }
                    e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
                    e.getMessage().setBody(null);
                });
        from("direct:switchboard-security-failures")
                .routeId("switchboard-security-failures")
                .process(e -> e.getMessage()
                        .setBody(Map.of("sources", bans.failuresBySource(), "users", bans.failuresByUser())));
        from("direct:switchboard-security-failures-clear")
                .routeId("switchboard-security-failures-clear")
                .process(e -> e.getMessage().setBody(Map.of("cleared", bans.clearFailures())));
    }

    Map<String, Object> bans() {
        long now = System.currentTimeMillis();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Ban b : bans.bans()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", b.address());
            m.put("cause", b.cause());
            m.put("detail", b.detail());
            m.put("since", b.bannedAt());
            m.put("expiresIn", Math.max(0, (b.expiresAt() - now + 999) / 1000));
            m.put("refused", b.refused());
            list.add(m);
        }
        return Map.of("bans", list);
    }
}
