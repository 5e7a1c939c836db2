package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.switchboard.homer.internal.HomerApiDouble;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The homer bundle and the shipped routes/homer.xml in the platform, against the Homer API double of bundles/homer
 * on loopback: nothing is sent while disabled (the default); enabling it in io.switchboard.homer makes the timer
 * route sync at once from etc/homer-aliases.json (a stale alias deleted, the inventory created); REST and the shell
 * then change nothing; an expired token is renewed.
 */
public class HomerIT extends SwitchboardTestSupport {

    private static final String PID = "io.switchboard.homer";

    @Test
    public void theTimerRouteSyncsWhenEnabledAndOnDemandSyncsChangeNothing() throws Exception {
        Path inventory = Path.of(System.getProperty("karaf.base"), "etc", "homer-aliases.json");
        Files.writeString(inventory, """
                [{"alias":"sbc-1","ip":"127.0.0.1","port":15060,"mask":32,"captureID":"0","status":true},
                 {"alias":"as-1","ip":"::1","port":5080}]
                """);
        Configuration config = service(ConfigurationAdmin.class).getConfiguration(PID, null);
        try (HomerApiDouble homer = new HomerApiDouble()) {
            await("component homer in the context", () -> context.hasComponent("homer") != null);
            HttpResponse<String> disabled = api("POST", "/api/homer/sync", null);
            assertEquals(disabled.body(), 409, disabled.statusCode());
            assertEquals(List.of(), homer.requests());

            homer.put("stale", "192.0.2.99", 5060, 32, "0", true);
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("api.url", homer.url());
            props.put("user", "admin");
            props.put("password", "sipcapture");
            props.put("sync.interval", "3600");
            props.put("enabled", "true");
            config.update(props);
            List<String> expected = List.of("as-1 ::1:5080/128 0 true", "sbc-1 127.0.0.1:15060/32 0 true");
            await(
                    "the timer route synced",
                    () -> homer.aliases().stream().sorted().toList().equals(expected));
            long writes = homer.writes();
            assertEquals(homer.requests().toString(), 3, writes); // one DELETE, two POSTs

            HttpResponse<String> r = api("POST", "/api/homer/sync", null);
            assertEquals(r.body(), 200, r.statusCode());
            assertTrue(r.body(), r.body().contains("\"created\":0,\"updated\":0,\"deleted\":0,\"unchanged\":2"));
            String shell = executeCommand("homer:sync");
            assertTrue(shell, shell.contains("created 0, updated 0, deleted 0, unchanged 2"));
            homer.expireTokens();
            r = api("POST", "/api/homer/sync", null);
            assertEquals(r.body(), 200, r.statusCode());
            assertTrue(r.body(), r.body().contains("\"unchanged\":2"));
            assertEquals(writes, homer.writes());
            assertEquals(2, homer.logins());

            homer.failNext(1, 503);
            r = api("POST", "/api/homer/sync", null);
            assertEquals(r.body(), 502, r.statusCode());
            assertTrue(r.body(), r.body().contains("503 to GET /api/v3/alias"));
        } finally {
            Dictionary<String, Object> off = new Hashtable<>();
            off.put("enabled", "false");
            config.update(off);
            Files.deleteIfExists(inventory);
        }
    }
}
