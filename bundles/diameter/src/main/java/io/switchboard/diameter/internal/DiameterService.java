package io.switchboard.diameter.internal;

import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.diameter.DiameterException;
import io.switchboard.diameter.DiameterMessage;
import io.switchboard.diameter.DiameterPeerInfo;
import io.switchboard.diameter.DiameterRequestHandler;
import io.switchboard.diameter.DiameterStack;
import io.switchboard.settings.SettingsReader;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
 * cannot connect) and a warning in the log until the next change. Other bundles use it as the {@link DiameterStack}
 * service: it forwards to the node of the moment, so their reference survives the restarts too.
 */
@Component(
        service = {DiameterService.class, DiameterStack.class},
        configurationPid = DiameterSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DiameterSettings.class)
public class DiameterService implements DiameterStack {

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

    private DiameterStack running() {
        DiameterStack n = node;
        if (n == null) {
            throw new DiameterException("the Diameter node is not running (see karaf.log)");
        }
        return n;
    }

    @Override
    public String originHost() {
        return running().originHost();
    }

    @Override
    public String originRealm() {
        return running().originRealm();
    }

    @Override
    public DiameterDictionary dictionary() {
        return DiameterDictionary.standard();
    }

    @Override
    public DiameterMessage newRequest(String command, String destinationRealm) {
        return running().newRequest(command, destinationRealm);
    }

    @Override
    public CompletableFuture<DiameterMessage> send(String peer, DiameterMessage request, long timeoutMs) {
        DiameterStack n = node;
        return n == null
                ? CompletableFuture.failedFuture(new DiameterException("the Diameter node is not running"))
                : n.send(peer, request, timeoutMs);
    }

    @Override
    public long requestTimeoutMillis() {
        return running().requestTimeoutMillis();
    }

    @Override
    public List<DiameterPeerInfo> peers() {
        DiameterStack n = node;
        return n == null ? List.of() : n.peers();
    }

    /**
     * How many peers are in the state {@code state} ({@code OPEN}, {@code WAIT_CER}, {@code WAIT_CEA},
     * {@code CLOSING}, {@code CLOSED}); 0 for all while no node runs. Takes no lock (the metrics' gauge).
     */
    public int peersIn(String state) {
        DiameterNode n = node;
        return n == null
                ? 0
                : n.peerStates()[PeerConnection.State.valueOf(state).ordinal()];
    }

    @Override
    public AutoCloseable register(long applicationId, DiameterRequestHandler handler) {
        return registry.register(applicationId, handler);
    }
}
