package io.switchboard.cx.internal.diameter;

import io.switchboard.cx.CxDelivery;
import io.switchboard.cx.CxResult;
import io.switchboard.cx.Hss;
import io.switchboard.cx.HssRequests;
import io.switchboard.cx.ImsStore;
import io.switchboard.cx.ProfilePush;
import io.switchboard.cx.PublicIdentity;
import io.switchboard.cx.RegistrationTermination;
import io.switchboard.cx.Scscf;
import io.switchboard.diameter.Avp;
import io.switchboard.diameter.AvpCodes;
import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.diameter.DiameterMessage;
import io.switchboard.diameter.DiameterPeerInfo;
import io.switchboard.diameter.DiameterStack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the HSS's RTRs and PPRs through the platform's {@link DiameterStack} to the S-CSCF on record: the
 * Destination-Host the HSS kept from the SAR (else the pool's {@code diameter_host} for that Server-Name), the
 * Destination-Realm that peer announced in its CER (else ours). Each RTA is reported to the HSS, which clears the
 * registration only on a 2001; every outcome is logged and returned.
 */
@Component(service = HssRequests.class)
public class CxRequestSender implements HssRequests {

    private static final Logger LOG = LoggerFactory.getLogger(CxRequestSender.class);

    private final Hss hss;
    private final DiameterStack stack;
    private final ImsStore store;
    private final DiameterDictionary d;

    @Activate
    public CxRequestSender(@Reference Hss hss, @Reference DiameterStack stack, @Reference ImsStore store) {
        this.hss = hss;
        this.stack = stack;
        this.store = store;
        this.d = stack.dictionary();
    }

    @Override
    public CompletionStage<List<CxDelivery>> deregister(String identity, int reasonCode, String reasonInfo) {
        List<CompletableFuture<CxDelivery>> sent = new ArrayList<>();
        for (RegistrationTermination rtr : hss.registrationTerminations(identity, reasonCode, reasonInfo)) {
            sent.add(rtr(rtr));
        }
        return all(sent);
    }

    @Override
    public CompletionStage<List<CxDelivery>> pushProfile(String impi) {
        List<CompletableFuture<CxDelivery>> sent = new ArrayList<>();
        for (ProfilePush ppr : hss.profilePushes(impi)) {
            sent.add(ppr(ppr));
        }
        return all(sent);
    }

    @Override
    public CompletionStage<List<CxDelivery>> pushProfileChange(String name) {
        List<String> impis = store.publicIdentities().stream()
                .filter(p -> name.equals(p.serviceProfile()))
                .map(PublicIdentity::impu)
                .flatMap(impu -> store.privateIdentitiesOf(impu).stream())
                .distinct()
                .toList();
        List<CompletableFuture<List<CxDelivery>>> pushes = new ArrayList<>();
        for (String impi : impis) {
            pushes.add(pushProfile(impi).toCompletableFuture());
        }
        return CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new))
                .thenApply(x -> pushes.stream().flatMap(f -> f.join().stream()).toList());
    }

    private CompletableFuture<CxDelivery> rtr(RegistrationTermination rtr) {
        String host = destination(rtr.destinationHost(), rtr.serverName());
        if (host == null) {
            return failed("RTR", null, rtr.impi(), "no Diameter host known for S-CSCF " + rtr.serverName());
        }
        List<Avp> reason = new ArrayList<>();
        reason.add(d.create("Reason-Code", rtr.reasonCode()));
        if (rtr.reasonInfo() != null && !rtr.reasonInfo().isEmpty()) {
            reason.add(d.create("Reason-Info", rtr.reasonInfo()));
        }
        List<Avp> avps = new ArrayList<>();
        avps.add(d.create("User-Name", rtr.impi()));
        rtr.impus().forEach(impu -> avps.add(d.create("Public-Identity", impu)));
        avps.add(d.create("Deregistration-Reason", reason));
        return send("RTR", host, rtr.impi(), avps).thenApply(delivery -> {
            if (delivery.result() != null) {
                hss.registrationTerminated(rtr, delivery.result());
            }
            return delivery;
        });
    }

    private CompletableFuture<CxDelivery> ppr(ProfilePush ppr) {
        String host = destination(ppr.destinationHost(), ppr.serverName());
        if (host == null) {
            return failed("PPR", null, ppr.impi(), "no Diameter host known for S-CSCF " + ppr.serverName());
        }
        List<Avp> avps = new ArrayList<>();
        avps.add(d.create("User-Name", ppr.impi()));
        if (ppr.userData() != null) {
            avps.add(d.create("User-Data", ppr.userData().getBytes(StandardCharsets.UTF_8)));
        }
        return send("PPR", host, ppr.impi(), avps);
    }

    private CompletableFuture<CxDelivery> send(String command, String host, String impi, List<Avp> avps) {
        DiameterMessage request;
        try {
            request = stack.newRequest(command, realmOf(host));
        } catch (RuntimeException e) {
            return failed(command, host, impi, e.getMessage());
        }
        request.add(d.create("Destination-Host", host));
        avps.forEach(request::add);
        return stack.send(host, request, stack.requestTimeoutMillis()).handle((answer, error) -> {
            CxDelivery delivery = error != null
                    ? new CxDelivery(command, host, impi, null, message(error))
                    : new CxDelivery(command, host, impi, resultOf(answer), null);
            if (delivery.delivered()) {
                LOG.info("{}", delivery);
            } else {
                LOG.warn("{}", delivery);
            }
            return delivery;
        });
    }

    private static CompletableFuture<CxDelivery> failed(String command, String host, String impi, String error) {
        CxDelivery delivery = new CxDelivery(command, host, impi, null, error);
        LOG.warn("{}", delivery);
        return CompletableFuture.completedFuture(delivery);
    }

    /** Result-Code, else Experimental-Result; an answer with neither counts as 5012 UNABLE_TO_COMPLY. */
    static CxResult resultOf(DiameterMessage answer) {
        return answer.find(AvpCodes.RESULT_CODE)
                .map(r -> new CxResult((int) r.asUnsigned32(), false))
                .or(() -> answer.find(AvpCodes.EXPERIMENTAL_RESULT)
                        .flatMap(g -> g.child(AvpCodes.EXPERIMENTAL_RESULT_CODE, 0))
                        .map(r -> new CxResult((int) r.asUnsigned32(), true)))
                .orElse(CxResult.UNABLE_TO_COMPLY);
    }

    private String destination(String host, String serverName) {
        if (host != null && !host.isBlank()) {
            return host;
        }
        return store.scscfs().stream()
                .filter(s -> s.name().equals(serverName))
                .map(Scscf::diameterHost)
                .filter(Objects::nonNull)
                .filter(h -> !h.isBlank())
                .findFirst()
                .orElse(null);
    }

    private String realmOf(String host) {
        return stack.peers().stream()
                .filter(p -> p.identity().equalsIgnoreCase(host))
                .map(DiameterPeerInfo::realm)
                .filter(r -> r != null && !r.isEmpty())
                .findFirst()
                .orElse(stack.originRealm());
    }

    private static String message(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static CompletionStage<List<CxDelivery>> all(List<CompletableFuture<CxDelivery>> sent) {
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                .thenApply(x -> sent.stream().map(CompletableFuture::join).toList());
    }
}
