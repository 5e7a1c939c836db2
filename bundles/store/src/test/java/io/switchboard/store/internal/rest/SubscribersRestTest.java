package io.switchboard.store.internal.rest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.http.RestException;
import io.switchboard.store.DigestHashes;
import io.switchboard.store.Subscriber;
import io.switchboard.store.SubscriberStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class SubscribersRestTest {

    @Test
    void acceptsAValidSubscriber() {
        SubscriberInput in =
                SubscriberInput.from(Map.of("username", "alice", "domain", "Example.COM", "password", "s3cret pw"));
        assertEquals(new SubscriberInput("alice", "example.com", "s3cret pw"), in);
        assertEquals(
                "10.0.0.1",
                SubscriberInput.from(Map.of("username", "+4930_1", "domain", "10.0.0.1", "password", "x"))
                        .domain());
    }

    @Test
    void rejectsBadInputWithTheReason() {
        assertReason(400, "expected a JSON object", () -> SubscriberInput.from(List.of(1)));
        assertReason(400, "expected a JSON object", () -> SubscriberInput.from(null));
        assertReason(400, "username is required", () -> SubscriberInput.from(Map.of("domain", "d", "password", "p")));
        assertReason(
                400,
                "domain must be a string",
                () -> SubscriberInput.from(Map.of("username", "u", "domain", 5, "password", "p")));
        assertReason(
                400,
                "password must not be empty",
                () -> SubscriberInput.from(Map.of("username", "u", "domain", "d", "password", "")));
        assertReason(
                400,
                "username has characters",
                () -> SubscriberInput.from(Map.of("username", "a@b", "domain", "d", "password", "p")));
        assertReason(
                400,
                "username has characters",
                () -> SubscriberInput.from(Map.of("username", "a b", "domain", "d", "password", "p")));
        assertReason(
                400,
                "domain is not a host name",
                () -> SubscriberInput.from(Map.of("username", "u", "domain", "ex ample", "password", "p")));
        assertReason(
                400,
                "domain is not a host name",
                () -> SubscriberInput.from(Map.of("username", "u", "domain", "-x.com", "password", "p")));
        assertReason(
                400,
                "longer than 64",
                () -> SubscriberInput.from(Map.of("username", "u".repeat(65), "domain", "d", "password", "p")));
        assertReason(
                400,
                "control characters",
                () -> SubscriberInput.from(Map.of("username", "u", "domain", "d", "password", "a\nb")));
        assertArrayEquals(new String[] {"bob", "example.com"}, SubscriberInput.aor("sip:bob@EXAMPLE.com"));
        assertReason(400, "expected user@domain", () -> SubscriberInput.aor("bob"));
        assertReason(400, "expected user@domain", () -> SubscriberInput.aor("bob@"));
    }

    @Test
    void neverShowsSecrets() {
        Subscriber s = new Subscriber(
                "alice",
                "example.com",
                "pw",
                DigestHashes.ha1("MD5", "alice", "example.com", "pw"),
                DigestHashes.ha1("SHA-256", "alice", "example.com", "pw"));
        Map<String, Object> json = SubscribersRestRoutes.json(s);
        assertEquals(
                Map.of(
                        "aor",
                        "alice@example.com",
                        "username",
                        "alice",
                        "domain",
                        "example.com",
                        "secrets",
                        List.of("password", "ha1-md5", "ha1-sha256")),
                json);
        assertFalse(json.toString().contains(s.ha1Md5()));
    }

    @Test
    void putAnswers201ThenReplaces200AndDeleteUnknownIs404() throws Exception {
        SubscribersRestRoutes routes = new SubscribersRestRoutes();
        routes.store = new MemoryStore();
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            Exchange e = new DefaultExchange(ctx);
            e.getMessage()
                    .setBody(new HashMap<>(Map.of("username", "alice", "domain", "example.com", "password", "pw")));
            routes.put(e);
            assertEquals(201, e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
            assertEquals("/api/subscribers/alice@example.com", e.getMessage().getHeader("Location"));
            e.getMessage()
                    .setBody(new HashMap<>(Map.of("username", "alice", "domain", "example.com", "password", "pw2")));
            routes.put(e);
            assertEquals(200, e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
            assertEquals(
                    "pw2",
                    routes.store.find("alice", "example.com").orElseThrow().password());
            assertEquals("alice@example.com", routes.find("alice@EXAMPLE.com").aor());
            assertReason(404, "no subscriber bob@example.com", () -> routes.find("bob@example.com"));
        }
    }

    @Test
    void deletePassesEndCallsOnAndRefusesAnythingButTrueOrFalse() throws Exception {
        SubscribersRestRoutes routes = new SubscribersRestRoutes();
        MemoryStore store = new MemoryStore();
        routes.store = store;
        store.add("alice", "example.com", "pw");
        store.add("bob", "example.com", "pw");
        try (DefaultCamelContext ctx = new DefaultCamelContext()) {
            Exchange plain = delete(ctx, "alice@example.com", null);
            routes.delete(plain);
            assertEquals(204, plain.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
            Exchange ending = delete(ctx, "bob@example.com", "TRUE");
            routes.delete(ending);
            assertEquals(204, ending.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE));
            assertEquals(List.of("alice@example.com", "bob@example.com endCalls"), store.removals);

            store.add("carol", "example.com", "pw");
            assertReason(
                    400,
                    "endCalls must be true or false, got yes",
                    () -> routes.delete(delete(ctx, "carol@example.com", "yes")));
            assertTrue(store.find("carol", "example.com").isPresent(), "a refused DELETE removes nothing");
            assertReason(
                    404,
                    "no subscriber dave@example.com",
                    () -> routes.delete(delete(ctx, "dave@example.com", "false")));
        }
    }

    private static Exchange delete(DefaultCamelContext ctx, String aor, String endCalls) {
        Exchange e = new DefaultExchange(ctx);
        e.getMessage().setHeader("aor", aor);
        e.getMessage().setHeader("endCalls", endCalls);
        return e;
    }

    private static void assertReason(int status, String reason, Runnable r) {
        RestException e = assertThrows(RestException.class, r::run);
        assertEquals(status, e.status());
        assertEquals(true, e.getMessage().contains(reason), e.getMessage());
    }

    /** Just enough of a store for the REST logic. */
    private static final class MemoryStore implements SubscriberStore {
        private final Map<String, Subscriber> subscribers = new HashMap<>();
        final List<String> removals = new ArrayList<>();

        @Override
        public void add(String username, String domain, String password) {
            subscribers.put(username + "@" + domain, new Subscriber(username, domain, password, null, null));
        }

        @Override
        public boolean remove(String username, String domain, boolean endCalls) {
            removals.add(username + "@" + domain + (endCalls ? " endCalls" : ""));
            return subscribers.remove(username + "@" + domain) != null;
        }

        @Override
        public Optional<Subscriber> find(String username, String domain) {
            return Optional.ofNullable(subscribers.get(username + "@" + domain));
        }

        @Override
        public List<Subscriber> list() {
            return new ArrayList<>(subscribers.values());
        }
    }
}
