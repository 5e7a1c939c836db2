package io.switchboard.pickup.internal;

import io.switchboard.dialog.DialogService;
import io.switchboard.pickup.PickupGroups;
import io.switchboard.pickup.PickupHeaders;
import io.switchboard.settings.SettingsReader;
import io.switchboard.sip.SipAddresses;
import io.switchboard.sip.SipAnswers;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipProxyCalls;
import io.switchboard.sip.SipProxyHeaders;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call pickup in OSGi (PID {@code io.switchboard.pickup}): {@code pickup:pick} on the picker's INVITE reads the
 * Request-URI, the authenticated From and the Contact, runs {@link CallPickup} against the dialog bundle's live dialogs
 * and the proxy's running relays ({@code SipProxyCalls}), and answers through {@code SipStatus}/{@code SipReason}.
 * Only a caller of our domains may pick up ({@code SipProxyLocalCaller}, set by {@code proxy:check}; the route
 * authenticates it before): others get 403. Settings apply to the next pickup.
 */
@Component(
        service = PickupService.class,
        configurationPid = PickupSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = PickupSettings.class)
public class PickupService {

    private static final Logger LOG = LoggerFactory.getLogger(PickupService.class);
    /** Static: the last valid settings outlive a re-activation, so a bad value then keeps them too. */
    private static final SettingsReader<PickupSettings> SETTINGS = PickupConfig.reader(LOG::warn);

    @Reference
    PickupGroups groups;

    @Reference
    DialogService dialogs;

    @Reference
    SipProxyCalls calls;

    private volatile PickupConfig config = PickupConfig.DEFAULTS;
    private CallPickup pickup;

    @Activate
    @Modified
    void configure(Map<String, Object> props) {
        config = PickupConfig.of(SETTINGS.read(props));
        pickup = new CallPickup(groups, dialogs::live, calls);
        LOG.info("Call pickup ready: {}", config);
    }

    /** {@code pickup:pick}: the picker's INVITE. A Request-URI that is no pickup code passes untouched. */
    void pick(Exchange exchange) {
        Message m = exchange.getMessage();
        String requestUri = m.getHeader(SipHeaders.REQUEST_URI, String.class);
        String target = SipAddresses.aor(requestUri);
        if (target == null) {
            return;
        }
        int at = target.lastIndexOf('@');
        PickupConfig c = config;
        String dialled = target.substring(0, at);
        if (!dialled.startsWith(c.prefix())) {
            return;
        }
        String picker = SipAddresses.aor(m.getHeader(SipHeaders.FROM_URI, String.class));
        CallPickup.Outcome o;
        if (!Boolean.TRUE.equals(m.getHeader(SipProxyHeaders.LOCAL_CALLER, Boolean.class))) {
            o = CallPickup.Outcome.refused(403, "Pickup Only For Our Users", null);
        } else {
            o = pickup.pick(
                    c, dialled, target.substring(at + 1), picker, m.getHeader(SipHeaders.CONTACT, String.class));
        }
        if (o.kind() != null) {
            m.setHeader(PickupHeaders.KIND, o.kind());
        }
        if (o.callId() != null) {
            m.setHeader(PickupHeaders.CALL_ID, o.callId());
            m.setHeader(PickupHeaders.CALLEE, o.callee());
            LOG.info("{} picked up call {} ringing at {} ({} pickup)", picker, o.callId(), o.callee(), o.kind());
        }
        SipAnswers.answer(m, o.status(), o.reason());
    }
}
