package io.switchboard.ussd.internal;

import io.switchboard.xml.XmlException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session once its dialog stands, the same whoever opened it: the user's input of a UE INFO, the menu route
 * called for it on a worker, its answer sent as our INFO or BYE (one INFO outstanding per direction, TS 24.390
 * 5.1.2.1), the session timer and the ends (error-codes, the route's abort call). The UE-initiated and the
 * network-initiated side only open sessions and hand them over here.
 */
final class UssdSteps {

    private static final Logger LOG = LoggerFactory.getLogger(UssdSteps.class);

    private final UssdSessions sessions;
    private final UssdCodec codec;
    private final UssdSender sender;
    private final UssdMenu menu;
    private final ExecutorService workers;
    private final UssdTimers timers;
    private final Supplier<UssdConfig> config;

    UssdSteps(UssdSessions sessions, UssdCodec codec, UssdGatewayOptions options, Supplier<UssdConfig> config) {
        this.sessions = sessions;
        this.codec = codec;
        this.sender = options.sender();
        this.menu = options.menu();
        this.workers = options.workers();
        this.timers = new UssdTimers(options.timer());
        this.config = config;
    }

    /** (Re)arms the session's timer; when it fires in a waiting state the session ends. Caller holds the monitor. */
    void arm(UssdSession s, long millis) {
        timers.arm(s, millis, this::expired);
    }

    /** The content of a UE INFO, once answered. Caller holds the session's monitor. */
    void userInfo(UssdSession s, String contentType, byte[] body) {
        if (s.state != UssdSession.State.WAITING_USER) {
            // TS 24.390 5.1.2.1: one INFO outstanding per direction; the UE sent a second one before ours
            LOG.info("USSD session {}: INFO while none of ours was outstanding (state {}): ignored", s.id, s.state);
            return;
        }
        s.cancelTimer();
        if (!UssdCodec.CONTENT_TYPE.equals(UssdCodec.mediaType(contentType))) {
            LOG.info(
                    "USSD session {}: INFO with Content-Type {} instead of {}: ending with error-code 3",
                    s.id,
                    contentType,
                    UssdCodec.CONTENT_TYPE);
            end(s, UssdMessage.error(s.language, UssdMessage.ERROR_UNEXPECTED_DATA));
            return;
        }
        UssdMessage in;
        try {
            in = codec.parse(body);
        } catch (XmlException e) {
            LOG.info("USSD session {}: bad ussd-data in an INFO ({}): ending with error-code 3", s.id, e.getMessage());
            end(s, UssdMessage.error(s.language, UssdMessage.ERROR_UNEXPECTED_DATA));
            return;
        }
        if (in.language() != null) {
            s.language = in.language();
        }
        if (in.kind() == UssdMessage.Kind.NOTIFY || s.notifyOnly) {
            // the acknowledgement of our notification: nothing more to say
            end(s, null);
            return;
        }
        if (in.errorCode() != null && (in.text() == null || in.text().isEmpty())) {
            LOG.info("USSD session {}: the UE reports error-code {}", s.id, in.errorCode());
            end(s, null, UssdMeters.UE_ERROR);
            abort(s, "ue-error");
            return;
        }
        if (in.text() == null) {
            LOG.info("USSD session {}: INFO without ussd-string: ending with error-code 3", s.id);
            end(s, UssdMessage.error(s.language, UssdMessage.ERROR_UNEXPECTED_DATA));
            return;
        }
        s.state = UssdSession.State.MENU;
        runMenu(s, in.text());
    }

    /**
     * Runs the menu route for the next step on a worker; its answer (or its failure: error-code 1) comes back in
     * {@link #answered}. Caller holds the monitor.
     */
    void runMenu(UssdSession s, String input) {
        s.step++;
        MenuStep step = new MenuStep(s.id, s.subscriber, s.ussdString, s.language, input, s.step, s.origin, null);
        String route = s.menuRoute;
        CompletableFuture<MenuAnswer> f;
        try {
            f = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return menu.call(route, step);
                        } catch (Exception e) {
                            throw new CompletionException(e);
                        }
                    },
                    workers);
        } catch (RejectedExecutionException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.orTimeout(config.get().routeTimeoutMillis(), TimeUnit.MILLISECONDS).whenComplete((a, err) -> {
            if (err != null) {
                Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
                LOG.warn(
                        "USSD session {} step {}: menu route {} failed ({}): ending with error-code 1",
                        s.id,
                        step.step(),
                        route,
                        cause instanceof TimeoutException
                                ? "no answer within " + config.get().routeTimeoutMillis() + " ms"
                                : cause.toString());
                answered(s, MenuAnswer.error(UssdMessage.ERROR_UNSPECIFIED));
            } else {
                answered(s, a);
            }
        });
    }

    private void answered(UssdSession s, MenuAnswer a) {
        synchronized (s) {
            if (s.state == UssdSession.State.ENDING || !sessions.isLive(s)) {
                return; // the UE hung up or the session timed out meanwhile
            }
            if (s.mobile && !s.acked) {
                s.pending = a; // goes out with the ACK
                return;
            }
            deliver(s, a);
        }
    }

    /** Sends the route's answer: an INFO when the session goes on, else the BYE. Caller holds the monitor. */
    void deliver(UssdSession s, MenuAnswer a) {
        String lang = a.language() != null ? a.language() : s.language;
        if (a.errorCode() != null) {
            end(s, UssdMessage.error(lang, a.errorCode()));
            return;
        }
        String text = a.text() == null ? "" : a.text();
        if (!a.continues()) {
            end(s, new UssdMessage(lang, text, null, UssdMessage.Kind.PLAIN));
            return;
        }
        s.state = UssdSession.State.WAITING_USER;
        s.lastActivity = sessions.now();
        arm(s, config.get().sessionTimeoutMillis());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Info-Package", UssdCodec.INFO_PACKAGE);
        headers.put("Content-Disposition", "info-package");
        byte[] body = codec.write(new UssdMessage(lang, text, null, UssdMessage.Kind.REQUEST));
        try {
            sender.inDialog(s.dialog, "INFO", headers, UssdCodec.CONTENT_TYPE, body, status -> {
                if (status >= 300) {
                    infoRefused(s, status);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("USSD session {}: cannot send the INFO: {}", s.id, e.getMessage());
            UssdMeters.ended(s, UssdMeters.FAILED);
            sessions.remove(s);
            s.state = UssdSession.State.ENDING;
            s.cancelTimer();
        }
    }

    /** The UE refused our INFO (481: the dialog is gone; anything else: end it with error-code 1). */
    private void infoRefused(UssdSession s, int status) {
        synchronized (s) {
            if (s.state == UssdSession.State.ENDING) {
                return;
            }
            LOG.info("USSD session {}: the UE answered our INFO with {}", s.id, status);
            if (status == 481) {
                UssdMeters.ended(s, UssdMeters.REFUSED);
                sessions.remove(s);
                s.state = UssdSession.State.ENDING;
                s.cancelTimer();
                abort(s, "refused");
            } else {
                end(s, UssdMessage.error(s.language, UssdMessage.ERROR_UNSPECIFIED), UssdMeters.REFUSED);
                abort(s, "refused");
            }
        }
    }

    /**
     * BYE with {@code last} as its body (none when null), and the session is gone: counted {@code completed}, or
     * {@code error} when {@code last} carries an error-code. Caller holds the monitor.
     */
    void end(UssdSession s, UssdMessage last) {
        end(s, last, last != null && last.errorCode() != null ? UssdMeters.ERROR : UssdMeters.COMPLETED);
    }

    /** {@link #end(UssdSession, UssdMessage)}, counted as {@code outcome}. */
    void end(UssdSession s, UssdMessage last, String outcome) {
        UssdMeters.ended(s, outcome);
        s.state = UssdSession.State.ENDING;
        s.cancelTimer();
        sessions.remove(s);
        byte[] body = last == null ? null : codec.write(last);
        try {
            sender.inDialog(s.dialog, "BYE", Map.of(), body == null ? null : UssdCodec.CONTENT_TYPE, body, status -> {
                if (status >= 300) {
                    LOG.debug("USSD session {}: BYE answered {}", s.id, status);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("USSD session {}: cannot send the BYE: {}", s.id, e.getMessage());
        }
    }

    /** Tells the menu route the session is over ({@code UssdAborted}); its answer is ignored. */
    void abort(UssdSession s, String reason) {
        MenuStep step = new MenuStep(s.id, s.subscriber, s.ussdString, s.language, null, s.step, s.origin, reason);
        String route = s.menuRoute;
        try {
            workers.execute(() -> {
                try {
                    menu.call(route, step);
                } catch (Exception e) {
                    LOG.debug("USSD session {}: menu route {} failed on the abort call: {}", s.id, route, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("USSD session {}: no worker for the abort call", s.id);
        }
    }

    private void expired(UssdSession s) {
        synchronized (s) {
            if (!sessions.isLive(s)
                    || (s.state != UssdSession.State.ANSWERED && s.state != UssdSession.State.WAITING_USER)) {
                return;
            }
            LOG.info(
                    "USSD session {} of {} timed out in state {} (step {}): BYE with error-code 1",
                    s.id,
                    s.subscriber,
                    s.state,
                    s.step);
            s.timer = null;
            end(s, UssdMessage.error(s.language, UssdMessage.ERROR_UNSPECIFIED), UssdMeters.TIMEOUT);
            abort(s, "timeout");
        }
    }

    /** Ends every session (bundle stop): BYE with error-code 1 to each confirmed one. */
    void shutdown() {
        for (UssdSession s : sessions.all()) {
            synchronized (s) {
                if (s.dialog != null && s.state != UssdSession.State.INVITING && s.state != UssdSession.State.ENDING) {
                    end(s, UssdMessage.error(s.language, UssdMessage.ERROR_UNSPECIFIED), UssdMeters.SHUTDOWN);
                } else {
                    UssdMeters.ended(s, UssdMeters.SHUTDOWN);
                    sessions.remove(s);
                    s.cancelTimer();
                }
            }
        }
    }
}
