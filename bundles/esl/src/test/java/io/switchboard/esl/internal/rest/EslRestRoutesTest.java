package io.switchboard.esl.internal.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.esl.EslException;
import io.switchboard.esl.EslOriginated;
import io.switchboard.esl.EslServerStatus;
import io.switchboard.esl.EslService;
import io.switchboard.http.RestException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The answers of POST /api/esl/originate: the new call's UUID, or the status that says why not. */
class EslRestRoutesTest {

    /** A service that answers by the call URL. */
    static final class Service implements EslService {
        Map<String, String> lastVars;

        @Override
        public CompletableFuture<EslOriginated> originate(
                String server, String callUrl, String destination, Map<String, String> variables, Duration t) {
            lastVars = variables;
            return switch (callUrl) {
                case "user/busy" ->
                    CompletableFuture.failedFuture(new EslException(
                            "FreeSWITCH default could not originate: -ERR USER_BUSY", "-ERR USER_BUSY"));
                case "user/down" ->
                    CompletableFuture.failedFuture(
                            new EslException("not connected to FreeSWITCH default", (String) null));
                case "user/slow" -> new CompletableFuture<>();
                default -> CompletableFuture.completedFuture(new EslOriginated("u-1", "j-1", "default"));
            };
        }

        @Override
        public List<EslServerStatus> servers() {
            return List.of(new EslServerStatus("default", "127.0.0.1", 8021, "connected", null));
        }
    }

    private static int status(Object body) {
        return assertThrows(RestException.class, () -> EslRestRoutes.originate(new Service(), body))
                .status();
    }

    @Test
    void answersTheUuid() throws Exception {
        Service s = new Service();
        Map<String, Object> out = EslRestRoutes.originate(
                s, Map.of("callUrl", "user/1000", "destination", "&park()", "variables", Map.of("a", "b")));
        assertEquals(Map.of("uuid", "u-1", "jobUuid", "j-1", "server", "default"), out);
        assertEquals(Map.of("a", "b"), s.lastVars);
    }

    @Test
    void statuses() {
        assertEquals(400, status("text"));
        assertEquals(400, status(Map.of("destination", "&park()")));
        assertEquals(400, status(Map.of("callUrl", "user/1", "destination", "&park()", "variables", Map.of("a", 1))));
        assertEquals(400, status(Map.of("callUrl", "user/1", "destination", "&park()", "timeoutSeconds", -1)));
        assertEquals(404, status(Map.of("callUrl", "user/1", "destination", "&park()", "server", "nope")));
        assertEquals(502, status(Map.of("callUrl", "user/busy", "destination", "&park()")));
        assertEquals(503, status(Map.of("callUrl", "user/down", "destination", "&park()")));
        RestException slow = assertThrows(
                RestException.class,
                () -> EslRestRoutes.originate(
                        new Service(),
                        Map.of("callUrl", "user/slow", "destination", "&park()", "timeoutSeconds", 0.1)));
        assertEquals(504, slow.status());
        assertTrue(slow.getMessage().contains("not answered"));
    }
}
