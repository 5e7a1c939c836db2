package io.switchboard.dialplan.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.dialplan.DialplanException;
import io.switchboard.dialplan.DialplanRule;
import io.switchboard.dialplan.Translation;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dial plan service on a real (in-memory H2) store: Kamailio's rule semantics, cache, reload, refusals. */
class DialplanServiceTest {

    JdbcDataSource ds;
    DialplanServiceComponent service;

    @BeforeEach
    void start() throws Exception {
        ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:dp" + ThreadLocalRandom.current().nextLong() + ";DB_CLOSE_DELAY=-1");
        service = new DialplanServiceComponent();
        service.dataSource = ds;
        service.activate();
    }

    static DialplanRule regex(int dpid, int pr, String match, String subst, String repl, String attrs) {
        return new DialplanRule(0, dpid, pr, DialplanRule.REGEX, match, 0, subst, repl, attrs);
    }

    @Test
    void rulesTranslateByPriorityWithBackReferences() throws Exception {
        service.add(regex(1, 10, "^00", "^00(.*)$", "+\\1", "intl"));
        DialplanRule germany = service.add(regex(1, 5, "^0049", "^0049(\\d+)$", "+49\\1", "de"));
        service.add(new DialplanRule(0, 1, 1, DialplanRule.EQUAL, "112", 0, "", "sos", "emergency"));
        service.add(regex(2, 0, "^[2-9]", "", "", "local"));
        Translation t = service.translate(1, "004930123456");
        assertEquals("+4930123456", t.output());
        assertEquals(germany.id(), t.rule().id(), "the lower pr wins");
        assertEquals("+3312345", service.translate(1, "003312345").output());
        assertEquals("sos", service.translate(1, "112").output(), "empty subst_exp: the output is repl_exp");
        assertEquals("2345", service.translate(2, "2345").output(), "both empty: the input is kept");
        assertEquals("local", service.translate(2, "2345").rule().attrs());
        assertNull(service.translate(1, "1234"));
        assertNull(service.translate(3, "004930"), "no such dial plan");
        assertEquals(
                List.of(1, 5, 10),
                service.rules(1).stream().map(DialplanRule::pr).toList());
    }

    @Test
    void matchLenAndPartialSubstitutionAsKamailio() throws Exception {
        service.add(new DialplanRule(0, 1, 0, DialplanRule.REGEX, "^0", 11, "^0", "+49", ""));
        assertEquals("+493012345678", service.translate(1, "03012345678").output());
        assertNull(service.translate(1, "030123"), "match_len 11 only");
    }

    @Test
    void badRulesAreRefusedWith400AndNothingIsStored() throws Exception {
        DialplanException bad =
                assertThrows(DialplanException.class, () -> service.add(regex(1, 0, "^(00", "", "", "")));
        assertEquals(400, bad.status());
        assertTrue(
                bad.getMessage().startsWith("match_exp is not a valid regular expression: Unclosed group"),
                bad.getMessage());
        assertEquals(
                400,
                assertThrows(DialplanException.class, () -> service.add(regex(1, 0, "^0", "[", "", "")))
                        .status());
        assertEquals(
                "repl_exp refers to \\2 but subst_exp has 1 group(s)",
                assertThrows(DialplanException.class, () -> service.add(regex(1, 0, "^0", "^0(.*)", "\\2", "")))
                        .getMessage());
        assertEquals(
                400,
                assertThrows(
                                DialplanException.class,
                                () -> service.add(new DialplanRule(0, 1, 0, 2, "0*", 0, "", "", "")))
                        .status(),
                "fnmatch (2) is not offered");
        assertEquals(0, service.reload(), "nothing stored");
    }

    @Test
    void removeAndReloadFollowTheDatabase() throws Exception {
        DialplanRule r = service.add(regex(1, 0, "^0", "^0", "+49", ""));
        try (Connection c = ds.getConnection();
                Statement st = c.createStatement()) {
            st.execute("INSERT INTO dialplan (dpid, pr, match_op, match_exp, match_len, subst_exp, repl_exp, attrs)"
                    + " VALUES (1, -1, 1, '^09', 0, '^09', '+4399', 'by sql')");
            st.execute("INSERT INTO dialplan (dpid, pr, match_op, match_exp) VALUES (1, -2, 1, '^(bad')");
        }
        assertEquals("+4991", service.translate(1, "091").output(), "not yet reloaded: the cache answers");
        assertEquals(2, service.reload(), "the bad row is left out");
        assertEquals("+43991", service.translate(1, "091").output());
        assertEquals("by sql", service.translate(1, "091").rule().attrs());
        service.remove(r.id());
        assertNull(service.translate(1, "030"), "removed: out of force at once");
        assertEquals(
                404,
                assertThrows(DialplanException.class, () -> service.remove(r.id()))
                        .status());
    }
}
