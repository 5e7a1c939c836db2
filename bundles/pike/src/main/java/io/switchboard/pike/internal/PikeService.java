package io.switchboard.pike.internal;

import io.switchboard.pike.Ban;
import io.switchboard.pike.SourceBans;
import io.switchboard.registrar.AuthenticationListener;
import io.switchboard.settings.SettingsReader;
import io.switchboard.sip.SipSourceGuard;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pike component: one {@link Pike} with the settings of PID {@code io.switchboard.pike} (applied in place when they
 * change), offered as the sip component's {@link SipSourceGuard}, as the registrar's {@link AuthenticationListener}
 * and as {@link SourceBans} for the shell and REST; a timer sweeps expired bans and idle counters every second. Bans
 * live in memory only: a restart lifts them, as a restart of Kamailio empties its htable.
 */
@Component(
        service = {SipSourceGuard.class, AuthenticationListener.class, SourceBans.class},
        configurationPid = PikeSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PikeSettings.class)
public class PikeService implements SipSourceGuard, AuthenticationListener, SourceBans {

    private static final Logger LOG = LoggerFactory.getLogger(PikeService.class);
    /** Static: the last valid settings outlive a re-activation, so a bad value then keeps them too. */
    private static final SettingsReader<PikeSettings> SETTINGS = PikeConfig.reader(LOG::warn);

    private Pike pike;
    private ScheduledExecutorService timer;

    @Activate
    void activate(Map<String, Object> config) {
        PikeConfig c = PikeConfig.of(SETTINGS.read(config));
        pike = new Pike(c, System::currentTimeMillis);
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-pike-sweeper");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
        LOG.info("Pike ready: {}", c);
    }

    @Modified
    void modified(Map<String, Object> config) {
        PikeConfig c = PikeConfig.of(SETTINGS.read(config));
        pike.configure(c);
        LOG.info("Pike settings changed: {}", c);
    }

    @Deactivate
    void deactivate() {
        timer.shutdownNow();
    }

    private void sweep() {
        try {
            pike.sweep();
        } catch (RuntimeException e) {
            LOG.warn("Pike sweep failed (retried in a second)", e);
        }
    }

    @Override
    public Verdict admit(String sourceAddress, String transport) {
        return pike.admit(sourceAddress, transport);
    }

    @Override
    public void authenticationFailed(String sourceAddress, String user, int status) {
        pike.authenticationFailed(sourceAddress, user, status);
    }

    @Override
    public List<Ban> bans() {
        return pike.bans();
    }

    @Override
    public boolean unban(String address) {
        return pike.unban(address);
    }

    @Override
    public int clearBans() {
        return pike.clearBans();
    }

    @Override
    public Map<String, Integer> failuresBySource() {
        return pike.failuresBySource();
    }

    @Override
    public Map<String, Integer> failuresByUser() {
        return pike.failuresByUser();
    }

    @Override
    public int clearFailures() {
        return pike.clearFailures();
    }
}
