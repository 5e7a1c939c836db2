package io.switchboard.cgrates.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.switchboard.cgrates.CgratesClient;
import io.switchboard.cgrates.CgratesException;
import io.switchboard.events.publish.EventPublisher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One CDR event per CDR row delivered, duplicate or given up; none for a retry, a TerminateSession, or no bus. */
class CdrEventsTest {

    private static final AtomicInteger DBS = new AtomicInteger();
    private static final String CDR = "CDRsV1.ProcessEvent";

    private final List<Map<String, ?>> events = new ArrayList<>();
    /** The engine's answers, in order: null is a reply, else the error thrown. */
    private final Deque<CgratesException> answers = new ArrayDeque<>();

    private Outbox outbox;
    private OutboxSender sender;
    private long now = 1_000_000;

    @BeforeEach
    void setUp() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:cdrevents" + DBS.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        Outbox.migrate(ds);
        outbox = new Outbox(ds);
        sender = sender(new CdrEvents(
                EventPublisher.of((type, a) -> {
                    assertEquals(CdrEvents.TYPE, type);
                    events.add(a);
                }),
                CDR));
    }

    private OutboxSender sender(CdrEvents cdrEvents) {
        CgratesClient engine = new CgratesClient() {
            @Override
            public JsonNode call(String method, ObjectNode args) throws CgratesException {
                CgratesException e = answers.isEmpty() ? null : answers.poll();
                if (e != null) {
                    throw e;
                }
                return TextNode.valueOf("OK");
            }

            @Override
            public ObjectNode newArgs() {
                return JsonRpc.MAPPER.createObjectNode();
            }
        };
        return new OutboxSender(outbox, engine, 0, 0, 2, 1000, 3_600_000, () -> now, cdrEvents);
    }

    private void round() throws Exception {
        now += 10;
        sender.round();
    }

    @Test
    void aDeliveredCdr() throws Exception {
        outbox.add("call-1", CDR, "{}", now);
        round();
        assertEquals(List.of(Map.of("origin_id", "call-1", "outcome", "delivered", "attempts", 1)), events);
    }

    @Test
    void aDuplicateAfterARetry() throws Exception {
        outbox.add("call-2", CDR, "{}", now);
        answers.add(CgratesException.answered("SERVER_ERROR"));
        answers.add(CgratesException.answered("EXISTS"));
        round();
        assertEquals(List.of(), events, "a send to be retried is no event");
        round();
        assertEquals(List.of(Map.of("origin_id", "call-2", "outcome", "duplicate", "attempts", 2)), events);
    }

    @Test
    void givenUpAtMaxAttemptsAndAnUnreadableRow() throws Exception {
        outbox.add("call-3", CDR, "{}", now);
        answers.add(CgratesException.answered("SERVER_ERROR"));
        answers.add(CgratesException.answered("SERVER_ERROR"));
        round();
        round();
        outbox.add("call-4", CDR, "not json", now);
        round();
        assertEquals(
                List.of(
                        Map.of("origin_id", "call-3", "outcome", "failed", "attempts", 2),
                        Map.of("origin_id", "call-4", "outcome", "failed", "attempts", 1)),
                events);
    }

    @Test
    void anUnreachableEngineIsNeverGivenUp() throws Exception {
        outbox.add("call-5", CDR, "{}", now);
        answers.add(new CgratesException("no engine", true, null));
        answers.add(new CgratesException("no engine", true, null));
        round();
        round();
        assertEquals(List.of(), events);
    }

    @Test
    void aTerminateSessionRowIsNoCdrEvent() throws Exception {
        outbox.add("call-6", "SessionSv1.TerminateSession", "{}", now);
        outbox.add("call-6", CDR, "{}", now);
        round();
        assertEquals(List.of(Map.of("origin_id", "call-6", "outcome", "delivered", "attempts", 1)), events);
    }

    @Test
    void longCallIdsAreCut() throws Exception {
        outbox.add("c".repeat(300), CDR, "{}", now);
        round();
        assertEquals(EventPublisher.MAX_VALUE, ((String) events.get(0).get("origin_id")).length());
    }

    @Test
    void withoutTheBusNothingIsPublished() throws Exception {
        sender = sender(CdrEvents.NONE);
        outbox.add("call-7", CDR, "{}", now);
        round();
        assertEquals(List.of(), events);
        assertEquals(0, outbox.due(now + 10, 10).size(), "delivered all the same");
    }
}
