package io.switchboard.ussd.internal.rest;

import io.switchboard.http.RestException;
import io.switchboard.http.RestRoutes;
import io.switchboard.ussd.UssdException;
import io.switchboard.ussd.UssdService;
import io.switchboard.ussd.UssdSessionInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * USSD over REST: {@code GET /api/ussd/sessions} (live sessions) and {@code POST /api/ussd/sessions} (a
 * network-initiated request or notification). Served by the http bundle when installed (optional import).
 */
@Component(service = RestRoutes.class)
public class UssdRestRoutes extends RestRoutes {

    /** Longer than the sip producer's INVITE timeout (32 s), so that its 408 comes back as a 504 with a reason. */
    static final long START_TIMEOUT_SECONDS = 40;

    @Reference
    UssdService ussd;

    @Override
    public void configure() {
        rest("/api/ussd/sessions")
                .description("USSD sessions (3GPP TS 24.390)")
                .get()
                .description("The live USSD sessions")
                .to("direct:switchboard-ussd-list")
                .post()
                .type(Map.class)
                .description("Starts a network-initiated USSD session: {subscriber, text, mode: request|notify, "
                        + "language}; 201 once the UE accepted the INVITE")
                .to("direct:switchboard-ussd-start");

        from("direct:switchboard-ussd-list").routeId("switchboard-ussd-list").process(e -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (UssdSessionInfo s : ussd.sessions()) {
                out.add(json(s));
            }
            e.getMessage().setBody(Map.of("sessions", out));
        });
        from("direct:switchboard-ussd-start").routeId("switchboard-ussd-start").process(e -> {
            Object body = e.getMessage().getBody();
            if (!(body instanceof Map<?, ?> in)) {
                throw new RestException(
                        400,
                        "body must be a JSON object {\"subscriber\", \"text\", \"mode\": \"request\"|\"notify\", "
                                + "\"language\"}");
            }
            String subscriber = text(in, "subscriber", true);
            String text = text(in, "text", true);
            String mode = text(in, "mode", false);
            String language = text(in, "language", false);
            if (mode != null && !mode.equals("request") && !mode.equals("notify")) {
                throw new RestException(400, "mode must be request or notify");
            }
            UssdSessionInfo s;
            try {
                s = ussd.start(subscriber, text, "notify".equals(mode), language, null)
                        .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException x) {
                if (x.getCause() instanceof UssdException u) {
                    throw new RestException(u.status(), u.getMessage());
                }
                throw x;
            } catch (TimeoutException x) {
                throw new RestException(504, "no answer from the subscriber within " + START_TIMEOUT_SECONDS + " s");
            }
            Map<String, Object> out = json(s);
            out.put("mode", mode == null ? "request" : mode);
            e.getMessage().setHeader("CamelHttpResponseCode", 201);
            e.getMessage().setBody(out);
        });
    }

    private static String text(Map<?, ?> in, String key, boolean required) {
        Object v = in.get(key);
        if (v == null) {
            if (required) {
                throw new RestException(400, "\"" + key + "\" is required");
            }
            return null;
        }
        if (!(v instanceof String s) || (required && s.isEmpty())) {
            throw new RestException(400, "\"" + key + "\" must be a non-empty string");
        }
        return s;
    }

    static Map<String, Object> json(UssdSessionInfo s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sessionId", s.id());
        m.put("direction", s.direction());
        m.put("subscriber", s.subscriber());
        m.put("ussdString", s.ussdString());
        m.put("state", s.state());
        m.put("step", s.step());
        m.put("startedAt", Instant.ofEpochMilli(s.startedAt()).toString());
        m.put("idleMillis", s.idleMillis());
        return m;
    }
}
