package io.switchboard.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.itests.Sipp.Logged;
import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The advertised address by default (README "Proxy", issue 13 item 5), seen by a phone in another network: the
 * built distribution as shipped listens on {@code 0.0.0.0} with {@code sip.advertised.host} empty, and SIPp phones
 * in a network namespace ({@link NetworkNamespace}: a veth pair, 10.x.y.1 on the host, 10.x.y.2 inside) register,
 * call each other through the proxy and subscribe. What they get must name the veth address they talk to, never
 * 127.0.0.1: our Via and Record-Route on the relayed INVITE, ACK and BYE, our Contact on the 200 to a SUBSCRIBE and
 * on its NOTIFY, our Via on that NOTIFY. A build that is not root skips this test (JUnit assumption, with the reason).
 */
class AdvertisedAddressIT {

    private static final int BOOT_SECONDS = 120;
    private static final String PASSWORD = "adv-secret";
    /** Ports inside the namespace (its own network: nothing else binds there). */
    private static final int CALLEE_PORT = 5070;

    private static final int REGISTER_PORT = 5071;
    private static final int CALLER_PORT = 5072;
    private static final int SUBSCRIBER_PORT = 5073;

    @Test
    void aPhoneInAnotherNetworkSeesTheInterfaceAddressNeverLoopback() throws Exception {
        Path assembly = Path.of(required("switchboard.assembly"));
        Path dir = Path.of(required(SwitchboardConfiguration.EXAM_DIR))
                .toAbsolutePath()
                .resolveSibling("advertised-address");
        try (NetworkNamespace ns = NetworkNamespace.create();
                ExternalKaraf karaf = ExternalKaraf.unpack(assembly, dir)) {
            // the shipped listener and advertised host (ExternalKaraf puts both on loopback for the other tests)
            karaf.put("etc/io.switchboard.core.cfg", "sip.host", "0.0.0.0");
            karaf.put("etc/io.switchboard.core.cfg", "sip.advertised.host", "");
            karaf.start(BOOT_SECONDS);
            assertTrue(
                    karaf.logText().contains("advertising the address of the interface towards each peer"),
                    "the startup log says the address is chosen per peer; see " + karaf.log());

            String us = ns.hostAddress + ":" + karaf.sipPort;
            String user = "adv";
            String added = karaf.shell("subscriber:add " + user + "@" + ns.hostAddress + " " + PASSWORD);
            assertTrue(added.contains("Added " + user + "@" + ns.hostAddress), added);
            List<Result> phones = new ArrayList<>();

            Result register = Sipp.startVia(
                            ns.prefix(),
                            "advertised-register",
                            "register-remote-contact.xml",
                            us,
                            ns.peerAddress,
                            REGISTER_PORT,
                            "-s",
                            user,
                            "-au",
                            user,
                            "-ap",
                            PASSWORD,
                            "-key",
                            "contact_port",
                            Integer.toString(CALLEE_PORT))
                    .await();
            assertEquals(0, register.exitCode(), "REGISTER from the namespace:\n" + register.report());
            phones.add(register);

            Running calleeRun = Sipp.startVia(
                    ns.prefix(), "advertised-callee", "uas-call-plain.xml", us, ns.peerAddress, CALLEE_PORT);
            Result callee;
            Result caller;
            try {
                ns.awaitUdpBound(CALLEE_PORT);
                caller = Sipp.startVia(
                                ns.prefix(),
                                "advertised-caller",
                                "uac-call-bye-to-callee.xml",
                                us,
                                ns.peerAddress,
                                CALLER_PORT,
                                "-key",
                                "callee",
                                user)
                        .await();
                callee = calleeRun.await();
            } finally {
                calleeRun.kill();
            }
            assertEquals(0, caller.exitCode(), "caller:\n" + caller.report());
            assertEquals(0, callee.exitCode(), "callee:\n" + callee.report());
            phones.add(caller);
            phones.add(callee);

            for (String method : List.of("INVITE", "ACK", "BYE")) {
                Logged m =
                        Sipp.first(callee.messages(), method + " at the callee", l -> !l.sent() && l.isRequest(method));
                assertTrue(
                        topVia(m.message()).startsWith("SIP/2.0/UDP " + us + ";"),
                        "our Via names the veth address on the " + method + ":\n" + m.message());
            }
            Logged invite =
                    Sipp.first(callee.messages(), "INVITE at the callee", l -> !l.sent() && l.isRequest("INVITE"));
            assertEquals(
                    List.of("<sip:" + us + ";lr>"),
                    values(invite.message(), "Record-Route"),
                    "our Record-Route on the INVITE:\n" + invite.message());
            Logged ok = Sipp.first(
                    caller.messages(),
                    "200 for the INVITE at the caller",
                    l -> !l.sent() && l.isResponse(200, "INVITE"));
            assertEquals(
                    List.of("<sip:" + us + ";lr>"),
                    values(ok.message(), "Record-Route"),
                    "the caller's route set:\n" + ok.message());

            Result subscriber = Sipp.startVia(
                            ns.prefix(),
                            "advertised-subscriber",
                            "subscribe-auth-ok.xml",
                            us,
                            ns.peerAddress,
                            SUBSCRIBER_PORT,
                            "-s",
                            user,
                            "-key",
                            "from",
                            user,
                            "-au",
                            user,
                            "-ap",
                            PASSWORD,
                            "-key",
                            "event",
                            "as-feature-event")
                    .await();
            assertEquals(0, subscriber.exitCode(), "DFKS SUBSCRIBE from the namespace:\n" + subscriber.report());
            phones.add(subscriber);
            Logged accepted = Sipp.first(
                    subscriber.messages(), "200 for the SUBSCRIBE", l -> !l.sent() && l.isResponse(200, "SUBSCRIBE"));
            assertContactIs(us, accepted.message());
            Logged notify = Sipp.first(subscriber.messages(), "NOTIFY", l -> !l.sent() && l.isRequest("NOTIFY"));
            assertTrue(
                    topVia(notify.message()).startsWith("SIP/2.0/UDP " + us + ";"),
                    "our Via on the NOTIFY:\n" + notify.message());
            assertContactIs(us, notify.message());

            for (Result phone : phones) {
                for (Logged m : Sipp.logged(phone.messages())) {
                    assertTrue(
                            m.sent() || !m.message().contains("127.0.0.1"),
                            "nothing a phone in the namespace got names loopback (" + phone.dir() + "):\n"
                                    + m.message());
                }
            }
        }
    }

    /** One Contact, ours: {@code sip:[user@]HOST:PORT} with our veth address and port. */
    private static void assertContactIs(String us, String message) {
        List<String> contacts = values(message, "Contact");
        assertEquals(1, contacts.size(), "one Contact:\n" + message);
        assertTrue(
                contacts.get(0).matches("<sip:([^@>]+@)?" + Pattern.quote(us) + "[;>].*"),
                "our Contact names the veth address:\n" + message);
    }

    /** The first Via value of a message. */
    private static String topVia(String message) {
        List<String> vias = values(message, "Via");
        return vias.isEmpty() ? "" : vias.get(0);
    }

    /** The values of a header (also its compact form), several headers or comma-separated, in order. */
    private static List<String> values(String message, String name) {
        String compact = switch (name) {
            case "Via" -> "v";
            case "Contact" -> "m";
            default -> name;
        };
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(
                        "(?mi)^(?:" + Pattern.quote(name) + "|" + Pattern.quote(compact) + ") *: *(.*?)\\s*$")
                .matcher(message);
        while (m.find()) {
            for (String v : m.group(1).split(",(?=\\s*(?:<|SIP/))")) {
                out.add(v.trim());
            }
        }
        return out;
    }

    private static String required(String key) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(
                    "system property " + key + " is not set: run the tests through Maven (failsafe)");
        }
        return v;
    }
}
