package io.switchboard.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.switchboard.core.RouteFileStatus;
import io.switchboard.itests.Sipp.Result;
import io.switchboard.itests.Sipp.Running;
import io.switchboard.itests.Sipp.Transport;
import io.switchboard.store.SubscriberStore;
import io.switchboard.ussd.UssdService;
import io.switchboard.ussd.UssdSessionInfo;
import java.net.http.HttpResponse;
import javax.inject.Inject;
import org.apache.camel.Exchange;
import org.junit.Test;
import org.ops4j.pax.exam.util.Filter;

/**
 * The USSD gateway (3GPP TS 24.390) on the wire, with SIPp as the UE against the default routes (sip.xml's ussd
 * branch, the example menus of ussd.xml): a two-level menu whose every INFO and BYE the scenario checks for the
 * dialog (tags, CSeq) and the text; a single answer in the BYE; the UE hanging up mid-menu; malformed ussd-data
 * in the INVITE and in an INFO; an INFO of no package (469); the session timeout (lowered through Config Admin);
 * network-initiated request and notification to a registered SIPp UE, over REST and through ussd:notify.
 */
public class UssdIT extends SwitchboardTestSupport {

    @Inject
    @Filter(timeout = 60_000)
    protected SubscriberStore subscribers;

    private UssdService ussd() throws InterruptedException {
        return service(UssdService.class);
    }

    private void awaitUssd() throws InterruptedException {
        // hasComponent, as sip.xml asks: the platform context must have taken the ussd component in when it was
        // registered
        await(
                "sip.xml and ussd.xml LOADED, component ussd in the context (" + routeFiles.status() + ")",
                () -> fileStatus("sip.xml")
                                .map(s -> s.state() == RouteFileStatus.State.LOADED)
                                .orElse(false)
                        && fileStatus("ussd.xml")
                                .map(s -> s.state() == RouteFileStatus.State.LOADED)
                                .orElse(false)
                        && context.hasComponent("ussd") != null);
        ussd();
    }

    /** Waits until no USSD session is left (every scenario ends its session one way or another). */
    private void awaitNoSession() throws InterruptedException {
        UssdService u = ussd();
        await("no USSD session left (" + u.sessions() + ")", () -> u.sessions().isEmpty());
    }

    private Result ue(String scenario) throws Exception {
        return Sipp.run(scenario.replace(".xml", ""), scenario, Transport.UDP, sipPort(), 1, "-s", "ussdalice");
    }

    @Test
    public void aMenuSessionStaysInTheDialogFromDialToBye() throws Exception {
        awaitUssd();
        awaitNoSession();
        assertSucceeded(ue("ussd-menu.xml"));
        awaitNoSession();
    }

    @Test
    public void aBalanceQueryIsAnsweredInTheBye() throws Exception {
        awaitUssd();
        assertSucceeded(ue("ussd-balance.xml"));
        awaitNoSession();
    }

    @Test
    public void theUeHangsUpMidMenuAndTheSessionIsGone() throws Exception {
        awaitUssd();
        assertSucceeded(ue("ussd-hangup.xml"));
        awaitNoSession();
    }

    @Test
    public void malformedUssdDataEndsTheSessionWithErrorCode3AndAForeignInfoGets469() throws Exception {
        awaitUssd();
        assertSucceeded(ue("ussd-bad-invite.xml"));
        assertSucceeded(ue("ussd-bad-info.xml"));
        awaitNoSession();
        // the platform keeps serving
        assertSucceeded(ue("ussd-balance.xml"));
    }

    @Test
    public void aSilentUeTimesOutAndIsListedMeanwhile() throws Exception {
        awaitUssd();
        awaitNoSession();
        setUssdSetting("session_timeout", "3");
        try {
            Running ue = Sipp.start(
                    "ussd-timeout",
                    "ussd-timeout.xml",
                    sipPort(),
                    Sipp.freePort(),
                    1,
                    Sipp.SIPP_TIMEOUT_SECONDS,
                    "-s",
                    "ussdalice",
                    "-recv_timeout",
                    "10000");
            UssdService u = ussd();
            await(
                    "the session is waiting for the user",
                    () -> u.sessions().size() == 1
                            && u.sessions().get(0).state().equals("WAITING_USER"));
            UssdSessionInfo s = u.sessions().get(0);
            assertEquals("mobile", s.direction());
            assertEquals("*123#", s.ussdString());
            assertEquals("ussdalice@127.0.0.1", s.subscriber());
            HttpResponse<String> list = api("GET", "/api/ussd/sessions", null);
            assertEquals(list.body(), 200, list.statusCode());
            assertTrue(
                    list.body(),
                    list.body().contains("\"sessionId\":\"" + s.id() + "\"")
                            && list.body().contains("\"ussdString\":\"*123#\"")
                            && list.body().contains("\"state\":\"WAITING_USER\""));
            String shell = executeCommand("ussd:sessions");
            assertTrue(shell, shell.contains(s.id()) && shell.contains("1 USSD sessions"));
            long start = System.currentTimeMillis();
            assertSucceeded(ue.await()); // the BYE with error-code 1 came
            assertTrue("the timeout is the configured one", System.currentTimeMillis() - start < 10_000);
            awaitNoSession();
        } finally {
            setUssdSetting("session_timeout", "60");
        }
    }

    @Test
    public void networkInitiatedRequestAndNotificationReachARegisteredUe() throws Exception {
        awaitUssd();
        subscribers.add("ussdbob", "127.0.0.1", "bob-pw");
        int uePort = Sipp.freePort();
        assertSucceeded(Sipp.run(
                "ussd-register",
                "register-contact.xml",
                Transport.UDP,
                sipPort(),
                1,
                "-s",
                "ussdbob",
                "-au",
                "ussdbob",
                "-ap",
                "bob-pw",
                "-key",
                "contact_port",
                Integer.toString(uePort)));

        // REST: a request; the UE answers 5, the example route thanks it in the BYE
        Running request = Sipp.startUas("ussd-mt-request", "ussd-mt-request-uas.xml", sipPort(), uePort, 1);
        HttpResponse<String> started = api(
                "POST",
                "/api/ussd/sessions",
                "{\"subscriber\": \"ussdbob@127.0.0.1\", \"text\": \"Rate us from 1 to 5\"}");
        assertEquals(started.body(), 201, started.statusCode());
        assertTrue(
                started.body(),
                started.body().contains("\"direction\":\"network\"")
                        && started.body().contains("\"mode\":\"request\""));
        assertSucceeded(request.await());
        awaitNoSession();

        // a route: ussd:notify; the UE acknowledges, we end with a BYE without body
        Running notify = Sipp.startUas("ussd-mt-notify", "ussd-mt-notify-uas.xml", sipPort(), uePort, 1);
        Exchange ex = context.createProducerTemplate()
                .request(
                        "ussd:notify?subscriber=ussdbob@127.0.0.1",
                        e -> e.getIn().setBody("Your bundle expires tomorrow"));
        if (ex.getException() != null) {
            throw new AssertionError("ussd:notify failed", ex.getException());
        }
        assertNotNull(ex.getMessage().getHeader("UssdSessionId"));
        assertSucceeded(notify.await());
        awaitNoSession();

        // clear errors
        HttpResponse<String> unregistered =
                api("POST", "/api/ussd/sessions", "{\"subscriber\": \"nobody@127.0.0.1\", \"text\": \"x\"}");
        assertEquals(unregistered.body(), 404, unregistered.statusCode());
        assertTrue(unregistered.body(), unregistered.body().contains("unknown subscriber nobody@127.0.0.1"));
        subscribers.add("ussdcarol", "127.0.0.1", "carol-pw");
        HttpResponse<String> notRegistered =
                api("POST", "/api/ussd/sessions", "{\"subscriber\": \"ussdcarol@127.0.0.1\", \"text\": \"x\"}");
        assertEquals(notRegistered.body(), 404, notRegistered.statusCode());
        assertTrue(notRegistered.body(), notRegistered.body().contains("ussdcarol@127.0.0.1 is not registered"));
        HttpResponse<String> noText = api("POST", "/api/ussd/sessions", "{\"subscriber\": \"ussdbob@127.0.0.1\"}");
        assertEquals(noText.body(), 400, noText.statusCode());
        HttpResponse<String> badMode = api(
                "POST",
                "/api/ussd/sessions",
                "{\"subscriber\": \"ussdbob@127.0.0.1\", \"text\": \"x\", \"mode\": \"shout\"}");
        assertEquals(badMode.body(), 400, badMode.statusCode());
        HttpResponse<String> none = api("GET", "/api/ussd/sessions", null);
        assertEquals("{\"sessions\":[]}", none.body());
    }

    private void setUssdSetting(String key, String value) throws Exception {
        configure("io.switchboard.ussd", key, value);
        Thread.sleep(500); // SCR calls @Modified on its event thread; the timeout test measures that it applied
    }
}
