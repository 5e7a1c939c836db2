package io.switchboard.sip.internal;

import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipRequestOwner;
import io.switchboard.sip.SipSourceGuard;
import io.switchboard.sip.SipStatistics;
import io.switchboard.sip.SipStatisticsProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.Endpoint;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.service.ServiceHelper;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Switchboard's {@code sip} Camel component on JAIN-SIP RI. Registered in the OSGi service registry
 * with {@code camel.name=sip}, where the platform CamelContext picks it up.
 * <p>
 * Endpoints with the same {@code host:port} share one {@link SipConnector} (one stack, one socket per
 * transport); a connector starts with its first consumer or producer and stops with its last. Stopping
 * the component stops every connector, so a stopped and restarted CamelContext binds its ports again.
 * <p>
 * A {@link SipSourceGuard} service, when there is one (bundles/pike), is asked by every connector for every request
 * before it is parsed; it comes and goes at any time (a volatile read per request, no lock). The
 * {@link SipRequestOwner} services (bundles/ussd) name the requests they own in {@link SipHeaders#OWNER} before
 * the route runs (a volatile read and, per owner, its own header test per request).
 * <p>
 * Under SCR the connectors answer every request {@code 503} with {@code Retry-After} until the core registers its
 * platform-ready service ({@value #PLATFORM_READY}, a plain {@link BooleanSupplier} so that neither bundle imports the
 * other): a connector opens once, at the first load of the route files, and starts routing when the features of the
 * boot are installed ({@link ServingGate}, {@code docs/decisions.md} §32). Every reference is dynamic, so a
 * collaborator that arrives late joins the running connectors instead of restarting them.
 */
@Component(
        service = {org.apache.camel.Component.class, SipStatisticsProvider.class},
        property = "camel.name=sip")
public class SipComponent extends DefaultComponent implements SipStatisticsProvider {

    /** The target of the core's platform-ready service (bundles/core {@code PlatformReadiness}). */
    public static final String PLATFORM_READY = "(switchboard.platform=ready)";

    private static final SipRequestOwner[] NO_OWNERS = {};

    private final Map<String, SipConnector> connectors = new HashMap<>();
    private volatile SipSourceGuard guard;
    /** Copied on write: read for every request without a lock. */
    private volatile SipRequestOwner[] owners = NO_OWNERS;

    private volatile ServingGate gate = ServingGate.open();
    private volatile boolean platformReady;

    public SipComponent() {}

    /**
     * SCR activates the component: its connectors wait for the platform unless the core said already that it is
     * ready (SCR binds the dynamic references before it activates).
     */
    @Activate
    synchronized void activate() {
        if (!platformReady) {
            gate = ServingGate.closed();
        }
    }

    @Reference(
            service = BooleanSupplier.class,
            target = PLATFORM_READY,
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindPlatformReady(BooleanSupplier ready) {
        platformReady = true;
        gate.ready();
    }

    /**
     * The core stops (its bundle goes, or the platform shuts down). The gate stays open: the core takes its routes,
     * and with them the connectors; a core that comes back finds this component serving, as after a boot.
     */
    synchronized void unbindPlatformReady(BooleanSupplier ready) {
        platformReady = false;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        SipEndpoint endpoint = new SipEndpoint(uri, this);
        endpoint.parseAddress(remaining);
        setProperties(endpoint, parameters);
        if (!endpoint.isReply()) {
            endpoint.connectorConfig(); // fail fast on bad options
        }
        return endpoint;
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setGuard(SipSourceGuard g) {
        this.guard = g;
    }

    void unsetGuard(SipSourceGuard g) {
        if (this.guard == g) {
            this.guard = null;
        }
    }

    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addOwner(SipRequestOwner owner) {
        List<SipRequestOwner> list = new ArrayList<>(List.of(owners));
        list.add(owner);
        owners = list.toArray(NO_OWNERS);
    }

    synchronized void removeOwner(SipRequestOwner owner) {
        List<SipRequestOwner> list = new ArrayList<>(List.of(owners));
        list.remove(owner);
        owners = list.toArray(NO_OWNERS);
    }

    /** Sets {@link SipHeaders#OWNER} on a request (mapped) that a {@link SipRequestOwner} owns. */
    void nameOwner(Message request) {
        for (SipRequestOwner owner : owners) {
            if (owner.owns(request)) {
                request.setHeader(SipHeaders.OWNER, owner.name());
                return;
            }
        }
    }

    /** The connector for the endpoint's address, started on first use. */
    synchronized SipConnector acquire(SipEndpoint endpoint) throws Exception {
        ConnectorConfig config = endpoint.connectorConfig();
        String key = config.address();
        SipConnector connector = connectors.get(key);
        if (connector != null) {
            if (!connector.config().equals(config)) {
                throw new IllegalArgumentException("SIP connector " + key + " already runs with " + connector.config()
                        + "; endpoint " + endpoint.getEndpointUri() + " asks for " + config);
            }
        } else {
            connector = new SipConnector(config, () -> guard, () -> gate.serving());
            connector.start();
            connectors.put(key, connector);
        }
        connector.users++;
        return connector;
    }

    /** One user less; the last one stops the connector and frees its ports. */
    synchronized void release(SipConnector connector) {
        if (connectors.get(connector.config().address()) != connector) {
            return; // already stopped with the component
        }
        if (--connector.users <= 0) {
            connectors.remove(connector.config().address());
            connector.stop();
        }
    }

    @Override
    public synchronized List<SipStatistics> statistics() {
        List<SipStatistics> list = new ArrayList<>(connectors.values());
        list.sort(Comparator.comparing(SipStatistics::address));
        return list;
    }

    @Override
    protected void doStop() throws Exception {
        List<SipConnector> running;
        synchronized (this) {
            running = new ArrayList<>(connectors.values());
            connectors.clear();
        }
        // a JAIN-SIP stack takes about a second to stop: stop them side by side
        List<Thread> stoppers = new ArrayList<>();
        for (SipConnector c : running) {
            Thread t = new Thread(c::stop, "sip-stop-" + c.config().address());
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            t.join();
        }
        super.doStop();
    }

    /** The bundle or the DS component goes away: free every socket. */
    @Deactivate
    void deactivate() {
        ServiceHelper.stopService(this);
    }
}
