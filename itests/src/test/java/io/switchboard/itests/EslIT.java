package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.esl.internal.FreeSwitchCall;
import io.switchboard.esl.internal.FreeSwitchDouble;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The esl bundle in the platform, against the FreeSWITCH double of bundles/esl: a server added as a factory
 * configuration (as a file etc/io.switchboard.esl.server-it.cfg would), a route file consuming its DTMF events and
 * answering each with an api command, REST and shell originate answering the new call's UUID, and the shipped
 * example IVR (routes/esl-ivr.xml, off by default) started and driving an outbound call from connect to hang-up.
 */
public class EslIT extends SwitchboardTestSupport {

    @Test
    public void inboundEventsApiOriginateAndTheExampleIvr() throws Exception {
        try (FreeSwitchDouble fs = new FreeSwitchDouble("it-secret")) {
            await("component esl in the context", () -> context.hasComponent("esl") != null);
            Configuration server =
                    service(ConfigurationAdmin.class).getFactoryConfiguration("io.switchboard.esl.server", "it", "?");
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("name", "it");
            props.put("host", "127.0.0.1");
            props.put("port", Integer.toString(fs.port()));
            props.put("password", "it-secret");
            server.update(props);
            try {
                await(
                        "server it listed",
                        () -> executeCommandQuietly("esl:servers").contains("it 127.0.0.1"));
                Path file = routesFolder().resolve("esl-it.xml");
                replaceRouteFile(file, """
                        <routes xmlns="http://camel.apache.org/schema/xml-io">
                          <route id="esl-it">
                            <from uri="esl:events?server=it&amp;events=DTMF"/>
                            <to uri="events:publish?type=ESL_DTMF&amp;headers=Unique-ID,DTMF-Digit"/>
                          </route>
                          <route id="esl-it-dtmf">
                            <from uri="events:ESL_DTMF?filter=Unique-ID=call-1"/>
                            <setHeader name="EslCommand"><simple>status ${header.DTMF-Digit}</simple></setHeader>
                            <to uri="esl:api?server=it"/>
                          </route>
                        </routes>
                        """);
                try {
                    await(
                            "connected and subscribed",
                            () -> fs.current() != null
                                    && fs.current().commands().stream().anyMatch(c -> c.startsWith("event plain")));
                    fs.broadcast(
                            new LinkedHashMap<>(Map.of("Event-Name", "DTMF", "Unique-ID", "call-1", "DTMF-Digit", "7")),
                            null);
                    await(
                            "the DTMF, through the event bus, answered with an api command",
                            () -> fs.current().commands().contains("api status 7"));
                    String shell = executeCommand("esl:servers");
                    assertTrue(shell, shell.contains("it 127.0.0.1:" + fs.port() + " connected"));

                    HttpResponse<String> r = api(
                            "POST",
                            "/api/esl/originate",
                            "{\"server\":\"it\",\"callUrl\":\"sofia/external/1000@127.0.0.1\","
                                    + "\"destination\":\"&park()\"}");
                    assertEquals(r.body(), 201, r.statusCode());
                    assertTrue(r.body(), r.body().matches(".*\"uuid\":\"[0-9a-f-]{36}\".*"));
                    HttpResponse<String> busy = api(
                            "POST",
                            "/api/esl/originate",
                            "{\"server\":\"it\",\"callUrl\":\"user/busy\",\"destination\":\"&park()\"}");
                    assertEquals(busy.body(), 502, busy.statusCode());
                    assertTrue(busy.body(), busy.body().contains("-ERR USER_BUSY"));
                    HttpResponse<String> bad = api(
                            "POST",
                            "/api/esl/originate",
                            "{\"server\":\"it\",\"callUrl\":\"user/1 &park()\",\"destination\":\"x\"}");
                    assertEquals(bad.body(), 400, bad.statusCode());
                    String uuid = executeCommand("esl:originate -s it user/1000 \"&echo()\"")
                            .strip();
                    assertTrue(uuid, uuid.matches("[0-9a-f-]{36}"));
                } finally {
                    Files.delete(file);
                }
            } finally {
                server.delete();
            }
        }
        // the example IVR, started in the platform context, drives a call of the double
        RouteFileStatus ivr =
                awaitFileStatus("esl-ivr.xml", Instant.EPOCH, s -> s.state() == RouteFileStatus.State.LOADED, "LOADED");
        assertEquals(
                "Stopped",
                context.getRouteController().getRouteStatus("esl-ivr").name());
        context.getRouteController().startRoute("esl-ivr");
        try (FreeSwitchCall call = new FreeSwitchCall(8084, true, "9")) {
            assertTrue(call.commands.toString(), call.awaitClosedByApp(20));
            assertEquals(List.of("connect", "myevents", "linger"), call.commands.subList(0, 3));
            assertEquals(
                    List.of("answer", "play_and_get_digits", "playback", "hangup:NORMAL_CLEARING"),
                    call.applications());
        } finally {
            context.getRouteController().stopRoute("esl-ivr");
        }
        assertTrue(ivr.toString(), ivr.routeIds().contains("esl-ivr"));
    }

    private String executeCommandQuietly(String command) {
        try {
            return executeCommand(command);
        } catch (Exception e) {
            return "";
        }
    }
}
