package io.switchboard.sca.internal;

import io.switchboard.sca.Appearance;
import io.switchboard.sca.AppearanceState;
import io.switchboard.sca.ScaException;
import io.switchboard.sca.ScaService;
import io.switchboard.sip.SipAddresses;
import io.switchboard.subscription.Subscription;
import io.switchboard.subscription.SubscriptionService;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations of the shell commands and REST (Kamailio's sca_rpc.c), the {@link ScaService}: each change NOTIFYs
 * the line exactly as the SIP path does. A refusal is a {@link ScaException} whose status REST sends as is.
 */
final class ScaOperations implements ScaService {

    private final SubscriptionService subs;
    private final Appearances appearances;
    private final ScaNotifier notifier;
    private final Object lock;
    private final LongSupplier clock;

    private static final Logger LOG = LoggerFactory.getLogger(ScaOperations.class);
    private final LineMembers members;

    ScaOperations(
            SubscriptionService subs,
            Appearances appearances,
            ScaNotifier notifier,
            Object lock,
            LongSupplier clock,
            LineMembers members) {
        this.members = members;
        this.subs = subs;
        this.appearances = appearances;
        this.notifier = notifier;
        this.lock = lock;
        this.clock = clock;
    }

    @Override
    public List<Subscription> subscriptions() {
        List<Subscription> out = new ArrayList<>();
        for (Subscription s : subs.all()) {
            if (s.event().equals(CALL_INFO) || s.event().equals(LINE_SEIZE)) {
                out.add(s);
            }
        }
        return out;
    }

    @Override
    public List<Appearance> appearances() {
        synchronized (lock) {
            List<Appearance> out = new ArrayList<>();
            for (Appearances.Slot s : appearances.all()) {
                out.add(s.view());
            }
            return out;
        }
    }

    @Override
    public List<Appearance> appearances(String aor) {
        synchronized (lock) {
            List<Appearance> out = new ArrayList<>();
            for (Appearances.Slot s : appearances.of(line(aor))) {
                out.add(s.view());
            }
            return out;
        }
    }

    /** The line of an AoR given as {@code user@domain} or a SIP URI; IllegalArgumentException when it is not one. */
    static String line(String aor) {
        String a = aor == null ? null : SipAddresses.aor(aor.contains(":") ? aor : "sip:" + aor);
        if (a == null || !a.contains("@")) {
            throw new IllegalArgumentException("not a line AoR (user@domain): " + aor);
        }
        return a;
    }

    @Override
    public Appearance seize(String aor, String contact) throws ScaException {
        String line = lineOrFail(aor);
        if (contact == null || contact.isBlank()) {
            throw new ScaException(400, "a device Contact URI is required");
        }
        synchronized (lock) {
            Appearances.Seized seized = appearances.seize(line, 0, contact.trim(), clock.getAsLong());
            if (seized.slot() == null) {
                throw new ScaException(409, "no free appearance on " + line);
            }
            notifier.notifyGroup(line);
            return seized.slot().view();
        }
    }

    @Override
    public Appearance update(String aor, int index, AppearanceState state, String display) throws ScaException {
        String line = lineOrFail(aor);
        if (index <= 0) {
            throw new ScaException(400, "appearance index must be 1 or more");
        }
        if (state == null) {
            throw new ScaException(400, "a state is required");
        }
        synchronized (lock) {
            long now = clock.getAsLong();
            Appearances.Slot s = appearances.get(line, index);
            if (state == AppearanceState.IDLE) {
                if (s != null) {
                    notifier.idleEndingLineSeize(s);
                }
                return new Appearance(line, index, AppearanceState.IDLE, null, null, null, now);
            }
            if (s == null) {
                Appearances.Seized seized = appearances.seize(line, index, null, now);
                if (seized.slot() == null) {
                    throw new ScaException(
                            409, "appearance " + index + " of " + line + " cannot be used (past max_appearances)");
                }
                s = seized.slot();
            }
            appearances.set(s, state, now);
            if (display != null && !display.isBlank()) {
                s.uri = display.trim();
            }
            notifier.notifyGroup(line);
            return s.view();
        }
    }

    @Override
    public void release(String aor, int index) throws ScaException {
        String line = lineOrFail(aor);
        synchronized (lock) {
            Appearances.Slot s = appearances.get(line, index);
            if (s == null) {
                throw new ScaException(404, "appearance " + index + " of " + line + " is idle");
            }
            notifier.idleEndingLineSeize(s);
        }
    }

    @Override
    public List<String> members(String line) throws ScaException {
        return members.list(line);
    }

    @Override
    public boolean addMember(String line, String member) throws ScaException {
        boolean added = members.add(line, member);
        if (added) {
            LOG.info("SCA: {} is a member of line {}", member, line);
        }
        return added;
    }

    @Override
    public boolean removeMember(String line, String member) throws ScaException {
        boolean removed = members.remove(line, member);
        if (removed) {
            LOG.info("SCA: {} is no member of line {} any more (its subscriptions run until they end)", member, line);
        }
        return removed;
    }

    @Override
    public boolean deactivate(String subscriptionId) {
        for (Subscription s : subscriptions()) {
            if (s.id().equals(subscriptionId)) {
                if (!s.event().equals(LINE_SEIZE)) {
                    return subs.terminate(s, "deactivated", notifier.state(s));
                }
                synchronized (lock) {
                    Appearances.Slot slot = notifier.slotOf(s);
                    boolean terminated =
                            subs.terminate(s, "deactivated", notifier.lineSeizeState(s.presentity(), slot));
                    if (slot != null) {
                        notifier.lineSeizeGone(slot);
                    }
                    return terminated;
                }
            }
        }
        return false;
    }

    private static String lineOrFail(String aor) throws ScaException {
        try {
            return line(aor);
        } catch (IllegalArgumentException e) {
            throw new ScaException(400, e.getMessage());
        }
    }
}
