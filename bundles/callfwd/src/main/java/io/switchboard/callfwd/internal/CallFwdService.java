package io.switchboard.callfwd.internal;

import io.switchboard.dfks.DfksException;
import io.switchboard.dfks.DfksService;
import io.switchboard.dialog.DialogService;
import io.switchboard.settings.SettingsReader;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.PluginHelper;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call features in OSGi (PID {@code io.switchboard.callfwd}): the {@link CallFeatures} behind the
 * {@code callfwd:} endpoints, reading features through {@link DfksService} (so through the integrator's
 * {@code direct:dfks-get}) and telling the dialogs ({@link DialogService}, optional) what was decided. Local domains
 * are the proxy's ({@code domains} of {@code io.switchboard.proxy}), asked of the {@code proxy} component at each
 * check so that a change there applies here at once. Settings apply to the next call.
 */
@Component(
        service = CallFwdService.class,
        configurationPid = CallFwdSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = CallFwdSettings.class)
public class CallFwdService {

    private static final Logger LOG = LoggerFactory.getLogger(CallFwdService.class);
    /** Static: the last valid settings outlive a re-activation, so a bad value then keeps them too. */
    private static final SettingsReader<CallFwdSettings> SETTINGS = CallFwdConfig.reader(LOG::warn);

    @Reference(target = "(camel.context.name=switchboard)")
    CamelContext camelContext;

    @Reference
    DfksService dfks;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile DialogService dialogs;

    private CallFeatures features;

    @Activate
    void activate(Map<String, Object> props) {
        CallFwdConfig c = CallFwdConfig.of(SETTINGS.read(props), LOG::warn);
        features = new CallFeatures(c, this::read, new DialogLog(() -> dialogs), new TargetPolicy(this::isLocal));
        LOG.info("Call features ready: {}", c);
    }

    @Modified
    void modified(Map<String, Object> props) {
        CallFwdConfig c = CallFwdConfig.of(SETTINGS.read(props), LOG::warn);
        features.configure(c);
        LOG.info("Call features settings changed: {}", c);
    }

    private UserFeatures read(String user, String domain) {
        try {
            return UserFeatures.of(dfks.get(user, domain));
        } catch (DfksException e) {
            if (e.status() != 404) {
                LOG.warn(
                        "Features of {}@{} not read ({}): the call goes on without them", user, domain, e.getMessage());
            }
            return UserFeatures.NONE;
        }
    }

    /** One of the proxy's local domains (its component's {@code domains}); false without the proxy. */
    private boolean isLocal(String host) {
        Object proxy = camelContext.hasComponent("proxy");
        if (proxy == null) {
            return false;
        }
        Object domains =
                PluginHelper.getBeanIntrospection(camelContext).getOrElseProperty(proxy, "domains", null, false);
        return domains instanceof Collection<?> c && c.contains(host.toLowerCase(Locale.ROOT));
    }

    void apply(Exchange exchange) {
        features.apply(exchange);
    }

    void unavailable(Exchange exchange) {
        features.unavailable(exchange);
    }

    void failure(Exchange exchange) {
        features.failure(exchange);
    }

    void checkTarget(Exchange exchange) {
        features.checkTarget(exchange);
    }
}
