package io.switchboard.ussd.internal;

import io.switchboard.sip.SipAnswers;
import io.switchboard.sip.SipHeaders;
import io.switchboard.ussd.UssdSessionInfo;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The USSD application server of TS 24.390, independent of OSGi: the entry point the component and the sip route
 * use. It tells USSD requests from others and hands each to its side: {@link UeInitiatedSessions} (INVITE, ACK,
 * CANCEL), {@link NetworkInitiatedSessions} (our INVITE), {@link UssdInDialogRequests} (the UE's INFO and BYE in
 * either), all sharing one {@link UssdSessions} table and the {@link UssdSteps} that run the menu and send our
 * INFO and BYE.
 */
final class UssdGateway {

    private final UssdSessions sessions;
    private final UssdSteps steps;
    private final UeInitiatedSessions ueInitiated;
    private final NetworkInitiatedSessions networkInitiated;
    private final UssdInDialogRequests inDialog;
    private volatile UssdConfig config;

    UssdGateway(UssdConfig config, UssdGatewayOptions options) {
        this.config = config;
        UssdCodec codec = new UssdCodec();
        this.sessions = new UssdSessions(options.clock(), options.events());
        this.steps = new UssdSteps(sessions, codec, options, this::config);
        this.ueInitiated = new UeInitiatedSessions(sessions, steps, codec, this::config);
        this.networkInitiated = new NetworkInitiatedSessions(sessions, steps, codec, options, this::config);
        this.inDialog = new UssdInDialogRequests(sessions, steps);
    }

    /** Tells unknown subscribers from unregistered ones in the errors of {@link #start}. */
    void subscribers(Predicate<String> known) {
        networkInitiated.subscribers(known);
    }

    UssdConfig config() {
        return config;
    }

    /** New settings apply to the next timer armed and the next step (a running session keeps its menu route). */
    void configure(UssdConfig c) {
        config = c;
    }

    int size() {
        return sessions.size();
    }

    boolean contains(String callId) {
        return sessions.contains(callId);
    }

    List<UssdSessionInfo> sessions() {
        return sessions.infos();
    }

    /**
     * True for a request the USSD gateway must handle: a new INVITE that is a USSD request (a ussd-data body, bare
     * or in multipart/mixed, or a {@code user=dialstring} Request-URI), and ACK, INFO, BYE, CANCEL of a live session.
     */
    boolean serves(Exchange exchange) {
        return serves(exchange.getIn());
    }

    /** {@link #serves(Exchange)} on the request's mapped headers (the sip consumer asks before routing). */
    boolean serves(Message m) {
        String method = m.getHeader(SipHeaders.METHOD, String.class);
        if (method == null) {
            return false;
        }
        return switch (method) {
            case "INVITE" -> UeInitiatedSessions.isUssdInvite(m);
            case "ACK", "INFO", "BYE", "CANCEL" -> contains(m.getHeader(SipHeaders.CALL_ID, String.class));
            default -> false;
        };
    }

    /** Handles one request of the sip consumer (a request {@link #serves} said is ours). */
    void handle(Exchange exchange) {
        Message m = exchange.getIn();
        String method = m.getHeader(SipHeaders.METHOD, String.class);
        switch (method == null ? "" : method) {
            case "INVITE" -> ueInitiated.invite(exchange);
            case "ACK" -> ueInitiated.ack(m);
            case "INFO" -> inDialog.info(exchange);
            case "BYE" -> inDialog.bye(exchange);
            case "CANCEL" -> ueInitiated.cancel(exchange);
            default -> {
                SipAnswers.answer(m, 405, null);
                m.setHeader(SipHeaders.HEADER_PREFIX + "Allow", UssdReplies.ALLOW);
            }
        }
    }

    /** A network-initiated session: {@code origin} says request (the user answers) or notification. */
    CompletableFuture<UssdSessionInfo> start(
            String subscriber, String text, UssdSession.Origin origin, String language, String menuRoute) {
        if (origin.mobile()) {
            throw new IllegalArgumentException("the network cannot start a UE-initiated session");
        }
        return networkInitiated.start(subscriber, text, origin, language, menuRoute);
    }

    /** Ends every session (bundle stop): BYE with error-code 1 to each confirmed one. */
    void shutdown() {
        steps.shutdown();
    }
}
