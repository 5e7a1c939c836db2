package io.switchboard.diameter.internal;

import io.switchboard.diameter.DiameterStack;
import io.switchboard.settings.SettingsReader;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's Diameter node in OSGi (PID {@code io.switchboard.diameter}). A settings change restarts the node
 * (DPR to the peers, new server socket) inside this component, so the {@code diameter} component and its
 * consumers' handlers stay registered; a port that cannot be bound leaves no node (requests to send fail, peers
 * cannot connect) and a warning in the log until the next change.
 */
@Component(
        service = DiameterService.class,
        configurationPid = DiameterSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DiameterSettings.class)
public class DiameterService {

    private static final Logger LOG = LoggerFactory.getLogger(DiameterService.class);
    /** Static: the last valid settings outlive a re-activation, so a bad value then keeps them too. */
    private static final SettingsReader<DiameterSettings> SETTINGS = DiameterConfig.reader(LOG::warn);

    private final HandlerRegistry registry = new HandlerRegistry();
    private volatile DiameterNode node;

    @Activate
    void activate(Map<String, Object> props) {
        start(DiameterConfig.of(SETTINGS.read(props)));
    }

    @Modified
    synchronized void modified(Map<String, Object> props) {
        DiameterConfig c = DiameterConfig.of(SETTINGS.read(props));
        if (node != null && c.equals(node.config())) {
            return;
        }
        stopNode();
        start(c);
    }

    @Deactivate
    synchronized void deactivate() {
        stopNode();
    }

    private synchronized void start(DiameterConfig c) {
        DiameterNode n = new DiameterNode(c, registry);
        try {
            n.start();
            node = n;
        } catch (Exception e) {
            LOG.warn("Diameter node cannot start on {}:{}: {}", c.host(), c.port(), e.toString());
            n.stop();
        }
    }

    private void stopNode() {
        DiameterNode n = node;
        node = null;
        if (n != null) {
            n.stop();
        }
    }

    /** The running node, or null. */
    DiameterStack stack() {
        return node;
    }

    HandlerRegistry registry() {
        return registry;
    }
}
