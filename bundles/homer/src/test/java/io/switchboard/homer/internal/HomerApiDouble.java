package io.switchboard.homer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A homer-app REST API (Homer 7) on loopback, written from /work/shared/reference/hep.md §3 and its corrections:
 * {@code POST /api/v3/auth} answers 201 with a token (401 for a wrong password, 400 for a malformed body); every
 * {@code /api/v3/alias} call needs {@code Authorization: Bearer}: none is 400 ("missing or malformed jwt"), an unknown
 * or expired token 401; GET lists {@code {"data": [...]}} sorted by guid with status 201; POST, PUT and DELETE need an
 * admin (403 otherwise), validate the alias object (400 with the validator's message), answer 201 with
 * {@code {"data": guid, "message": ...}}, and an unknown guid still gets 201 with empty data and changes nothing.
 * Aliases are not unique: a POST always adds one. For failures: {@link #expireTokens()}, {@link #failNext},
 * {@link #garbleNext}, {@link #ignoreWrites}.
 */
public final class HomerApiDouble implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerSocket server;
    private final Thread acceptor;
    private final Map<String, Boolean> users = new ConcurrentHashMap<>();
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, Boolean> tokens = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> aliases = new TreeMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger logins = new AtomicInteger();
    private volatile int failNext;
    private volatile int failStatus;
    private volatile int garbleNext;
    private volatile boolean ignoreWrites;

    public HomerApiDouble() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        addUser("admin", "sipcapture", true);
        acceptor = new Thread(this::accept, "homer-api-double");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT}, for {@code api.url}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    public void addUser(String name, String password, boolean admin) {
        users.put(name, admin);
        passwords.put(name, password);
    }

    /** Every token issued so far stops being valid (its JWT expired): the next call with it gets 401. */
    public void expireTokens() {
        tokens.clear();
    }

    /** The next {@code count} alias calls answer {@code status} (a 5xx of a Homer in trouble). */
    public void failNext(int count, int status) {
        failStatus = status;
        failNext = count;
    }

    /** The next {@code count} alias calls answer 201 with a body that is not JSON. */
    public void garbleNext(int count) {
        garbleNext = count;
    }

    /** POST, PUT and DELETE answer 201 as usual but change nothing (a Homer that loses writes). */
    public void ignoreWrites(boolean ignore) {
        ignoreWrites = ignore;
    }

    /** Adds an alias as if created from Homer's UI; answers its guid. */
    public synchronized String put(String alias, String ip, int port, int mask, String captureId, boolean status) {
        ObjectNode o = JSON.createObjectNode();
        o.put("alias", alias).put("ip", ip).put("port", port).put("mask", mask);
        o.put("captureID", captureId).put("status", status);
        return store(null, o);
    }

    /** The aliases, in guid order, as {@code alias ip:port/mask captureID status} lines. */
    public synchronized List<String> aliases() {
        List<String> out = new ArrayList<>();
        for (ObjectNode o : aliases.values()) {
            out.add(o.path("alias").asText() + " " + o.path("ip").asText() + ":"
                    + o.path("port").asInt() + "/" + o.path("mask").asInt() + " "
                    + o.path("captureID").asText() + " " + o.path("status").asBoolean());
        }
        return out;
    }

    /** Every request received, as {@code METHOD path}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The writes (POST, PUT, DELETE of aliases) received so far. */
    public long writes() {
        return requests.stream()
                .filter(r -> r.contains("/api/v3/alias") && !r.startsWith("GET"))
                .count();
    }

    /** Successful logins so far. */
    public int logins() {
        return logins.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                serve(s);
            } catch (IOException e) {
                // closed, or a client gone half-way: serve the next one
            }
        }
    }

    private void serve(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        String head = readHead(in);
        if (head == null) {
            return;
        }
        String[] lines = head.split("\r\n");
        String[] start = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int c = lines[i].indexOf(':');
            if (c > 0) {
                headers.put(
                        lines[i].substring(0, c).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(c + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        requests.add(start[0] + " " + start[1]);
        Object[] answer = answer(start[0], start[1], headers, body);
        String text = answer[1] instanceof String str ? str : answer[1].toString();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 " + answer[0] + " X\r\nContent-Type: application/json; charset=UTF-8\r\nContent-Length: "
                        + bytes.length + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            String s = b.toString(StandardCharsets.US_ASCII);
            if (s.endsWith("\r\n\r\n")) {
                return s.substring(0, s.length() - 4);
            }
        }
        return null;
    }

    private Object[] answer(String method, String path, Map<String, String> headers, String body) {
        if (path.equals("/api/v3/auth") && method.equals("POST")) {
            return login(body);
        }
        if (!path.equals("/api/v3/alias") && !path.startsWith("/api/v3/alias/")) {
            return error(404, "Not Found", "no route " + path);
        }
        String auth = headers.get("authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            return error(400, "Bad Request", "missing or malformed jwt");
        }
        Boolean admin = tokens.get(auth.substring(7));
        if (admin == null) {
            return error(401, "Unauthorized", "invalid or expired jwt");
        }
        if (failNext > 0) {
            failNext--;
            return error(failStatus, "Server Error", "the database is down");
        }
        if (garbleNext > 0) {
            garbleNext--;
            return new Object[] {201, "<html>proxy error</html>"};
        }
        if (method.equals("GET") && path.equals("/api/v3/alias")) {
            return list();
        }
        if (!admin) {
            return error(403, "Forbidden", "not an admin");
        }
        String guid = path.length() > "/api/v3/alias/".length() ? path.substring("/api/v3/alias/".length()) : null;
        return switch (method) {
            case "POST" -> guid == null ? write(null, body, "created") : error(405, "Method Not Allowed", path);
            case "PUT" -> guid == null ? error(405, "Method Not Allowed", path) : write(guid, body, "updated");
            case "DELETE" -> guid == null ? error(405, "Method Not Allowed", path) : delete(guid);
            default -> error(405, "Method Not Allowed", path);
        };
    }

    private Object[] login(String body) {
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "Bad Request", "malformed body");
        }
        if (n == null || !n.path("username").isTextual() || !n.path("password").isTextual()) {
            return error(400, "Bad Request", "username and password are required");
        }
        String user = n.get("username").asText();
        if (!n.get("password").asText().equals(passwords.get(user))) {
            return error(401, "Unauthorized", "User or password is not correct");
        }
        String token = "jwt-" + UUID.randomUUID();
        tokens.put(token, users.get(user));
        logins.incrementAndGet();
        ObjectNode o = JSON.createObjectNode()
                .put("token", token)
                .put("scope", UUID.randomUUID().toString());
        o.putObject("user").put("admin", users.get(user));
        return new Object[] {201, o};
    }

    private synchronized Object[] list() {
        ArrayNode data = JSON.createArrayNode();
        aliases.values().forEach(data::add);
        ObjectNode o = JSON.createObjectNode();
        o.set("data", data);
        return new Object[] {201, o};
    }

    private synchronized Object[] write(String guid, String body, String what) {
        JsonNode n;
        try {
            n = JSON.readTree(body);
        } catch (IOException e) {
            return error(400, "Bad Request", "malformed body");
        }
        String invalid = invalid(n);
        if (invalid != null) {
            return error(400, "Bad Request", invalid);
        }
        ObjectNode o = JSON.createObjectNode();
        for (String f : List.of("alias", "ip", "port", "mask", "captureID", "status")) {
            o.set(f, n.get(f));
        }
        String result = "";
        if (guid == null) {
            result = ignoreWrites ? UUID.randomUUID().toString() : store(null, o);
        } else if (aliases.containsKey(guid) && !ignoreWrites) {
            result = store(guid, o);
        }
        return new Object[] {
            201, JSON.createObjectNode().put("data", result).put("message", "successfully " + what + " alias")
        };
    }

    private synchronized Object[] delete(String guid) {
        boolean known = !ignoreWrites && aliases.remove(guid) != null;
        return new Object[] {
            201, JSON.createObjectNode().put("data", known ? guid : "").put("message", "successfully deleted alias")
        };
    }

    private String store(String guid, ObjectNode o) {
        String g = guid == null ? UUID.randomUUID().toString() : guid;
        int id = guid == null
                ? ids.incrementAndGet()
                : aliases.get(guid).path("id").asInt();
        ObjectNode stored = JSON.createObjectNode().put("id", id).put("guid", g);
        stored.setAll(o);
        aliases.put(g, stored);
        return g;
    }

    /** What homer-app's validator says about an alias object, or null when it is valid. */
    private static String invalid(JsonNode n) {
        if (n == null || !n.isObject()) {
            return "body must be an alias object";
        }
        for (String f : Set.of("alias", "ip", "port", "mask", "captureID", "status")) {
            if (!n.has(f) || n.get(f).isNull()) {
                return "Key: 'AliasStruct." + f + "' Error:Field validation for '" + f
                        + "' failed on the 'required' tag";
            }
        }
        if (!n.get("alias").isTextual() || n.get("alias").asText().length() > 250) {
            return "alias must be a string of at most 250 characters";
        }
        if (!n.get("captureID").isTextual() || n.get("captureID").asText().length() > 20) {
            return "captureID must be a string of at most 20 characters";
        }
        if (!n.get("port").isInt() || !n.get("mask").isInt() || !n.get("status").isBoolean()) {
            return "port and mask must be integers, status a boolean";
        }
        if (!n.get("ip").isTextual() || !isIp(n.get("ip").asText())) {
            return "Key: 'AliasStruct.IP' Error:Field validation for 'IP' failed on the 'ip' tag";
        }
        return null;
    }

    /** Go's net.ParseIP: a dotted IPv4 or an IPv6 literal, never a name. */
    private static boolean isIp(String s) {
        if (s.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
            return true;
        }
        if (!s.contains(":") || !s.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(s).getAddress().length == 16;
        } catch (IOException e) {
            return false;
        }
    }

    private static Object[] error(int status, String error, String message) {
        return new Object[] {
            status,
            JSON.createObjectNode()
                    .put("statuscode", status)
                    .put("error", error)
                    .put("message", message)
        };
    }
}
