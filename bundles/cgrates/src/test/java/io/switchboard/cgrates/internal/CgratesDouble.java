package io.switchboard.cgrates.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A CGRateS v0.10 double written from the reference notes: JSON-RPC 1.0 on a raw TCP object stream (no framing;
 * replies may arrive back to back in one write), {@code error} as a plain string, {@code params} an array of one
 * object, durations as integers in nanoseconds, the error strings of §7 ({@code RALS_ERROR:INSUFFICIENT_CREDIT},
 * {@code ACCOUNT_NOT_FOUND}, {@code RESOURCE_UNAVAILABLE}, {@code EXISTS} for a second CDR or InitiateSession of an
 * OriginID, §9), Terminate of an unknown session is OK, and BiRPC: {@link #disconnect} sends
 * {@code SessionSv1.DisconnectSession} back on the connections of its bijson listener. Balances are kept in ms per
 * account and reserved at each grant (InitiateSession/UpdateSession answer min(balance, Usage asked)).
 *
 * <p>Public, and free of {@code com.sun.net.httpserver} (the HTTP listener is {@link CgratesHttpListener}), because
 * the Karaf integration tests use this very class: itests unpacks it from this bundle's test-jar into its probe
 * bundle, which can import no JDK-internal package; one double, so the unit and wire tests cannot drift apart.
 */
public final class CgratesDouble implements AutoCloseable {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final long NS = 1_000_000L;

    public final Map<String, Long> balanceMillis = new ConcurrentHashMap<>();
    public final Map<String, Integer> limits = new ConcurrentHashMap<>();
    public final Map<String, String> resourceUsages = new ConcurrentHashMap<>(); // UsageID -> account
    public final Map<String, JsonNode> cdrs = new ConcurrentHashMap<>(); // OriginID -> Event
    public final Map<String, JsonNode> sessions = new ConcurrentHashMap<>();
    public final List<JsonNode> requests = new CopyOnWriteArrayList<>(); // every request received (method + params)
    public final AtomicInteger cdrSends = new AtomicInteger();
    public volatile String cdrError; // answer CDRs with this error while set
    public volatile long delayMillis;

    private final boolean bijson;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();
    private final Map<Long, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private volatile ServerSocket server;
    private volatile int port;

    private CgratesDouble(boolean bijson) {
        this.bijson = bijson;
    }

    /** A request/response listener (rpc_json) on a free port; {@code bijson}: the two-way one. */
    public static CgratesDouble start(boolean bijson) throws IOException {
        CgratesDouble d = new CgratesDouble(bijson);
        d.up(0);
        return d;
    }

    public int port() {
        return port;
    }

    /** Listens again on the same port (after {@link #down}). */
    public void up() throws IOException {
        up(port);
    }

    private void up(int p) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress("127.0.0.1", p));
        server = s;
        port = s.getLocalPort();
        Thread t = new Thread(() -> accept(s), "double-accept");
        t.setDaemon(true);
        t.start();
    }

    /** CGRateS stops: the listener and every connection close. */
    public void down() throws IOException {
        synchronized (clients) { // a connection accepted while going down is closed, not served
            server.close();
            for (Socket c : clients) {
                c.close();
            }
            clients.clear();
        }
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                synchronized (clients) {
                    if (s.isClosed()) {
                        c.close();
                        return;
                    }
                    clients.add(c);
                }
                Thread t = new Thread(() -> serve(c), "double-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket c) {
        try (InputStream in = c.getInputStream();
                JsonParser p = MAPPER.getFactory().createParser(in)) {
            OutputStream out = c.getOutputStream();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                JsonNode msg = MAPPER.readTree(p);
                if (!msg.hasNonNull("method")) { // a reply to our BiRPC request
                    CompletableFuture<JsonNode> f =
                            waiting.remove(msg.path("id").asLong());
                    if (f != null) {
                        f.complete(msg);
                    }
                    continue;
                }
                JsonNode reply = answer(msg);
                if (delayMillis > 0) {
                    Thread.sleep(delayMillis);
                }
                byte[] bytes = MAPPER.writeValueAsBytes(reply);
                synchronized (out) {
                    out.write(bytes); // no framing, no newline
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // connection closed
        } finally {
            clients.remove(c);
        }
    }

    /**
     * Sends a DisconnectSession for {@code originId} on the first bijson connection and waits for the answer.
     *
     * @return the reply envelope
     */
    public JsonNode disconnect(String originId, String reason) throws Exception {
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.putObject("EventStart").put("OriginID", originId);
        args.put("Reason", reason);
        return request("SessionSv1.DisconnectSession", args);
    }

    /** Sends a BiRPC request to the switch on the first bijson connection and waits for the reply. */
    public JsonNode request(String method, JsonNode args) throws Exception {
        if (!bijson || clients.isEmpty()) {
            throw new IllegalStateException("no bijson client connected");
        }
        long id = ids.incrementAndGet();
        ObjectNode req = JsonNodeFactory.instance.objectNode();
        req.put("method", method);
        req.putArray("params").add(args);
        req.put("id", id);
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        waiting.put(id, f);
        OutputStream out = clients.get(0).getOutputStream();
        synchronized (out) {
            out.write(MAPPER.writeValueAsBytes(req));
            out.flush();
        }
        return f.get(5, TimeUnit.SECONDS);
    }

    public boolean hasClient() {
        return !clients.isEmpty();
    }

    /** The reply envelope to one request. */
    JsonNode answer(JsonNode req) {
        requests.add(req);
        ObjectNode reply = JsonNodeFactory.instance.objectNode();
        reply.set("id", req.get("id"));
        JsonNode params = req.get("params");
        if (params == null || !params.isArray() || params.size() != 1) {
            return error(reply, "SERVER_ERROR: params must be an array of one object");
        }
        JsonNode a = params.get(0);
        JsonNode ev = a.path("Event");
        String account = ev.path("Account").asText("");
        String originId = ev.path("OriginID").asText("");
        try {
            JsonNode result = switch (req.get("method").asText()) {
                case "SessionSv1.AuthorizeEvent" -> grant(account, ev, false);
                case "SessionSv1.InitiateSession" -> {
                    if (sessions.putIfAbsent(originId, ev) != null) {
                        throw new Failure("EXISTS");
                    }
                    yield grant(account, ev, true);
                }
                case "SessionSv1.UpdateSession" -> grant(account, ev, true);
                case "SessionSv1.TerminateSession" -> {
                    sessions.remove(originId);
                    yield TextNode.valueOf("OK");
                }
                case "SessionSv1.ProcessCDR", "CDRsV1.ProcessEvent" -> {
                    cdrSends.incrementAndGet();
                    if (cdrError != null) {
                        throw new Failure(cdrError);
                    }
                    if (ev.path("SetupTime").isNumber()) {
                        throw new Failure("PARTIALLY_EXECUTED");
                    }
                    if (cdrs.putIfAbsent(originId, ev) != null) {
                        throw new Failure("EXISTS");
                    }
                    yield TextNode.valueOf("OK");
                }
                case "ResourceSv1.AllocateResources" -> {
                    Integer limit = limits.get(account);
                    if (limit == null) {
                        throw new Failure("NOT_FOUND");
                    }
                    long held = resourceUsages.values().stream()
                            .filter(account::equals)
                            .count();
                    if (held >= limit
                            && !resourceUsages.containsKey(a.path("UsageID").asText())) {
                        throw new Failure("RESOURCE_UNAVAILABLE");
                    }
                    resourceUsages.put(a.path("UsageID").asText(), account);
                    yield TextNode.valueOf("ResGroup_" + account);
                }
                case "ResourceSv1.ReleaseResources" -> {
                    resourceUsages.remove(a.path("UsageID").asText());
                    yield TextNode.valueOf("OK");
                }
                case "SessionSv1.Ping" -> TextNode.valueOf("Pong");
                default -> throw new Failure("UNSUPPORTED_SERVICE_METHOD");
            };
            reply.set("result", result);
            reply.putNull("error");
            return reply;
        } catch (Failure f) {
            return error(reply, f.getMessage());
        }
    }

    private JsonNode grant(String account, JsonNode ev, boolean debit) throws Failure {
        Long balance = balanceMillis.get(account);
        if (balance == null) {
            throw new Failure("ACCOUNT_NOT_FOUND");
        }
        if (balance <= 0) {
            throw new Failure("RALS_ERROR:INSUFFICIENT_CREDIT");
        }
        long asked = ev.path("Usage").asLong(10_800_000L * NS) / NS;
        long granted = Math.min(balance, asked);
        if (debit) {
            balanceMillis.put(account, balance - granted);
        }
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("MaxUsage", granted * NS);
        return r;
    }

    private static JsonNode error(ObjectNode reply, String error) {
        reply.putNull("result");
        reply.put("error", error);
        return reply;
    }

    /** An error answer. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String m) {
            super(m);
        }
    }

    /** Requests received for {@code method}. */
    public long count(String method) {
        return requests.stream()
                .filter(r -> method.equals(r.path("method").asText()))
                .count();
    }

    @Override
    public void close() throws IOException {
        down();
    }
}
