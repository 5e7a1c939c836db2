package io.switchboard.homer.internal.rest;

import io.switchboard.homer.HomerException;
import io.switchboard.homer.HomerSyncService;
import io.switchboard.http.RestException;
import io.switchboard.http.RestRoutes;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code POST /api/homer/sync}: one alias sync now, answered with its summary. Served by the http bundle when
 * installed (optional import), with its rules for every write (allowed hosts, the bearer token, JSON or no body).
 */
@Component(service = RestRoutes.class)
public class HomerRestRoutes extends RestRoutes {

    @Reference
    HomerSyncService homer;

    @Override
    public void configure() {
        rest("/api/homer")
                .description("Homer alias sync")
                .post("/sync")
                .description("Makes Homer's IP aliases equal the inventory now: 200 {inventory, created, updated, "
                        + "deleted, unchanged, millis}")
                .to("direct:switchboard-homer-sync");
        from("direct:switchboard-homer-sync").routeId("switchboard-homer-sync").process(e -> {
            try {
                e.getMessage().setBody(homer.sync().toMap());
            } catch (HomerException x) {
                throw new RestException(status(x.kind()), x.getMessage());
            }
        });
    }

    /**
     * 409 while disabled (a state the operator changes), 500 for an inventory of ours that is wrong, 502 when Homer
     * refused us, answered badly or did not apply the writes, 504 when it could not be reached in time.
     */
    static int status(HomerException.Kind kind) {
        return switch (kind) {
            case DISABLED -> 409;
            case INVENTORY -> 500;
            case REFUSED, BAD_ANSWER, NOT_APPLIED -> 502;
            case UNREACHABLE -> 504;
        };
    }
}
