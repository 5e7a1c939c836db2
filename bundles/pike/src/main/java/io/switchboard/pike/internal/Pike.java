package io.switchboard.pike.internal;

import io.switchboard.pike.Ban;
import io.switchboard.pike.SourceBans;
import io.switchboard.registrar.AuthenticationListener;
import io.switchboard.sip.SipSourceGuard;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flood and brute-force protection, in one place because both end in the same ban list:
 * <ul>
 * <li>as {@link SipSourceGuard}, asked by the sip component for every request before it is parsed: a banned source
 *     is dropped (or 403, {@code ban_action}); any other counts one request in its sampling window, and the request
 *     that takes it past {@code reqs_density_per_unit} bans it for {@code ban_time} (stock kamailio.cfg: pike, then
 *     {@code $sht(ipban=>$si)}), so a flood costs a lookup per packet while other sources go on;</li>
 * <li>as {@link AuthenticationListener}, told by the registrar of every refused digest authentication: counted per
 *     source and per user in {@code auth_fail_window}; the source's {@code auth_fail_threshold}th failure bans it, and
 *     once a user has had {@code auth_fail_user_threshold} failures (guessing from many addresses), every source that
 *     fails for that user is banned at once. The user itself is never locked out: that would hand any attacker a way
 *     to lock real users out of their phones.</li>
 * </ul>
 * Sources of {@code exempt_sources} (loopback by default) are never limited nor banned. Each ban is one WARN line in
 * {@code karaf.log} naming the source and why.
 */
final class Pike implements SipSourceGuard, AuthenticationListener, SourceBans {

    private static final Logger LOG = LoggerFactory.getLogger(Pike.class);

    private final LongSupplier clock;
    private final BanTable bans = new BanTable();
    private volatile PikeConfig config;
    private volatile WindowTable rates;
    private final WindowTable sourceFailures;
    private final WindowTable userFailures;
    private volatile boolean warnedFull;

    Pike(PikeConfig config, LongSupplier clock) {
        this.clock = clock;
        this.config = config;
        this.rates = new WindowTable(config.maxEntries(), a -> config.exempt().contains(a));
        this.sourceFailures = new WindowTable(config.maxEntries(), a -> false);
        this.userFailures = new WindowTable(config.maxEntries(), u -> false);
    }

    /** New settings: the rate windows start again (an exempt list may have changed); bans and failures stay. */
    void configure(PikeConfig c) {
        this.config = c;
        this.rates = new WindowTable(c.maxEntries(), a -> c.exempt().contains(a));
        sourceFailures.maxEntries(c.maxEntries());
        userFailures.maxEntries(c.maxEntries());
    }

    @Override
    public Verdict admit(String sourceAddress, String transport) {
        PikeConfig c = config;
        long now = clock.getAsLong();
        WindowTable.Window w = rates.window(sourceAddress, now);
        if (w == null ? c.exempt().contains(sourceAddress) : w.flagged) {
            return Verdict.ACCEPT;
        }
        if (bans.refuses(sourceAddress, now)) {
            return c.banForbids() ? Verdict.FORBID : Verdict.DROP;
        }
        if (w == null || c.density() <= 0) {
            return Verdict.ACCEPT;
        }
        int n = w.hit(now, c.samplingMillis());
        if (n <= c.density()) {
            return Verdict.ACCEPT;
        }
        ban(sourceAddress, Ban.FLOOD, n + " requests in " + c.samplingMillis() / 1000 + " s over " + transport, c);
        return Verdict.DROP; // the request that crossed the line: a flood gets no answer
    }

    @Override
    public void authenticationFailed(String sourceAddress, String user, int status) {
        PikeConfig c = config;
        if (c.exempt().contains(sourceAddress)) {
            return;
        }
        long now = clock.getAsLong();
        int bySource = count(sourceFailures, sourceAddress, now, c);
        int byUser = user == null ? 0 : count(userFailures, user, now, c);
        if (c.authFailUserThreshold() > 0 && byUser == c.authFailUserThreshold()) {
            LOG.warn(
                    "{} failed authentications for {} within {} s: every source that fails for it is banned",
                    byUser,
                    user,
                    c.authFailWindowMillis() / 1000);
        }
        if (c.authFailThreshold() > 0 && bySource >= c.authFailThreshold()) {
            ban(
                    sourceAddress,
                    Ban.AUTH_FAILURES,
                    bySource + " failed authentications in " + c.authFailWindowMillis() / 1000 + " s, the last for "
                            + user,
                    c);
        } else if (c.authFailUserThreshold() > 0 && byUser >= c.authFailUserThreshold()) {
            ban(
                    sourceAddress,
                    Ban.AUTH_FAILURES,
                    "a failed authentication for " + user + ", who had " + byUser + " in "
                            + c.authFailWindowMillis() / 1000 + " s",
                    c);
        }
    }

    private static int count(WindowTable table, String key, long now, PikeConfig c) {
        WindowTable.Window w = table.window(key, now);
        return w == null ? 0 : w.hit(now, c.authFailWindowMillis());
    }

    private void ban(String address, String cause, String detail, PikeConfig c) {
        if (bans.ban(address, cause, detail, clock.getAsLong(), c.banMillis(), c.maxEntries())) {
            LOG.warn(
                    "Banned {} for {} s ({}): {}; requests from it are {}",
                    address,
                    c.banMillis() / 1000,
                    cause,
                    detail,
                    c.banForbids() ? "answered 403" : "dropped");
        }
    }

    /** Housekeeping, every second: expired bans end, idle windows go. */
    void sweep() {
        PikeConfig c = config;
        long now = clock.getAsLong();
        for (String address : bans.sweep(now)) {
            sourceFailures.remove(address);
            LOG.info("Ban of {} ended", address);
        }
        rates.sweep(now, c.samplingMillis());
        sourceFailures.sweep(now, c.authFailWindowMillis());
        userFailures.sweep(now, c.authFailWindowMillis());
        boolean full = rates.full() || sourceFailures.full() || userFailures.full();
        if (full && !warnedFull) {
            LOG.warn("More than max_entries = {} sources or users at once: the newest are not counted", c.maxEntries());
        }
        warnedFull = full;
    }

    @Override
    public List<Ban> bans() {
        return bans.list(clock.getAsLong());
    }

    @Override
    public boolean unban(String address) {
        sourceFailures.remove(address);
        rates.remove(address);
        boolean lifted = bans.lift(address);
        if (lifted) {
            LOG.info("Ban of {} lifted by the operator", address);
        }
        return lifted;
    }

    @Override
    public int clearBans() {
        sourceFailures.clear();
        rates.clear();
        int n = bans.clear();
        LOG.info("{} bans lifted by the operator", n);
        return n;
    }

    @Override
    public Map<String, Integer> failuresBySource() {
        return sourceFailures.counts(clock.getAsLong(), config.authFailWindowMillis());
    }

    @Override
    public Map<String, Integer> failuresByUser() {
        return userFailures.counts(clock.getAsLong(), config.authFailWindowMillis());
    }

    @Override
    public int clearFailures() {
        return sourceFailures.clear() + userFailures.clear();
    }
}
