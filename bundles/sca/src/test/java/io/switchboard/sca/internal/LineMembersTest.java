package io.switchboard.sca.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.sca.ScaException;
import io.switchboard.subscription.EventPackage;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The members of shared lines in table sca_line_member (H2), and the SCA packages' authorization by them. */
class LineMembersTest {

    private static JdbcDataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    @Test
    void addListRemove() throws Exception {
        JdbcDataSource ds = h2("members");
        LineMembers.migrate(ds);
        LineMembers members = new LineMembers(() -> ds);
        assertTrue(members.add("sca215@Example.org", "sip:alice@example.org"));
        assertFalse(members.add("sip:sca215@example.org", "alice@EXAMPLE.org"), "same AoRs, normalized");
        assertTrue(members.add("sca215@example.org", "bob@example.org"));
        assertEquals(List.of("alice@example.org", "bob@example.org"), members.list("sca215@example.org"));
        assertTrue(members.isMember("sca215@example.org", "bob@example.org"));
        assertFalse(members.isMember("sca215@example.org", "carol@example.org"));
        assertFalse(members.isMember("other@example.org", "bob@example.org"));
        assertTrue(members.remove("sca215@example.org", "bob@example.org"));
        assertFalse(members.remove("sca215@example.org", "bob@example.org"));
        assertEquals(List.of("alice@example.org"), members.list("sca215@example.org"));
        assertEquals(
                400,
                assertThrows(ScaException.class, () -> members.add("sca215", "alice@example.org"))
                        .status());
        assertEquals(
                400,
                assertThrows(ScaException.class, () -> members.add("sca215@example.org", " "))
                        .status());
        LineMembers.migrate(ds); // a restart: the table and its rows stay
        assertEquals(List.of("alice@example.org"), members.list("sca215@example.org"));
    }

    @Test
    void withoutDatabaseNobodyIsAMember() {
        LineMembers none = new LineMembers(() -> null);
        assertFalse(none.isMember("sca215@example.org", "alice@example.org"));
        assertEquals(
                503,
                assertThrows(ScaException.class, () -> none.list("sca215@example.org"))
                        .status());
    }

    /** call-info and line-seize: the line itself or a member; anybody else is refused by the layer (403). */
    @Test
    void packagesAuthorizeTheLineAndItsMembers() throws Exception {
        JdbcDataSource ds = h2("authorize");
        LineMembers.migrate(ds);
        LineMembers members = new LineMembers(() -> ds);
        members.add("sca215@example.org", "alice@example.org");
        ScaEngine engine = new ScaEngine(null, ScaConfig.from(Map.of()), System::currentTimeMillis, members);
        for (EventPackage p : List.of(engine.callInfo, engine.lineSeize)) {
            assertTrue(p.authorizes("alice@example.org", "sca215@example.org"), p.event());
            assertTrue(p.authorizes("sca215@example.org", "sca215@example.org"), p.event());
            assertFalse(p.authorizes("mallory@example.org", "sca215@example.org"), p.event());
            assertFalse(p.authorizes("alice@example.org", "sca216@example.org"), p.event());
        }
    }
}
