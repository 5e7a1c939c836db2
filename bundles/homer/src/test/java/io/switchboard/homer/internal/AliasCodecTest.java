package io.switchboard.homer.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.homer.HomerAlias;
import io.switchboard.homer.HomerException;
import io.switchboard.homer.HomerException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inventory's forms and checks, and Homer's list as the notes show it. */
class AliasCodecTest {

    @Test
    void theNotesExampleAndItsDefaults() {
        List<HomerAlias> l = AliasCodec.inventory("""
                [{"alias":"sbc-1","ip":"192.0.2.10","port":5060,"mask":32,"captureID":"0","status":true},
                 {"alias":"v6","ip":"2001:db8::5","port":0},
                 {"alias":"off","ip":"192.0.2.0","port":5060,"mask":24,"captureID":2001,"status":false}]
                """);
        assertEquals(new HomerAlias("sbc-1", "192.0.2.10", 5060, 32, "0", true), l.get(0));
        assertEquals(new HomerAlias("v6", "2001:db8::5", 0, 128, "0", true), l.get(1));
        assertEquals(new HomerAlias("off", "192.0.2.0", 5060, 24, "2001", false), l.get(2));
    }

    @Test
    void homersOwnShapeBytesAndSqlRows() {
        assertEquals(
                1,
                AliasCodec.inventory("{\"data\":[{\"alias\":\"a\",\"ip\":\"::1\",\"port\":1}]}")
                        .size());
        assertEquals(
                0, AliasCodec.inventory("[]".getBytes(StandardCharsets.UTF_8)).size());
        // a sql: row of H2: upper-case column names, the port as a number
        HomerAlias row = AliasCodec.inventory(List.of(Map.of("ALIAS", "pbx", "IP", "10.0.0.1", "PORT", 5060L)))
                .get(0);
        assertEquals(new HomerAlias("pbx", "10.0.0.1", 5060, 32, "0", true), row);
    }

    @Test
    void eachBadEntryIsRefusedByName() {
        assertBad("[{\"ip\":\"192.0.2.1\",\"port\":1}]", "inventory entry 1: \"alias\"");
        assertBad("[{\"alias\":\"x\",\"ip\":\"sbc.example.com\",\"port\":1}]", "entry 1 (x): \"ip\"");
        assertBad("[{\"alias\":\"x\",\"ip\":\"192.0.2.256\",\"port\":1}]", "\"ip\"");
        assertBad("[{\"alias\":\"x\",\"ip\":\"192.0.2.1\"}]", "\"port\"");
        assertBad("[{\"alias\":\"x\",\"ip\":\"192.0.2.1\",\"port\":70000}]", "\"port\"");
        assertBad(
                "[{\"alias\":\"x\",\"ip\":\"192.0.2.1\",\"port\":1,\"mask\":33}]",
                "\"mask\" must be a number from 0 to 32");
        assertBad("[{\"alias\":\"x\",\"ip\":\"::1\",\"port\":1,\"mask\":129}]", "0 to 128");
        assertBad("[{\"alias\":\"x\",\"ip\":\"::1\",\"port\":1,\"captureID\":\"123456789012345678901\"}]", "captureID");
        assertBad("[{\"alias\":\"x\",\"ip\":\"::1\",\"port\":1,\"status\":\"yes\"}]", "\"status\"");
        assertBad("[1]", "entry 1 is not a JSON object");
        assertBad("{\"alias\":\"x\"}", "must be a JSON array");
        assertBad("[{\"alias\":\"x\",", "not valid JSON");
        assertBad("", "empty");
        assertBad(42, "Integer");
    }

    @Test
    void homersListNeedsItsDataArray() {
        List<StoredAlias> l = AliasCodec.stored("{\"data\":[{\"id\":1,\"guid\":\"g\",\"alias\":\"a\",\"ip\":\"::1\","
                + "\"port\":5060,\"mask\":128,\"captureID\":\"0\",\"status\":true}]}");
        assertEquals(new StoredAlias("g", new HomerAlias("a", "::1", 5060, 128, "0", true)), l.get(0));
        assertEquals(0, AliasCodec.stored("{\"data\":null}").size());
        HomerException e = assertThrows(HomerException.class, () -> AliasCodec.stored("<html>"));
        assertEquals(Kind.BAD_ANSWER, e.kind());
        assertEquals(
                Kind.BAD_ANSWER,
                assertThrows(HomerException.class, () -> AliasCodec.stored("{}"))
                        .kind());
        assertEquals(
                Kind.BAD_ANSWER,
                assertThrows(HomerException.class, () -> AliasCodec.stored("{\"data\":[{\"alias\":\"a\"}]}"))
                        .kind());
    }

    @Test
    void theBodyIsTheNotesAliasObject() {
        String body = AliasCodec.body(new HomerAlias("sbc-1", "192.0.2.10", 5060, 32, "0", true), null);
        assertEquals(
                "{\"alias\":\"sbc-1\",\"ip\":\"192.0.2.10\",\"port\":5060,\"mask\":32,"
                        + "\"captureID\":\"0\",\"status\":true}",
                body);
        assertTrue(AliasCodec.body(new HomerAlias("a", "::1", 1, 128, "0", false), "g-1")
                .startsWith("{\"guid\":\"g-1\""));
    }

    private static void assertBad(Object inventory, String says) {
        HomerException e = assertThrows(HomerException.class, () -> AliasCodec.inventory(inventory));
        assertEquals(Kind.INVENTORY, e.kind());
        assertTrue(e.getMessage().contains(says), e.getMessage());
    }
}
