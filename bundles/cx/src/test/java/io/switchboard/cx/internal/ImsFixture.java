package io.switchboard.cx.internal;

import io.switchboard.cx.PrivateIdentity;
import io.switchboard.cx.PublicIdentity;
import io.switchboard.cx.Scscf;
import io.switchboard.cx.ServiceProfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An IMS store on a fresh in-memory H2 database with the bundle's migration, and the subscribers the tests share:
 * alice (SIP Digest and AKA of TS 35.208 test set 1; two IMPUs in one implicit set, a barred one), bob (Digest),
 * carol (profile with unregistered services), and a pool of two S-CSCFs.
 */
final class ImsFixture {

    static final String REALM = "ims.example.org";
    static final String ALICE = "alice@ims.example.org";
    static final String ALICE_SIP = "sip:alice@ims.example.org";
    static final String ALICE_TEL = "tel:+15551234";
    static final String ALICE_BARRED = "sip:alice-barred@ims.example.org";
    static final String BOB = "bob@ims.example.org";
    static final String BOB_SIP = "sip:bob@ims.example.org";
    static final String CAROL = "carol@ims.example.org";
    static final String CAROL_SIP = "sip:carol@ims.example.org";
    static final String SCSCF1 = "sip:scscf1.ims.example.org:6060";
    static final String SCSCF2 = "sip:scscf2.ims.example.org:6060";
    static final String K = "465b5ce8b199b49faa5f0a2ee238a6bc";
    static final String OPC = "cd63cb71954a9f4e48a5994e37a02baf";

    static final String UNREGISTERED_PROFILE = "<ServiceProfile><InitialFilterCriteria><Priority>1</Priority>"
            + "<TriggerPoint><ConditionTypeCNF>0</ConditionTypeCNF><SPT><Group>0</Group><SessionCase>2</SessionCase>"
            + "</SPT></TriggerPoint><ApplicationServer><ServerName>sip:voicemail@ims.example.org</ServerName>"
            + "</ApplicationServer><ProfilePartIndicator>1</ProfilePartIndicator></InitialFilterCriteria>"
            + "</ServiceProfile>";

    /**
     * With {@code -Dcx.test.pg=jdbc:postgresql://HOST:PORT/DB} (user and password {@code switchboard}, as the itests'
     * {@code cluster.sh} creates them) every fixture is a fresh schema of that PostgreSQL instead of H2.
     */
    static final String PG = System.getProperty("cx.test.pg", "");

    final DataSource ds;
    final JdbcImsStore store;

    ImsFixture() throws Exception {
        ds = PG.isEmpty() ? h2() : postgresql();
        CxServiceComponent.migrate(ds);
        store = new JdbcImsStore(ds);
        store.putServiceProfile(new ServiceProfile("default", exampleProfile(), List.of(1), List.of(7)));
        store.putServiceProfile(new ServiceProfile("vm", UNREGISTERED_PROFILE, List.of(), List.of()));
        store.putPrivateIdentity(new PrivateIdentity(ALICE, REALM, "secret", null, K, OPC, null, 0x40, false));
        store.putPrivateIdentity(
                new PrivateIdentity(BOB, REALM, null, "0123456789abcdef0123456789abcdef", null, null, null, 0, true));
        store.putPrivateIdentity(new PrivateIdentity(CAROL, REALM, "pw", null, null, null, null, 0, false));
        store.putPublicIdentity(new PublicIdentity(ALICE_SIP, false, "alice", "default", 0));
        store.putPublicIdentity(new PublicIdentity(ALICE_TEL, false, "alice", "default", 0));
        store.putPublicIdentity(new PublicIdentity(ALICE_BARRED, true, null, "default", 0));
        store.putPublicIdentity(new PublicIdentity(BOB_SIP, false, null, "default", 0));
        store.putPublicIdentity(new PublicIdentity(CAROL_SIP, false, null, "vm", 0));
        store.link(ALICE, ALICE_SIP);
        store.link(ALICE, ALICE_TEL);
        store.link(ALICE, ALICE_BARRED);
        store.link(BOB, BOB_SIP);
        store.link(CAROL, CAROL_SIP);
        store.putScscf(new Scscf(SCSCF2, "scscf2.ims.example.org", List.of(), 5));
        store.putScscf(new Scscf(SCSCF1, "scscf1.ims.example.org", List.of(1, 2), 10));
    }

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        return h2;
    }

    private static DataSource postgresql() throws SQLException {
        String schema = "cx_" + UUID.randomUUID().toString().replace("-", "");
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(PG);
        pg.setUser("switchboard");
        pg.setPassword("switchboard");
        try (Connection c = pg.getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        pg.setCurrentSchema(schema);
        return pg;
    }

    static String exampleProfile() throws IOException {
        try (InputStream in = ImsFixture.class.getClassLoader().getResourceAsStream("ifc/example-profile.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    HssEngine hss(boolean overwrite) {
        return hss(overwrite, RegistrationEvents.NONE);
    }

    HssEngine hss(boolean overwrite, RegistrationEvents events) {
        return new HssEngine(store, new HssConfig(List.of(REALM), "", 3, overwrite), new Random(7), events);
    }
}
