package io.switchboard.events.internal.push;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Camel component {@code push} (RFC 8599, routes/push.xml): {@code push:notify} POSTs a push per push-capable
 * contact of the call, {@code push:woken} turns a pushed device's REGISTER into a branch for {@code proxy:branch}.
 */
@Component(service = org.apache.camel.Component.class, property = "camel.name=push")
public class PushComponent extends DefaultComponent {

    static final String NOTIFY = "notify";
    static final String WOKEN = "woken";

    @Reference
    PushService service;

    public PushComponent() {}

    /** Outside OSGi (tests). */
    public PushComponent(PushService service) {
        this.service = service;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        if (!NOTIFY.equals(remaining) && !WOKEN.equals(remaining)) {
            throw new IllegalArgumentException("push: has push:notify and push:woken, not push:" + remaining);
        }
        return new PushEndpoint(uri, this, remaining, service);
    }
}
