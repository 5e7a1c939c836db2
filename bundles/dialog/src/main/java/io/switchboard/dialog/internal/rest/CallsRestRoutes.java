package io.switchboard.dialog.internal.rest;

import io.switchboard.dialog.DialogInfo;
import io.switchboard.dialog.DialogService;
import io.switchboard.dialog.DialogState;
import io.switchboard.http.RestException;
import io.switchboard.http.RestRoutes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Live and recently ended calls over REST, and {@code DELETE /api/calls/{callId}} to end one (a BYE to both
 * sides, like {@code dialog:end}). Served by the http bundle when it is installed (optional import of
 * {@code io.switchboard.http}: without it this service is never used, so this class is never loaded).
 */
@Component(service = RestRoutes.class)
public class CallsRestRoutes extends RestRoutes {

    @Reference
    DialogService dialogs;

    @Override
    public void configure() {
        rest("/api/calls")
                .description("Calls relayed by the proxy")
                .get()
                .description("Live calls with state, timestamps, post-dial delay and duration so far")
                .to("direct:switchboard-calls-live")
                .get("/ended")
                .description("The most recently ended calls (at most 100), newest last")
                .to("direct:switchboard-calls-ended")
                .get("/{callId}")
                .description("One live call; 404 when there is none")
                .to("direct:switchboard-calls-get")
                .delete("/{callId}")
                .description("Ends an answered call: a BYE to each side (202); 404 no such call, 409 not answered")
                .to("direct:switchboard-calls-end");

        from("direct:switchboard-calls-live")
                .routeId("switchboard-calls-live")
                .process(e -> e.getMessage().setBody(Map.of("calls", calls(dialogs.live()))));
        from("direct:switchboard-calls-ended")
                .routeId("switchboard-calls-ended")
                .process(e -> e.getMessage().setBody(Map.of("calls", calls(dialogs.recentlyEnded()))));
        from("direct:switchboard-calls-get")
                .routeId("switchboard-calls-get")
                .process(e -> e.getMessage().setBody(CallsJson.call(live(callId(e)), System.currentTimeMillis())));
        from("direct:switchboard-calls-end").routeId("switchboard-calls-end").process(e -> {
            e.getMessage().setBody(end(callId(e)));
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        });
    }

    static List<Map<String, Object>> calls(List<DialogInfo> dialogs) {
        long now = System.currentTimeMillis();
        List<Map<String, Object>> out = new ArrayList<>(dialogs.size());
        for (DialogInfo d : dialogs) {
            out.add(CallsJson.call(d, now));
        }
        return out;
    }

    DialogInfo live(String callId) {
        return dialogs.find(callId).orElseThrow(() -> new RestException(404, "no live call " + callId));
    }

    /** The BYEs are sent when this returns, their answers are not awaited: 202. */
    Map<String, Object> end(String callId) {
        DialogInfo d = live(callId);
        if (d.state() != DialogState.ANSWERED) {
            throw new RestException(
                    409, "call " + callId + " is " + d.state() + ", not answered: only an answered call can be ended");
        }
        if (!dialogs.end(callId)) {
            throw new RestException(404, "no answered live call " + callId); // it ended meanwhile
        }
        DialogInfo ended = dialogs.recentlyEnded().stream()
                .filter(x -> x.callId().equals(callId))
                .reduce((a, b) -> b)
                .orElse(d);
        Map<String, Object> body = CallsJson.call(ended, System.currentTimeMillis());
        body.put("bye", "sent to caller and callee");
        return body;
    }

    private static String callId(Exchange e) {
        return e.getMessage().getHeader("callId", String.class);
    }
}
