package io.switchboard.homer.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.homer.HomerAlias;
import io.switchboard.homer.HomerException;
import io.switchboard.homer.HomerException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Aliases in and out of JSON: the inventory (whatever its route returns: JSON text, or a list of maps such as a
 * {@code sql:} query gives), Homer's answer to {@code GET /api/v3/alias} and the bodies of {@code POST}/{@code PUT}.
 * The inventory is checked as strictly as Homer's validator would, so a bad entry is refused here, by name, before
 * anything is sent, instead of failing half-way through a sync.
 */
final class AliasCodec {

    static final ObjectMapper JSON = new ObjectMapper();

    private AliasCodec() {}

    /**
     * The inventory: a JSON array of alias objects, or an object whose {@code data} (Homer's own shape) or
     * {@code aliases} is that array. Field names are matched without case ({@code CAPTUREID} of a SQL column).
     * Defaults: {@code mask} 32 (IPv4) or 128 (IPv6), {@code captureID} "0", {@code status} true.
     */
    static List<HomerAlias> inventory(Object body) {
        JsonNode root = tree(body);
        JsonNode list = root;
        if (root.isObject()) {
            list = root.has("data") ? root.get("data") : root.path("aliases");
        }
        if (!list.isArray()) {
            throw bad("the inventory must be a JSON array of aliases (or {\"data\": [...]}), got " + kindOf(root));
        }
        List<HomerAlias> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(entry(list.get(i), "inventory entry " + (i + 1)));
        }
        return out;
    }

    private static HomerAlias entry(JsonNode n, String where) {
        if (!n.isObject()) {
            throw bad(where + " is not a JSON object");
        }
        Map<String, JsonNode> f = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            f.put(e.getKey(), e.getValue());
        }
        String alias = text(f.get("alias"));
        if (alias == null || alias.isBlank() || alias.length() > 250) {
            throw bad(where + ": \"alias\" must be a name of 1 to 250 characters");
        }
        where = where + " (" + alias + ")";
        String ip = text(f.get("ip"));
        String canonical = IpLiteral.canonical(ip);
        if (canonical == null) {
            throw bad(where + ": \"ip\" must be an IPv4 or IPv6 address, got " + f.get("ip"));
        }
        Integer port = integer(f.get("port"));
        if (port == null || port < 0 || port > 65535) {
            throw bad(where + ": \"port\" must be a number from 0 to 65535 (0: any port), got " + f.get("port"));
        }
        int widest = IpLiteral.hostMask(canonical);
        Integer mask = f.containsKey("mask") && !f.get("mask").isNull() ? integer(f.get("mask")) : widest;
        if (mask == null || mask < 0 || mask > widest) {
            throw bad(where + ": \"mask\" must be a number from 0 to " + widest + ", got " + f.get("mask"));
        }
        JsonNode c = f.get("captureID");
        String captureId = c == null || c.isNull() ? "0" : c.isIntegralNumber() ? c.asText() : text(c);
        if (captureId == null || captureId.isEmpty() || captureId.length() > 20) {
            throw bad(where + ": \"captureID\" must be a text of 1 to 20 characters, got " + c);
        }
        Boolean status = bool(f.get("status"));
        if (status == null) {
            throw bad(where + ": \"status\" must be true or false, got " + f.get("status"));
        }
        return new HomerAlias(alias, ip.strip(), port, mask, captureId, status);
    }

    /** Homer's answer to {@code GET /api/v3/alias}: {@code {"data": [alias...]}}, each with its guid. */
    static List<StoredAlias> stored(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new HomerException(Kind.BAD_ANSWER, "Homer's alias list is not JSON: " + e.getOriginalMessage());
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !(data.isArray() || data.isNull())) {
            throw new HomerException(Kind.BAD_ANSWER, "Homer's alias list has no \"data\" array: " + clip(body));
        }
        List<StoredAlias> out = new ArrayList<>();
        for (JsonNode n : data) {
            String guid = text(n.get("guid"));
            Integer port = integer(n.get("port"));
            Integer mask = integer(n.get("mask"));
            JsonNode c = n.get("captureID");
            if (guid == null || guid.isEmpty() || port == null || mask == null || text(n.get("ip")) == null) {
                throw new HomerException(Kind.BAD_ANSWER, "Homer listed an alias without guid, ip, port or mask: " + n);
            }
            Boolean status = bool(n.get("status"));
            out.add(new StoredAlias(
                    guid,
                    new HomerAlias(
                            String.valueOf(text(n.get("alias"))),
                            text(n.get("ip")),
                            port,
                            mask,
                            c == null || c.isNull() ? "" : c.asText(),
                            status != null && status)));
        }
        return out;
    }

    /** The body of a POST or PUT: the alias object of the notes ({@code guid} added for a PUT). */
    static String body(HomerAlias a, String guid) {
        ObjectNode o = JSON.createObjectNode();
        if (guid != null) {
            o.put("guid", guid);
        }
        o.put("alias", a.alias());
        o.put("ip", a.ip());
        o.put("port", a.port());
        o.put("mask", a.mask());
        o.put("captureID", a.captureID());
        o.put("status", a.status());
        return o.toString();
    }

    private static JsonNode tree(Object body) {
        try {
            if (body instanceof JsonNode n) {
                return n;
            }
            if (body instanceof String s) {
                return readText(s);
            }
            if (body instanceof byte[] b) {
                return readText(new String(b, StandardCharsets.UTF_8));
            }
            if (body instanceof InputStream in) {
                return readText(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            if (body instanceof List<?> || body instanceof Map<?, ?>) {
                return JSON.valueToTree(body);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw bad("the inventory could not be read: " + e.getMessage());
        }
        throw bad("the inventory route returned "
                + (body == null ? "no body" : body.getClass().getSimpleName())
                + ", not JSON text or a list of aliases");
    }

    private static JsonNode readText(String s) {
        try {
            JsonNode n = JSON.readTree(s);
            if (n == null || n.isMissingNode()) {
                throw bad("the inventory is empty (an inventory without aliases is [])");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw bad("the inventory is not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        }
    }

    private static String text(JsonNode n) {
        return n != null && n.isTextual() ? n.asText() : null;
    }

    private static Integer integer(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return n.asInt();
        }
        if (n.isTextual() && n.asText().strip().matches("\\d{1,9}")) {
            return Integer.valueOf(n.asText().strip());
        }
        return null;
    }

    private static Boolean bool(JsonNode n) {
        if (n == null || n.isNull()) {
            return Boolean.TRUE;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isTextual() && (n.asText().equalsIgnoreCase("true") || n.asText().equalsIgnoreCase("false"))) {
            return Boolean.valueOf(n.asText());
        }
        return null;
    }

    private static String kindOf(JsonNode n) {
        return n.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    static String clip(String s) {
        String t = s == null ? "" : s.strip();
        return t.length() > 200 ? t.substring(0, 200) + "..." : t;
    }

    private static HomerException bad(String message) {
        return new HomerException(Kind.INVENTORY, message);
    }
}
