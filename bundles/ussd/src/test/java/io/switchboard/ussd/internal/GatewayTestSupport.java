package io.switchboard.ussd.internal;

import static io.switchboard.ussd.internal.Fakes.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.events.publish.EventPublisher;
import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipHeaders;
import io.switchboard.ussd.internal.metrics.UssdMeterBindingAccess;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;

/**
 * A {@link UssdGateway} with a fake SIP side ({@link Fakes.Sender}), a recorded menu and the UE's requests of a
 * {@code *123#} session, shared by the tests of each concern (UE-initiated, in-dialog, network-initiated).
 */
abstract class GatewayTestSupport {

    static final String CALL = "call-1@ue";
    static final String UE_TAG = "ue-tag";
    static final String DIALSTRING = "sip:*123%23;phone-context=home1.net@home1.net;user=dialstring";
    static final String SDP = "v=0\r\no=ue 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 49170 RTP/AVP 0\r\n";
    static final UssdSession.Origin REQUEST = UssdSession.Origin.NETWORK_REQUEST;
    static final UssdSession.Origin NOTIFY = UssdSession.Origin.NETWORK_NOTIFY;

    final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);
    final Fakes.Sender sender = new Fakes.Sender();
    final List<MenuStep> steps = new CopyOnWriteArrayList<>();
    Function<MenuStep, MenuAnswer> menu = GatewayTestSupport::exampleMenu;
    Map<String, List<String>> registered = Map.of();
    /** The attributes of each USSD_END event the gateway published on the (stand-in) event bus. */
    final List<Map<String, ?>> ended = new CopyOnWriteArrayList<>();

    UssdGateway gateway = gateway(UssdConfig.DEFAULTS);
    /** The sessions meter, bound for every test: each session must be counted once, by how it ended. */
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final AutoCloseable meters = UssdMeterBindingAccess.bind(registry);

    @AfterEach
    void stop() throws Exception {
        timer.shutdownNow();
        meters.close();
    }

    /** Sessions counted with this origin ({@code ue}, {@code network}) and outcome. */
    double sessions(String origin, String outcome) {
        return registry.get("switchboard.ussd.sessions")
                .tags("origin", origin, "outcome", outcome)
                .counter()
                .count();
    }

    /** Sessions counted, all origins and outcomes. */
    double sessions() {
        return registry.find("switchboard.ussd.sessions").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    /** The options of every test gateway: the fake sender, the recording menu, a direct executor. */
    UssdGatewayOptions.Builder options() {
        return UssdGatewayOptions.builder()
                .sender(sender)
                .menu((route, step) -> {
                    steps.add(step);
                    return menu.apply(step);
                })
                .timer(timer)
                .workers(new Fakes.DirectExecutor())
                .location(aor -> registered.getOrDefault(aor, List.of()))
                .advertisedHost("127.0.0.1")
                .clock(System::currentTimeMillis)
                .events(new SessionEvents(EventPublisher.of((type, a) -> {
                    assertEquals(SessionEvents.TYPE, type);
                    ended.add(a);
                })));
    }

    UssdGateway gateway(UssdConfig c) {
        return new UssdGateway(c, options().build());
    }

    /** *123#: menu, submenu on 1, final text on 2. */
    static MenuAnswer exampleMenu(MenuStep s) {
        if (s.abortReason() != null) {
            return null;
        }
        return switch (s.step()) {
            case 1 -> MenuAnswer.prompt("1 Bundles\n2 Balance");
            case 2 -> MenuAnswer.prompt("1 Data\n2 Voice");
            default -> MenuAnswer.last("Voice activated & done");
        };
    }

    static String ussd(String text) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><ussd-data><language>en</language><ussd-string>" + text
                + "</ussd-string></ussd-data>";
    }

    Exchange invite(String body) {
        String multipart = "--b1\r\nContent-Type: application/sdp\r\n\r\n" + SDP
                + "\r\n--b1\r\nContent-Type: application/vnd.3gpp.ussd+xml\r\n\r\n" + body + "\r\n--b1--\r\n";
        Exchange ex = request(
                "INVITE",
                CALL,
                UE_TAG,
                null,
                127,
                DIALSTRING,
                Map.of("Recv-Info", "g.3gpp.ussd", "P-Asserted-Identity", "<sip:user1@home1.net>"),
                "multipart/mixed;boundary=b1",
                multipart);
        ex.getIn()
                .setHeader(
                        SipHeaders.DIALOG,
                        new SipDialog(
                                CALL,
                                DIALSTRING,
                                "as-tag",
                                "sip:user1@home1.net",
                                UE_TAG,
                                "sip:user1@127.0.0.1:5070",
                                List.of("<sip:pcscf.home1.net;lr>"),
                                0));
        assertTrue(gateway.serves(ex));
        gateway.handle(ex);
        return ex;
    }

    Exchange ack() {
        Exchange ex = request("ACK", CALL, UE_TAG, "as-tag", 127, "sip:ussd@127.0.0.1", Map.of(), null, null);
        assertTrue(gateway.serves(ex));
        gateway.handle(ex);
        return ex;
    }

    Exchange info(long cseq, Map<String, String> headers, String contentType, String body) {
        Exchange ex = request("INFO", CALL, UE_TAG, "as-tag", cseq, "sip:ussd@127.0.0.1", headers, contentType, body);
        assertTrue(gateway.serves(ex));
        gateway.handle(ex);
        return ex;
    }

    Exchange userInfo(long cseq, String text) {
        return info(
                cseq,
                Map.of("Info-Package", "g.3gpp.ussd", "Content-Disposition", "info-package"),
                "application/vnd.3gpp.ussd+xml",
                ussd(text));
    }
}
