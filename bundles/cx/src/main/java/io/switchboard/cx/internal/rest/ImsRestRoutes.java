package io.switchboard.cx.internal.rest;

import io.switchboard.cx.CxDelivery;
import io.switchboard.cx.HssRequests;
import io.switchboard.cx.ImsStore;
import io.switchboard.cx.ImsStoreException;
import io.switchboard.cx.PrivateIdentity;
import io.switchboard.cx.PublicIdentity;
import io.switchboard.cx.Registration;
import io.switchboard.cx.Scscf;
import io.switchboard.cx.ServiceProfile;
import io.switchboard.cx.internal.ImsInput;
import io.switchboard.http.RestException;
import io.switchboard.http.RestRoutes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The IMS subscriber store over REST, {@code /api/ims/...}: private identities (secrets never leave: which are
 * stored is shown, not their values), public identities with their registration state, service profiles, the
 * S-CSCF pool. PUT adds or replaces (201 / 200), DELETE answers 204 or 404. Served by the http bundle when installed
 * (optional import), which applies the API's security checks before any of these routes.
 */
@Component(service = RestRoutes.class)
public class ImsRestRoutes extends RestRoutes {

    /** How long a REST call waits for the RTAs/PPAs; each request also has the Diameter node's own time-out. */
    private static final long DELIVERY_WAIT_SECONDS = 60;

    @Reference
    ImsStore store;

    /** Present while a Diameter node runs (RTR/PPR); without it the profile edits still work. */
    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile HssRequests requests;

    @Override
    public void configure() {
        rest("/api/ims")
                .description("IMS subscribers of the HSS (Cx)")
                .get("/private-identities")
                .to("direct:switchboard-ims-impi-list")
                .get("/private-identities/{impi}")
                .to("direct:switchboard-ims-impi-get")
                .put("/private-identities/{impi}")
                .type(Map.class)
                .description("{realm, password | ha1 | k + opc|op [+ amf, sqn], roamingAllowed, publicIdentities: "
                        + "[impu ...]}: the links are set to exactly that list")
                .to("direct:switchboard-ims-impi-put")
                .delete("/private-identities/{impi}")
                .to("direct:switchboard-ims-impi-delete")
                .get("/public-identities")
                .to("direct:switchboard-ims-impu-list")
                .get("/public-identities/{impu}")
                .to("direct:switchboard-ims-impu-get")
                .put("/public-identities/{impu}")
                .type(Map.class)
                .description("{serviceProfile, barred, implicitSet, identityType}")
                .to("direct:switchboard-ims-impu-put")
                .delete("/public-identities/{impu}")
                .to("direct:switchboard-ims-impu-delete")
                .get("/profiles")
                .to("direct:switchboard-ims-profile-list")
                .get("/profiles/{name}")
                .to("direct:switchboard-ims-profile-get")
                .put("/profiles/{name}")
                .type(Map.class)
                .description("{xml: \"<ServiceProfile>...\", mandatoryCapabilities: [], optionalCapabilities: []}")
                .to("direct:switchboard-ims-profile-put")
                .delete("/profiles/{name}")
                .to("direct:switchboard-ims-profile-delete")
                .get("/scscfs")
                .to("direct:switchboard-ims-scscf-list")
                .put("/scscfs/{name}")
                .type(Map.class)
                .description("{diameterHost, capabilities: [], priority}")
                .to("direct:switchboard-ims-scscf-put")
                .delete("/scscfs/{name}")
                .to("direct:switchboard-ims-scscf-delete")
                .delete("/registrations/{identity}")
                .description("network-initiated de-registration: RTR to the S-CSCF on record "
                        + "(?reasonCode=0..3&reasonInfo=...); answers the deliveries")
                .to("direct:switchboard-ims-deregister")
                .post("/private-identities/{impi}/push-profile")
                .description("PPR with the current User-Data to the S-CSCF holding the user; answers the deliveries")
                .to("direct:switchboard-ims-push-profile");

        route(
                "impi-list",
                e -> Map.of(
                        "privateIdentities",
                        store.privateIdentities().stream().map(this::json).toList()));
        route("impi-get", e -> json(found(store.privateIdentity(path(e, "impi")), "private identity")));
        route("impi-put", this::putPrivate);
        route("impi-delete", e -> deleted(e, store.removePrivateIdentity(path(e, "impi")), "private identity", "impi"));
        route(
                "impu-list",
                e -> Map.of(
                        "publicIdentities",
                        store.publicIdentities().stream().map(this::json).toList()));
        route("impu-get", e -> json(found(store.publicIdentity(path(e, "impu")), "public identity")));
        route("impu-put", this::putPublic);
        route("impu-delete", e -> deleted(e, store.removePublicIdentity(path(e, "impu")), "public identity", "impu"));
        route(
                "profile-list",
                e -> Map.of(
                        "profiles",
                        store.serviceProfiles().stream().map(this::json).toList()));
        route("profile-get", e -> json(found(store.serviceProfile(path(e, "name")), "service profile")));
        route("profile-put", this::putProfile);
        route(
                "profile-delete",
                e -> deleted(e, store.removeServiceProfile(path(e, "name")), "service profile", "name"));
        route(
                "scscf-list",
                e -> Map.of("scscfs", store.scscfs().stream().map(this::json).toList()));
        route("scscf-put", this::putScscf);
        route("scscf-delete", e -> deleted(e, store.removeScscf(path(e, "name")), "S-CSCF", "name"));
        route("deregister", this::deregister);
        route("push-profile", e -> deliveries(requests().pushProfile(path(e, "impi"))));
    }

    Object deregister(Exchange e) throws Exception {
        String identity = path(e, "identity");
        Integer reason = e.getMessage().getHeader("reasonCode", 0, Integer.class);
        if (reason < 0 || reason > 3) {
            throw new IllegalArgumentException("reasonCode is 0..3, got " + reason);
        }
        if (store.publicIdentity(identity).isEmpty()
                && store.privateIdentity(identity).isEmpty()) {
            throw new RestException(404, "no private or public identity " + identity);
        }
        String info = e.getMessage().getHeader("reasonInfo", String.class);
        return deliveries(requests().deregister(identity, reason, info));
    }

    private HssRequests requests() {
        HssRequests r = requests;
        if (r == null) {
            throw new RestException(503, "no Diameter node: RTR/PPR cannot be sent");
        }
        return r;
    }

    /** Waits for the answers (each request has the Diameter node's time-out) and lists them. */
    private static Object deliveries(CompletionStage<List<CxDelivery>> sent) throws Exception {
        List<CxDelivery> out = sent.toCompletableFuture().get(DELIVERY_WAIT_SECONDS, TimeUnit.SECONDS);
        List<Map<String, Object>> list = new ArrayList<>();
        for (CxDelivery d : out) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("command", d.command());
            m.put("destinationHost", d.destinationHost());
            m.put("impi", d.impi());
            m.put("delivered", d.delivered());
            if (d.result() != null) {
                m.put("resultCode", d.result().code());
                m.put("experimental", d.result().experimental());
            }
            if (d.error() != null) {
                m.put("error", d.error());
            }
            list.add(m);
        }
        return Map.of("deliveries", list);
    }

    private void route(String name, Handler handler) {
        from("direct:switchboard-ims-" + name)
                .routeId("switchboard-ims-" + name)
                .process(e -> {
                    try {
                        e.getMessage().setBody(handler.handle(e));
                    } catch (IllegalArgumentException x) {
                        throw new RestException(400, x.getMessage());
                    } catch (ImsStoreException x) {
                        throw new RestException(409, x.getMessage());
                    }
                });
    }

    Object putPrivate(Exchange e) {
        Map<?, ?> in = body(e);
        String impi = ImsInput.impi(path(e, "impi"));
        PrivateIdentity p = ImsInput.privateIdentity(
                impi,
                ImsInput.string(in, "realm"),
                ImsInput.string(in, "password"),
                ImsInput.string(in, "ha1"),
                ImsInput.string(in, "k"),
                ImsInput.string(in, "opc"),
                ImsInput.string(in, "op"),
                ImsInput.string(in, "amf"),
                ImsInput.number(in, "sqn"),
                ImsInput.flag(in, "roamingAllowed"));
        List<String> impus = new ArrayList<>();
        Object list = in.get("publicIdentities");
        if (list != null) {
            if (!(list instanceof List<?> l)) {
                throw new IllegalArgumentException("\"publicIdentities\" must be an array of public identities");
            }
            for (Object o : l) {
                String impu = ImsInput.impu(o instanceof String s ? s : null);
                if (store.publicIdentity(impu).isEmpty()) {
                    throw new IllegalArgumentException("no public identity " + impu + ": add it first");
                }
                impus.add(impu);
            }
        }
        boolean existed = store.privateIdentity(impi).isPresent();
        store.putPrivateIdentity(p);
        if (list != null) {
            for (String old : store.publicIdentitiesOf(impi)) {
                if (!impus.contains(old)) {
                    store.unlink(impi, old);
                }
            }
            for (String impu : impus) {
                store.link(impi, impu);
            }
        }
        return created(e, existed, json(found(store.privateIdentity(impi), "private identity")));
    }

    Object putPublic(Exchange e) {
        Map<?, ?> in = body(e);
        Long type = ImsInput.number(in, "identityType");
        PublicIdentity p = ImsInput.publicIdentity(
                path(e, "impu"),
                ImsInput.flag(in, "barred"),
                ImsInput.string(in, "implicitSet"),
                ImsInput.string(in, "serviceProfile"),
                type == null ? 0 : type.intValue());
        if (store.serviceProfile(p.serviceProfile()).isEmpty()) {
            throw new IllegalArgumentException("no service profile " + p.serviceProfile() + ": add it first");
        }
        boolean existed = store.publicIdentity(p.impu()).isPresent();
        store.putPublicIdentity(p);
        return created(e, existed, json(p));
    }

    Object putProfile(Exchange e) {
        Map<?, ?> in = body(e);
        ServiceProfile p = ImsInput.serviceProfile(
                path(e, "name"),
                ImsInput.string(in, "xml"),
                ImsInput.capabilities(in.get("mandatoryCapabilities")),
                ImsInput.capabilities(in.get("optionalCapabilities")));
        boolean existed = store.serviceProfile(p.name()).isPresent();
        store.putServiceProfile(p);
        HssRequests r = requests;
        if (existed && r != null) {
            // the S-CSCFs holding users of the profile get it at once (TS 29.228 §6.5.2.1); answers are logged
            r.pushProfileChange(p.name());
        }
        return created(e, existed, json(p));
    }

    Object putScscf(Exchange e) {
        Map<?, ?> in = body(e);
        Long priority = ImsInput.number(in, "priority");
        Scscf s = ImsInput.scscf(
                path(e, "name"),
                ImsInput.string(in, "diameterHost"),
                ImsInput.capabilities(in.get("capabilities")),
                priority == null ? 0 : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, priority)));
        boolean existed = store.scscfs().stream().anyMatch(x -> x.name().equals(s.name()));
        store.putScscf(s);
        return created(e, existed, json(s));
    }

    /** Never a password, HA1, K or OPc: which of them are stored. */
    Map<String, Object> json(PrivateIdentity p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("impi", p.impi());
        m.put("realm", p.realm());
        List<String> secrets = new ArrayList<>();
        if (p.secret() != null) {
            secrets.add("password");
        }
        if (p.ha1() != null) {
            secrets.add("ha1");
        }
        if (p.hasAka()) {
            secrets.add("aka");
            m.put("amf", p.akaAmf() == null ? "8000" : p.akaAmf());
            m.put("sqn", p.akaSqn());
        }
        m.put("secrets", secrets);
        m.put("roamingAllowed", p.roamingAllowed());
        m.put("publicIdentities", store.publicIdentitiesOf(p.impi()));
        return m;
    }

    Map<String, Object> json(PublicIdentity p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("impu", p.impu());
        m.put("serviceProfile", p.serviceProfile());
        m.put("barred", p.barred());
        m.put("implicitSet", p.irsId());
        m.put("identityType", p.identityType());
        m.put("privateIdentities", store.privateIdentitiesOf(p.impu()));
        Registration r = store.registration(p.impu());
        m.put("state", r.state().name());
        m.put("scscf", r.scscf());
        return m;
    }

    Map<String, Object> json(ServiceProfile p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("xml", p.ifcXml());
        m.put("mandatoryCapabilities", p.mandatoryCapabilities());
        m.put("optionalCapabilities", p.optionalCapabilities());
        return m;
    }

    Map<String, Object> json(Scscf s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("diameterHost", s.diameterHost());
        m.put("capabilities", s.capabilities());
        m.put("priority", s.priority());
        return m;
    }

    private static Object created(Exchange e, boolean existed, Object body) {
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, existed ? 200 : 201);
        return body;
    }

    static Object deleted(Exchange e, boolean removed, String what, String param) {
        if (!removed) {
            throw new RestException(404, "no " + what + " " + path(e, param));
        }
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 204);
        return null;
    }

    private static <T> T found(Optional<T> value, String what) {
        return value.orElseThrow(() -> new RestException(404, "no such " + what));
    }

    private static Map<?, ?> body(Exchange e) {
        if (!(e.getMessage().getBody() instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("the body must be a JSON object");
        }
        return m;
    }

    private static String path(Exchange e, String name) {
        String v = e.getMessage().getHeader(name, String.class);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return v.trim();
    }

    @FunctionalInterface
    private interface Handler {
        Object handle(Exchange e) throws Exception;
    }
}
