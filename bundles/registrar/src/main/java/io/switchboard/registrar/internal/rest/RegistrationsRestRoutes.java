package io.switchboard.registrar.internal.rest;

import io.switchboard.http.RestException;
import io.switchboard.http.RestRoutes;
import io.switchboard.registrar.ContactBinding;
import io.switchboard.registrar.LocationService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /api/registrations} and {@code GET /api/registrations/{aor}}: the location table over REST.
 * Served by the http bundle when it is installed (optional import of {@code io.switchboard.http}: without it this
 * service is never used, so this class is never loaded).
 */
@Component(service = RestRoutes.class)
public class RegistrationsRestRoutes extends RestRoutes {

    @Reference
    LocationService location;

    @Override
    public void configure() {
        rest("/api/registrations")
                .description("Registered contacts (the location table)")
                .get()
                .description("Every AoR with its live contacts")
                .to("direct:switchboard-registrations-list")
                .get("/{aor}")
                .description("The live contacts of one AoR (user@domain); 404 when none")
                .to("direct:switchboard-registrations-get");

        from("direct:switchboard-registrations-list")
                .routeId("switchboard-registrations-list")
                .process(e -> e.getMessage().setBody(list()));
        from("direct:switchboard-registrations-get")
                .routeId("switchboard-registrations-get")
                .process(e -> e.getMessage().setBody(get(e.getMessage().getHeader("aor", String.class))));
    }

    Map<String, Object> list() {
        long now = System.currentTimeMillis();
        List<Map<String, Object>> aors = new ArrayList<>();
        for (Map.Entry<String, List<ContactBinding>> e : location.all().entrySet()) {
            aors.add(RegistrationsJson.aor(e.getKey(), e.getValue(), now));
        }
        return Map.of("registrations", aors);
    }

    Map<String, Object> get(String aor) {
        String key = RegistrationsJson.normalize(aor);
        if (key == null) {
            throw new RestException(400, "not an AoR (user@domain): " + aor);
        }
        List<ContactBinding> contacts = location.lookup(key);
        if (contacts.isEmpty()) {
            throw new RestException(404, "no live contacts for " + key);
        }
        return RegistrationsJson.aor(key, contacts, System.currentTimeMillis());
    }
}
