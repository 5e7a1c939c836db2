package io.switchboard.ussd.internal;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What a {@link UssdGateway} works with besides its settings: the SIP side, the menu, its threads, the registrar's
 * lookup and the clock. Built by name through {@link #builder()} so that the OSGi component and the tests cannot
 * swap two arguments of one type unnoticed; the settings ({@link UssdConfig}) stay apart because they change at run
 * time.
 *
 * @param timer          the scheduler of the session timers
 * @param workers        the threads the menu route runs on (never a SIP thread)
 * @param location       AoR ({@code user@domain}) to its registered contact URIs, newest first
 * @param advertisedHost our address, for the SDP of network-initiated INVITEs and their Call-IDs
 * @param clock          milliseconds, for the session listing and idle times
 * @param events         the publisher of session ends on the event bus ({@link SessionEvents#NONE}: none)
 */
record UssdGatewayOptions(
        UssdSender sender,
        UssdMenu menu,
        ScheduledExecutorService timer,
        ExecutorService workers,
        Function<String, List<String>> location,
        String advertisedHost,
        LongSupplier clock,
        SessionEvents events) {

    UssdGatewayOptions {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(menu, "menu");
        Objects.requireNonNull(timer, "timer");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(advertisedHost, "advertisedHost");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(events, "events");
    }

    static Builder builder() {
        return new Builder();
    }

    /**
     * Sender, menu, timer, workers and advertised host are required; no registrar, the system clock and no event bus
     * by default.
     */
    static final class Builder {
        private UssdSender sender;
        private UssdMenu menu;
        private ScheduledExecutorService timer;
        private ExecutorService workers;
        private Function<String, List<String>> location = aor -> List.of();
        private String advertisedHost;
        private LongSupplier clock = System::currentTimeMillis;
        private SessionEvents events = SessionEvents.NONE;

        private Builder() {}

        Builder sender(UssdSender v) {
            sender = v;
            return this;
        }

        Builder menu(UssdMenu v) {
            menu = v;
            return this;
        }

        Builder timer(ScheduledExecutorService v) {
            timer = v;
            return this;
        }

        Builder workers(ExecutorService v) {
            workers = v;
            return this;
        }

        Builder location(Function<String, List<String>> v) {
            location = v;
            return this;
        }

        Builder advertisedHost(String v) {
            advertisedHost = v;
            return this;
        }

        Builder clock(LongSupplier v) {
            clock = v;
            return this;
        }

        Builder events(SessionEvents v) {
            events = v;
            return this;
        }

        UssdGatewayOptions build() {
            return new UssdGatewayOptions(sender, menu, timer, workers, location, advertisedHost, clock, events);
        }
    }
}
