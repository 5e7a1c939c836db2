package io.switchboard.sip.internal;

import io.switchboard.sip.SipDialogDirectory;
import io.switchboard.sip.SipProxyCalls;
import io.switchboard.sip.SipProxyHeaders;
import io.switchboard.sip.SipProxyListener;
import io.switchboard.sip.SipRelayHandle;
import io.switchboard.sip.SipServerExchange;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.DefaultComponent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@code proxy} Camel component: {@code proxy:relay} relays the request of a {@code sip} consumer
 * exchange statefully (RFC 3261 16), {@code proxy:check} only runs its checks ({@link ProxyEndpoint}, options in
 * {@link ProxyConfiguration}, headers in {@link SipProxyHeaders}). It lives in the sip bundle because the relay works
 * on the JAIN-SIP server transaction of the incoming request and opens client transactions on the same stack.
 * <p>
 * Configuration PID {@code io.switchboard.proxy}, read into a {@link ProxyConfig}: {@code domains} (comma-separated
 * local domains; a request whose From and Request-URI hosts are both foreign is refused with 403) and
 * {@code supported_option_tags} (the Proxy-Require option tags the proxy accepts; others get 420). The advertised host
 * of the connector is always local; {@code preloaded_route} ({@code remove} or {@code refuse}: what a Route on a new
 * request gets, {@link PreloadedRoutes}). {@link SipProxyListener} services are told about every relayed message;
 * {@link SipDialogDirectory} services say which in-dialog requests belong to a tracked dialog ({@link RelayScope}).
 * Also the {@link SipProxyCalls} service: the INVITEs being forked ({@link RunningRelays}), registered by the
 * component that relays them so that a bundle adding a branch (pickup) finds the same relays the routes run.
 */
@Component(
        service = {org.apache.camel.Component.class, SipProxyCalls.class},
        property = "camel.name=proxy",
        configurationPid = "io.switchboard.proxy",
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ProxyComponent extends DefaultComponent implements SipProxyCalls {

    private final List<SipProxyListener> listeners = new CopyOnWriteArrayList<>();
    private final TrackedDialogs dialogs = new TrackedDialogs();
    private volatile ProxyConfig config = ProxyConfig.DEFAULTS;
    private final RunningRelays relays = new RunningRelays();

    public ProxyComponent() {}

    @Activate
    @Modified
    void configure(Map<String, Object> properties) {
        config = ProxyConfig.from(properties);
    }

    /** The settings in force (one volatile read: producers take it once per request). */
    ProxyConfig config() {
        return config;
    }

    /** What the proxy relays at all under the settings in force (taken once per request). */
    RelayScope scope() {
        ProxyConfig c = config;
        return new RelayScope(c.domains(), c.preloadedRoutes(), dialogs);
    }

    /** The INVITEs being forked by this component's relays. */
    RunningRelays relays() {
        return relays;
    }

    @Override
    public SipRelayHandle byCallId(String callId) {
        return relays.byCallId(callId);
    }

    @Override
    public SipRelayHandle of(SipServerExchange server) {
        return relays.of(server);
    }

    /** Local domains (the advertised host of the connector is local too). */
    public Set<String> getDomains() {
        return config.domains();
    }

    @Metadata(
            defaultValue = ProxyConfig.DEFAULT_DOMAINS,
            description = "Local domains, comma-separated (Config Admin:"
                    + " domains): a request whose From and Request-URI hosts are both foreign gets 403; the connector's"
                    + " advertised host is always local")
    public void setDomains(String csv) {
        config = config.withDomains(csv);
    }

    /** The Proxy-Require option tags the proxy accepts, comma-separated (empty: none). */
    public String getSupportedOptionTags() {
        return String.join(",", config.proxyRequire().supported());
    }

    @Metadata(
            description = "Proxy-Require option tags the proxy supports, comma-separated (Config Admin:"
                    + " supported_option_tags); default none: any other tag gets 420 Bad Extension")
    public void setSupportedOptionTags(String csv) {
        config = config.withSupportedOptionTags(csv);
    }

    /** What a Route on a new request gets: {@code remove} or {@code refuse}. */
    public String getPreloadedRoute() {
        return config.preloadedRoutes().toString();
    }

    @Metadata(
            defaultValue = ProxyConfig.DEFAULT_PRELOADED_ROUTE,
            enums = "remove,refuse",
            description = "What a Route"
                    + " on a new request (no To tag) gets (Config Admin: preloaded_route): remove (every Route "
                    + "removed before"
                    + " relaying, as Kamailio's stock configuration) or refuse (403 when one is not us)")
    public void setPreloadedRoute(String value) {
        config = config.withPreloadedRoute(value);
    }

    @Reference(
            service = SipDialogDirectory.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    public void addDialogDirectory(SipDialogDirectory directory) {
        dialogs.add(directory);
    }

    public void removeDialogDirectory(SipDialogDirectory directory) {
        dialogs.remove(directory);
    }

    @Reference(
            service = SipProxyListener.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    public void addListener(SipProxyListener listener) {
        listeners.add(listener);
    }

    public void removeListener(SipProxyListener listener) {
        listeners.remove(listener);
    }

    List<SipProxyListener> listeners() {
        return listeners;
    }

    /** Binds the options to a {@link ProxyConfiguration} first, as camel-netty does; the rest to the endpoint. */
    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        ProxyConfiguration configuration = new ProxyConfiguration();
        configuration.setAction(remaining);
        setProperties(configuration, parameters);
        ProxyEndpoint endpoint = new ProxyEndpoint(uri, this, configuration);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
