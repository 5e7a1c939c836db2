package io.switchboard.hep.internal;

import io.switchboard.settings.SettingsReader;
import io.switchboard.sip.SipCapture;
import java.net.InetSocketAddress;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HEP capture on or off as {@code etc/io.switchboard.hep.cfg} says: while {@code enabled}, a {@link SipCapture}
 * service is registered (the sip bundle then mirrors every message to it; without it the SIP path does no capture
 * work at all) and its packets go to the collector through a {@link HepSender}. Saving the file applies at once.
 */
@Component(
        configurationPid = HepSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        immediate = true,
        service = HepComponent.class)
@Designate(ocd = HepSettings.class)
public class HepComponent {

    private static final Logger LOG = LoggerFactory.getLogger(HepComponent.class);
    /** Static: the last valid settings outlive a re-activation, so a bad value then keeps them too. */
    private static final SettingsReader<HepSettings> SETTINGS =
            new SettingsReader<>(HepSettings.PID, HepSettings.class, LOG::warn);

    private final HepCounters counters = new HepCounters();
    private BundleContext bundle;
    private HepSender sender;
    private ServiceRegistration<SipCapture> registration;

    @Activate
    synchronized void activate(BundleContext context, Map<String, Object> config) {
        bundle = context;
        apply(SETTINGS.read(config));
    }

    @Modified
    synchronized void modified(Map<String, Object> config) {
        stop();
        apply(SETTINGS.read(config));
    }

    @Deactivate
    synchronized void deactivate() {
        stop();
    }

    /** What became of the captured messages. */
    public HepCounters counters() {
        return counters;
    }

    /** Packets waiting for the sender (0 when capture is off). */
    public synchronized int queued() {
        return sender == null ? 0 : sender.queued();
    }

    private void apply(HepSettings s) {
        if (!s.enabled()) {
            LOG.info("HEP capture off");
            return;
        }
        boolean tcp = "tcp".equals(s.transport());
        sender = new HepSender(new InetSocketAddress(s.host(), s.port()), tcp, s.queue_size(), counters);
        registration = bundle.registerService(
                SipCapture.class,
                new HepCapture(sender, s.capture_id(), s.auth_key(), s.correlation(), counters),
                null);
        LOG.info(
                "HEP capture on: every SIP message to {}:{} over {} (capture id {}{})",
                s.host(),
                s.port(),
                s.transport(),
                s.capture_id(),
                s.auth_key().isEmpty() ? "" : ", with auth key");
    }

    private void stop() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (sender != null) {
            sender.close();
            sender = null;
        }
    }
}
