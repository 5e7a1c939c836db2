package io.switchboard.cgrates.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.cgrates.CgratesException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class JsonRpcClientTest {

    private static ObjectNode args(String account) {
        ObjectNode a = JsonRpc.MAPPER.createObjectNode();
        a.put("Tenant", "cgrates.org").put("ID", "t1");
        a.putObject("Event").put("Account", account).put("Usage", 60_000_000_000L);
        return a;
    }

    @Test
    void repliesBackToBackOnTheStreamAreParsedOneObjectAtATime() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            CompletableFuture<String> seen = new CompletableFuture<>();
            Thread peer = new Thread(() -> {
                try (Socket c = s.accept()) {
                    InputStream in = c.getInputStream();
                    byte[] buf = new byte[8192];
                    StringBuilder got = new StringBuilder();
                    while (got.chars().filter(ch -> ch == '{').count() < 4) { // two requests, two objects each
                        int n = in.read(buf);
                        got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                    seen.complete(got.toString());
                    long id1 = Long.parseLong(got.toString().replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
                    String both = "{\"id\":" + id1 + ",\"result\":{\"MaxUsage\":5000000000},\"error\":null}"
                            + "{\"id\":" + (id1 + 1) + ",\"result\":null,\"error\":\"ACCOUNT_NOT_FOUND\"}";
                    OutputStream out = c.getOutputStream();
                    out.write(both.getBytes(StandardCharsets.UTF_8)); // one write, no separator
                    out.flush();
                    Thread.sleep(500);
                } catch (Exception e) {
                    seen.completeExceptionally(e);
                }
            });
            peer.start();
            RpcConnection conn = RpcConnection.open("127.0.0.1", s.getLocalPort(), 1000, null);
            ExecutorService two = Executors.newFixedThreadPool(2);
            Future<JsonNode> first = two.submit(() -> conn.call("SessionSv1.AuthorizeEvent", args("1001"), 3000));
            Thread.sleep(100);
            Future<JsonNode> second = two.submit(() -> conn.call("SessionSv1.AuthorizeEvent", args("x"), 3000));
            assertEquals(
                    5_000_000_000L, JsonRpc.result(first.get()).get("MaxUsage").asLong());
            CgratesException e = assertThrows(CgratesException.class, () -> JsonRpc.result(second.get()));
            assertEquals("ACCOUNT_NOT_FOUND", e.getMessage());
            assertFalse(e.unreachable());
            String wire = seen.get();
            assertTrue(wire.contains("\"method\":\"SessionSv1.AuthorizeEvent\",\"params\":[{"), wire);
            conn.close();
            two.shutdown();
        }
    }

    @Test
    void aReplyWithBothOrNeitherOfResultAndErrorIsRejected() {
        assertThrows(
                CgratesException.class,
                () -> JsonRpc.result(JsonRpc.MAPPER.readTree("{\"id\":1,\"result\":null,\"error\":null}")));
        assertThrows(
                CgratesException.class,
                () -> JsonRpc.result(JsonRpc.MAPPER.readTree("{\"id\":1,\"result\":\"OK\",\"error\":\"X\"}")));
    }

    @Test
    void aDeadEngineFailsOverToTheNextAndAnAnswerIsFinal() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0)) {
            dead = s.getLocalPort();
        }
        try (CgratesDouble up = CgratesDouble.start(false)) {
            up.balanceMillis.put("1001", 90_000L);
            FailoverClient c = new FailoverClient(
                    FailoverClient.parse("tcp://127.0.0.1:" + dead + ", tcp://127.0.0.1:" + up.port(), 2, 500), 2000);
            JsonNode r = c.call("SessionSv1.AuthorizeEvent", args("1001"));
            assertEquals(60_000_000_000L, r.get("MaxUsage").asLong(), "capped at the Usage asked");
            CgratesException refused =
                    assertThrows(CgratesException.class, () -> c.call("SessionSv1.AuthorizeEvent", args("nobody")));
            assertEquals("ACCOUNT_NOT_FOUND", refused.getMessage());
            assertEquals(2, up.count("SessionSv1.AuthorizeEvent"), "an answered error is not tried elsewhere");
            c.close();
        }
    }

    @Test
    void noAnswerWithinTheTimeoutIsUnreachable() throws Exception {
        try (CgratesDouble slow = CgratesDouble.start(false)) {
            slow.balanceMillis.put("1001", 1000L);
            slow.delayMillis = 1000;
            FailoverClient c = new FailoverClient(FailoverClient.parse("tcp://127.0.0.1:" + slow.port(), 1, 500), 200);
            long t0 = System.nanoTime();
            CgratesException e =
                    assertThrows(CgratesException.class, () -> c.call("SessionSv1.AuthorizeEvent", args("1001")));
            assertTrue(e.unreachable());
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 900, "gave up at the time-out");
            c.close();
        }
    }

    @Test
    void httpPostJsonrpcIsAnAlternativeTransport() throws Exception {
        try (CgratesDouble d = CgratesDouble.start(false);
                CgratesHttpListener http = CgratesHttpListener.start(d)) {
            d.balanceMillis.put("1001", 30_000L);
            int port = http.port();
            List<Engine> engines = FailoverClient.parse("http://127.0.0.1:" + port + "/jsonrpc", 1, 2000);
            FailoverClient c = new FailoverClient(engines, 2000);
            assertEquals(
                    30_000_000_000L,
                    c.call("SessionSv1.AuthorizeEvent", args("1001"))
                            .get("MaxUsage")
                            .asLong());
            c.close();
        }
    }
}
