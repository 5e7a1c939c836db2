package io.switchboard.ussd.internal;

import io.switchboard.sip.SipDialog;
import io.switchboard.ussd.UssdSessionInfo;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/** One USSD session: its dialog and where the exchange stands. Guarded by its own monitor. */
final class UssdSession {

    /**
     * Who opened the session and, for the network, whether the user is to answer. One value instead of two flags, so
     * that a session cannot be both UE-initiated and a notification.
     */
    enum Origin {
        /** UE-initiated: the user dialled a code (our 200 to its INVITE). */
        MOBILE,
        /** network-initiated request (UnstructuredSS-Request): the user's answers go to the menu route. */
        NETWORK_REQUEST,
        /** network-initiated notification (UnstructuredSS-Notify): display only, the UE's acknowledgement ends it. */
        NETWORK_NOTIFY;

        boolean mobile() {
            return this == MOBILE;
        }

        /** The direction as the route ({@code UssdDirection}), the shell and REST show it. */
        String direction() {
            return this == MOBILE ? "mobile" : "network";
        }
    }

    enum State {
        /** network-initiated: our INVITE is out. */
        INVITING,
        /** UE-initiated: our 200 is out, waiting for the ACK (the first menu step may already run). */
        ANSWERED,
        /** the menu route runs for the user's last input. */
        MENU,
        /** our INFO (or network request) is out: waiting for the UE's INFO (one outstanding per direction). */
        WAITING_USER,
        /** our BYE is out; the session is gone from the table. */
        ENDING
    }

    final String id;
    final Origin origin;
    final boolean mobile;
    final String subscriber;
    final String ussdString;
    final String menuRoute;
    final boolean notifyOnly;
    final long startedAt;
    /** Set by the first end the metrics count, so that a session is counted once whatever path ends it. */
    final AtomicBoolean counted = new AtomicBoolean();

    String language;
    /** Null while a network-initiated INVITE has no 2xx yet. */
    SipDialog dialog;

    State state;
    boolean acked;
    /** A menu answer that came before the ACK. */
    MenuAnswer pending;

    int step;
    volatile long lastActivity;
    /** The highest CSeq the UE used in this dialog (RFC 3261 12.2.2). */
    long remoteCSeq;

    ScheduledFuture<?> timer;
    /** A UE INFO that came before the 2xx of our INVITE was seen (network-initiated): its Content-Type and body. */
    String stashedType;

    byte[] stashedBody;

    UssdSession(
            String id,
            Origin origin,
            String subscriber,
            String ussdString,
            String language,
            String menuRoute,
            long now) {
        this.id = id;
        this.origin = origin;
        this.mobile = origin.mobile();
        this.subscriber = subscriber;
        this.ussdString = ussdString;
        this.language = language;
        this.menuRoute = menuRoute;
        this.notifyOnly = origin == Origin.NETWORK_NOTIFY;
        this.startedAt = now;
        this.lastActivity = now;
    }

    synchronized UssdSessionInfo info(long now) {
        return new UssdSessionInfo(
                id,
                origin.direction(),
                subscriber,
                ussdString,
                state == null ? "ANSWERING" : state.name(),
                step,
                startedAt,
                now - lastActivity);
    }

    void cancelTimer() {
        ScheduledFuture<?> t = timer;
        timer = null;
        if (t != null) {
            t.cancel(false);
        }
    }
}
