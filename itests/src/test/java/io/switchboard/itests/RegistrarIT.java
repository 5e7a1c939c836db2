package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.itests.Sipp.Transport;
import io.switchboard.registrar.ContactBinding;
import io.switchboard.registrar.DigestAuthenticator;
import io.switchboard.registrar.LocationService;
import io.switchboard.registrar.RegistrarHeaders;
import io.switchboard.store.DigestHashes;
import io.switchboard.store.SubscriberStore;
import java.io.File;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.inject.Inject;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.junit.Assume;
import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;

/**
 * The store and the registrar in the running distribution: subscribers through the API and the shell,
 * REGISTER with digest authentication on the wire (SIPp for MD5, a hand-made SHA-256 REGISTER over UDP),
 * 403/423/Contact: *, location:lookup in the platform context and registrar:list.
 */
public class RegistrarIT extends SwitchboardTestSupport {

    @Inject
    @Filter(timeout = 60_000)
    protected SubscriberStore subscribers;

    @Inject
    @Filter(timeout = 60_000)
    protected LocationService location;

    @Inject
    @Filter(value = "(dataSourceName=switchboard)", timeout = 60_000)
    protected DataSource dataSource;

    /** registrar:save serves REGISTER once sip.xml is loaded (it is loaded when every component it names is there). */
    private void awaitRegistrar() throws InterruptedException {
        await(
                "sip.xml LOADED with registrar:save (" + routeFiles.status() + ")",
                () -> fileStatus("sip.xml")
                                .map(s -> s.state() == RouteFileStatus.State.LOADED)
                                .orElse(false)
                        && context.getComponent("registrar") != null
                        && context.getComponent("location") != null);
    }

    @Test
    public void theStoreIsOneH2FileDataSource() throws Exception {
        Assume.assumeTrue(
                "the run on H2 (the default store)", System.getProperty(SwitchboardConfiguration.DB_URL) == null);
        try (var c = dataSource.getConnection()) {
            assertEquals("H2", c.getMetaData().getDatabaseProductName());
            assertTrue(c.getMetaData().getURL(), c.getMetaData().getURL().contains("switchboard"));
        }
        assertTrue(new File(System.getProperty("karaf.data"), "switchboard/switchboard.mv.db").isFile());
    }

    /**
     * The run against PostgreSQL (failsafe execution "postgresql"): the store is that database, migrated per module.
     */
    @Test
    public void theStoreIsThePostgreSqlOfTheConfiguration() throws Exception {
        String url = System.getProperty(SwitchboardConfiguration.DB_URL);
        Assume.assumeTrue("the run on PostgreSQL", url != null);
        try (var c = dataSource.getConnection()) {
            assertEquals("PostgreSQL", c.getMetaData().getDatabaseProductName());
            assertTrue(
                    c.getMetaData().getDatabaseProductVersion(), c.getMetaData().getDatabaseMajorVersion() >= 15);
            assertTrue(c.getMetaData().getURL(), c.getMetaData().getURL().startsWith(url));
            try (var st = c.createStatement();
                    var rs = st.executeQuery(
                            "SELECT module, MAX(version) FROM switchboard_schema_history GROUP BY module ORDER BY "
                                    + "module")) {
                StringBuilder modules = new StringBuilder();
                while (rs.next()) {
                    modules.append(rs.getString(1))
                            .append('=')
                            .append(rs.getInt(2))
                            .append(' ');
                }
                assertEquals(
                        "cgrates=1 cx=1 dfks=1 dialog=1 dialplan=1 pickup=1 registrar=1 sca=1 store=1 subscription=1",
                        modules.toString().trim());
            }
        }
    }

    @Test
    public void subscriberShellCommands() throws Exception {
        String add = executeCommand("subscriber:add shelluser@example.org pw1");
        assertTrue(add, add.contains("Added shelluser@example.org"));
        assertEquals(
                "pw1",
                subscribers.find("shelluser", "example.org").orElseThrow().password());
        String list = executeCommand("subscriber:list");
        assertTrue(list, list.contains("shelluser@example.org password ha1-md5 ha1-sha256"));
        String remove = executeCommand("subscriber:remove shelluser@example.org");
        assertTrue(remove, remove.contains("Removed"));
        assertTrue(subscribers.find("shelluser", "example.org").isEmpty());
        assertTrue(executeCommand("subscriber:list").lines().noneMatch(l -> l.startsWith("shelluser@")));
    }

    @Test
    public void registerWithMd5DigestThenLookupAndList() throws Exception {
        awaitRegistrar();
        subscribers.add("alice", "127.0.0.1", "secret");
        assertSucceeded(Sipp.run(
                "register-alice",
                "register-digest.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "alice",
                "-au",
                "alice",
                "-ap",
                "secret"));
        List<ContactBinding> contacts = location.lookup("alice@127.0.0.1");
        assertEquals(contacts.toString(), 1, contacts.size());
        assertTrue(contacts.get(0).uri(), contacts.get(0).uri().startsWith("sip:alice@127.0.0.1:"));
        assertEquals("switchboard-itests", contacts.get(0).userAgent());

        // location:lookup in the platform context: targets and the rewritten Request-URI
        ProducerTemplate template = context.createProducerTemplate();
        try {
            Exchange ex = template.request(
                    "location:lookup", e -> e.getIn().setHeader("SipRequestUri", "sip:alice@127.0.0.1"));
            assertNull(ex.getIn().getHeader("SipStatus"));
            assertEquals(List.of(contacts.get(0).uri()), ex.getIn().getHeader(RegistrarHeaders.TARGETS));
            assertEquals(contacts.get(0).uri(), ex.getIn().getHeader("SipRequestUri"));
            subscribers.add("idle", "127.0.0.1", "x");
            // an authenticated caller (SipAuthUser) is told 480 (not registered) and 404 (no subscriber) apart
            ex = template.request("location:lookup", e -> {
                e.getIn().setHeader("SipRequestUri", "sip:idle@127.0.0.1");
                e.getIn().setHeader(RegistrarHeaders.AUTH_USER, "alice@127.0.0.1");
            });
            assertEquals(480, ex.getIn().getHeader("SipStatus", Integer.class).intValue());
            ex = template.request("location:lookup", e -> {
                e.getIn().setHeader("SipRequestUri", "sip:nobody@127.0.0.1");
                e.getIn().setHeader(RegistrarHeaders.AUTH_USER, "alice@127.0.0.1");
            });
            assertEquals(404, ex.getIn().getHeader("SipStatus", Integer.class).intValue());
            // anyone else gets lookup_failure_status (404) for both (README "Security")
            ex = template.request("location:lookup", e -> e.getIn().setHeader("SipRequestUri", "sip:idle@127.0.0.1"));
            assertEquals(404, ex.getIn().getHeader("SipStatus", Integer.class).intValue());
        } finally {
            template.stop();
        }

        String out = executeCommand("registrar:list");
        assertTrue(
                out,
                out.lines()
                        .anyMatch(l -> l.startsWith("alice@127.0.0.1")
                                && l.contains(contacts.get(0).uri())
                                && l.contains("switchboard-itests")
                                && l.contains("udp:127.0.0.1:")));

        // persisted (written behind within about a second)
        await("alice's contact in table registrar_contact", () -> {
            try (var c = dataSource.getConnection();
                    var ps =
                            c.prepareStatement("SELECT COUNT(*) FROM registrar_contact WHERE aor = 'alice@127.0.0.1'");
                    var rs = ps.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    public void wrongPasswordAndUnknownUserGet403() throws Exception {
        awaitRegistrar();
        subscribers.add("bob", "127.0.0.1", "right");
        assertSucceeded(Sipp.run(
                "register-wrong-password",
                "register-digest-403.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "bob",
                "-au",
                "bob",
                "-ap",
                "wrong"));
        assertSucceeded(Sipp.run(
                "register-unknown-user",
                "register-digest-403.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "nobody",
                "-au",
                "nobody",
                "-ap",
                "x"));
        assertTrue(location.lookup("bob@127.0.0.1").isEmpty());
        assertTrue(location.lookup("nobody@127.0.0.1").isEmpty());
    }

    @Test
    public void expiresBelowMinimumGets423() throws Exception {
        awaitRegistrar();
        subscribers.add("carol", "127.0.0.1", "pw");
        assertSucceeded(Sipp.run(
                "register-423",
                "register-423.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "carol",
                "-au",
                "carol",
                "-ap",
                "pw"));
        assertTrue(location.lookup("carol@127.0.0.1").isEmpty());
    }

    @Test
    public void contactStarRemovesEveryContactOverUdpAndTcp() throws Exception {
        awaitRegistrar();
        subscribers.add("dave", "127.0.0.1", "pw");
        for (Transport t : Transport.values()) {
            assertSucceeded(Sipp.run(
                    "register-star", "register-star.xml", t, sipPort(), 1, "-s", "dave", "-au", "dave", "-ap", "pw"));
            assertTrue(
                    location.lookup("dave@127.0.0.1").toString(),
                    location.lookup("dave@127.0.0.1").isEmpty());
        }
    }

    /** The default challenge is MD5 alone; SHA-256 credentials on its nonce get 400, over UDP and TCP. */
    @Test
    public void algorithmNotOfferedGets400() throws Exception {
        awaitRegistrar();
        subscribers.add("fred", "127.0.0.1", "pw");
        for (Transport t : Transport.values()) {
            assertSucceeded(Sipp.run(
                    "register-algorithm-not-offered",
                    "register-algorithm-not-offered.xml",
                    t,
                    sipPort(),
                    1,
                    "-s",
                    "fred"));
        }
        assertTrue(location.lookup("fred@127.0.0.1").isEmpty());
    }

    /**
     * SIPp only does MD5: with {@code algorithms = MD5,SHA-256} set through Config Admin, a SHA-256 REGISTER made by
     * hand over UDP, answered 200 with the contact; the default (MD5 alone) is put back.
     */
    @Test
    public void registerWithSha256Digest() throws Exception {
        awaitRegistrar();
        subscribers.add("erin", "127.0.0.1", "sha-pass");
        configure(REGISTRAR_PID, "algorithms", "MD5,SHA-256");
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(5000);
            int local = socket.getLocalPort();
            String callId = UUID.randomUUID() + "@127.0.0.1";
            String contact = "sip:erin@127.0.0.1:" + local;
            String[] firstHolder = new String[1];
            int[] cseq = {0};
            await("SHA-256 offered after the settings change", () -> {
                try {
                    firstHolder[0] = send(socket, register(local, callId, ++cseq[0], contact, null));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return firstHolder[0].contains("algorithm=SHA-256");
            });
            String first = firstHolder[0];
            assertTrue(first, first.startsWith("SIP/2.0 401"));
            String challenge = first.lines()
                    .filter(l -> l.startsWith("WWW-Authenticate:") && l.contains("algorithm=SHA-256"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no SHA-256 challenge in\n" + first));
            Map<String, String> p = DigestAuthenticator.parse(challenge.substring("WWW-Authenticate:".length()));
            String uri = "sip:127.0.0.1:" + sipPort();
            String ha1 = DigestHashes.ha1("SHA-256", "erin", p.get("realm"), "sha-pass");
            String response = DigestAuthenticator.response(
                    "SHA-256", ha1, p.get("nonce"), "00000001", "abc123", "auth", "REGISTER", uri);
            String auth = "Digest username=\"erin\", realm=\"" + p.get("realm") + "\", nonce=\"" + p.get("nonce")
                    + "\", uri=\"" + uri + "\", response=\"" + response
                    + "\", algorithm=SHA-256, qop=auth, nc=00000001, cnonce=\"abc123\"";
            String second = send(socket, register(local, callId, ++cseq[0], contact, auth));
            assertTrue(second, second.startsWith("SIP/2.0 200"));
            assertTrue(second, second.contains("<" + contact + ">;expires="));
            assertEquals(contact, location.lookup("erin@127.0.0.1").get(0).uri());
            // the same credentials again (nonce-count not higher): a replay, challenged with stale=true
            String replay = send(socket, register(local, callId, ++cseq[0], contact, auth));
            assertTrue(replay, replay.startsWith("SIP/2.0 401") && replay.contains("stale=true"));
        } finally {
            configure(REGISTRAR_PID, "algorithms", "MD5");
        }
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            socket.setSoTimeout(5000);
            int local = socket.getLocalPort();
            String callId = UUID.randomUUID() + "@127.0.0.1";
            int[] cseq = {0};
            await("MD5 alone offered again", () -> {
                try {
                    return !send(socket, register(local, callId, ++cseq[0], "sip:erin@127.0.0.1:" + local, null))
                            .contains("SHA-256");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
    }

    private String register(int localPort, String callId, int cseq, String contact, String authorization) {
        return "REGISTER sip:127.0.0.1:" + sipPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK"
                + UUID.randomUUID().toString().replace("-", "") + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:erin@127.0.0.1>;tag=t" + localPort + "\r\n"
                + "To: <sip:erin@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " REGISTER\r\n"
                + "Contact: <" + contact + ">\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Expires: 300\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** Sends a request and returns the first final response (bounded: 5 s per datagram, at most 10 datagrams). */
    private String send(DatagramSocket socket, String request) throws Exception {
        byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), sipPort()));
        byte[] buf = new byte[65535];
        for (int i = 0; i < 10; i++) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                fail("no final response to\n" + request);
            }
            String response = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            if (!response.startsWith("SIP/2.0 1")) {
                return response;
            }
        }
        fail("only provisional responses to\n" + request);
        return null;
    }
}
