package io.switchboard.esl.internal.rest;

import io.switchboard.esl.EslException;
import io.switchboard.esl.EslOriginated;
import io.switchboard.esl.EslServerStatus;
import io.switchboard.esl.EslService;
import io.switchboard.http.RestException;
import io.switchboard.http.RestRoutes;
import java.time.Duration;
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
 * The Event Socket over REST: {@code POST /api/esl/originate} places a call through a FreeSWITCH server and answers
 * the new call's UUID once FreeSWITCH reports it answered; {@code GET /api/esl/servers} lists the servers and their
 * connections. Served by the http bundle when installed (optional import), with its rules for every write (JSON
 * only, allowed hosts, the bearer token).
 */
@Component(service = RestRoutes.class)
public class EslRestRoutes extends RestRoutes {

    @Reference
    EslService esl;

    /** The originate time-out when the request gives none: FreeSWITCH's default originate_timeout is 60 s. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(75);

    @Override
    public void configure() {
        rest("/api/esl")
                .description("FreeSWITCH Event Socket")
                .get("/servers")
                .description("The FreeSWITCH servers and their connections")
                .to("direct:switchboard-esl-servers")
                .post("/originate")
                .type(Map.class)
                .description("Originates a call: {server, callUrl, destination, variables, timeoutSeconds}; 201 "
                        + "{uuid, jobUuid, server} once answered")
                .to("direct:switchboard-esl-originate");

        from("direct:switchboard-esl-servers")
                .routeId("switchboard-esl-servers")
                .process(e -> {
                    List<Map<String, Object>> out = new ArrayList<>();
                    for (EslServerStatus s : esl.servers()) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("name", s.name());
                        m.put("host", s.host());
                        m.put("port", s.port());
                        m.put("state", s.state());
                        m.put("lastError", s.lastError());
                        out.add(m);
                    }
                    e.getMessage().setBody(Map.of("servers", out));
                });
        from("direct:switchboard-esl-originate")
                .routeId("switchboard-esl-originate")
                .process(e -> {
                    e.getMessage().setBody(originate(esl, e.getMessage().getBody()));
                    e.getMessage().setHeader("CamelHttpResponseCode", 201);
                });
    }

    /**
     * The answer to a POST: 400 for a request that is not right, 404 for an unknown server, 503 when FreeSWITCH
     * cannot be reached, 502 with FreeSWITCH's {@code -ERR} text when it refused or the call failed, 504 when the
     * call was not answered in time.
     */
    static Map<String, Object> originate(EslService esl, Object body) throws InterruptedException {
        if (!(body instanceof Map<?, ?> in)) {
            throw new RestException(
                    400,
                    "body must be a JSON object {\"callUrl\", \"destination\", \"server\", "
                            + "\"variables\", \"timeoutSeconds\"}");
        }
        String server = text(in, "server", false);
        String callUrl = text(in, "callUrl", true);
        String destination = text(in, "destination", true);
        Map<String, String> vars = new LinkedHashMap<>();
        Object v = in.get("variables");
        if (v != null) {
            if (!(v instanceof Map<?, ?> m)) {
                throw new RestException(400, "\"variables\" must be an object of strings");
            }
            for (Map.Entry<?, ?> x : m.entrySet()) {
                if (!(x.getValue() instanceof String s)) {
                    throw new RestException(400, "variable \"" + x.getKey() + "\" must be a string");
                }
                vars.put(x.getKey().toString(), s);
            }
        }
        Duration timeout = DEFAULT_TIMEOUT;
        Object t = in.get("timeoutSeconds");
        if (t != null) {
            if (!(t instanceof Number n) || n.doubleValue() <= 0 || n.doubleValue() > 3600) {
                throw new RestException(400, "\"timeoutSeconds\" must be a number in (0, 3600]");
            }
            timeout = Duration.ofMillis((long) (n.doubleValue() * 1000));
        }
        if (server != null && esl.servers().stream().noneMatch(s -> s.name().equals(server))) {
            throw new RestException(404, "no FreeSWITCH server named " + server);
        }
        EslOriginated o;
        try {
            o = esl.originate(server, callUrl, destination, vars, timeout)
                    .get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (IllegalArgumentException x) {
            throw new RestException(400, x.getMessage());
        } catch (EslException x) {
            throw new RestException(x.getMessage().startsWith("no FreeSWITCH server") ? 404 : 503, x.getMessage());
        } catch (ExecutionException x) {
            Throwable c = x.getCause();
            if (c instanceof EslException esx) {
                throw new RestException(esx.reply() != null ? 502 : 503, esx.getMessage());
            }
            throw new RestException(500, String.valueOf(c));
        } catch (TimeoutException x) {
            throw new RestException(504, "the call was not answered within " + timeout.toSeconds() + " s");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("uuid", o.uuid());
        out.put("jobUuid", o.jobUuid());
        out.put("server", o.server());
        return out;
    }

    private static String text(Map<?, ?> in, String key, boolean required) {
        Object v = in.get(key);
        if (v == null) {
            if (required) {
                throw new RestException(400, "\"" + key + "\" is required");
            }
            return null;
        }
        if (!(v instanceof String s) || s.isEmpty()) {
            throw new RestException(400, "\"" + key + "\" must be a non-empty string");
        }
        return s;
    }
}
