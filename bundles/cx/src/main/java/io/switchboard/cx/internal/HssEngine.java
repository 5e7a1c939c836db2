package io.switchboard.cx.internal;

import io.switchboard.cx.AuthItem;
import io.switchboard.cx.CxResult;
import io.switchboard.cx.DigestAuthenticate;
import io.switchboard.cx.Hss;
import io.switchboard.cx.ImsStore;
import io.switchboard.cx.LiaResult;
import io.switchboard.cx.LocationInfo;
import io.switchboard.cx.MaaResult;
import io.switchboard.cx.MultimediaAuth;
import io.switchboard.cx.PrivateIdentity;
import io.switchboard.cx.ProfilePush;
import io.switchboard.cx.PublicIdentity;
import io.switchboard.cx.Registration;
import io.switchboard.cx.RegistrationState;
import io.switchboard.cx.RegistrationTermination;
import io.switchboard.cx.SaaResult;
import io.switchboard.cx.Scscf;
import io.switchboard.cx.ServerAssignment;
import io.switchboard.cx.ServerAssignmentType;
import io.switchboard.cx.ServerCapabilities;
import io.switchboard.cx.ServiceProfile;
import io.switchboard.cx.UaaResult;
import io.switchboard.cx.UserAuthorization;
import io.switchboard.cx.UserAuthorizationType;
import io.switchboard.store.DigestHashes;
import io.switchboard.xml.XmlException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HSS decisions of Cx (TS 29.228 §6.1–6.3 as the reference notes §5 and §6 read them) over an {@link ImsStore}.
 * The decision table is in the bundle's guide. Requests about one IMPI are serialised (a MAR's SQN read and advance
 * must not interleave with another's); different users run in parallel.
 */
public final class HssEngine implements Hss {

    /** The longest Server-Name (a SIP URI) the IMS store keeps: its column is VARCHAR(255). */
    static final int MAX_SERVER_NAME = 255;

    private static final Logger LOG = LoggerFactory.getLogger(HssEngine.class);
    public static final String SIP_DIGEST = "SIP Digest";

    private final ImsStore store;
    private final HssConfig config;
    private final Random random;
    private final Object[] locks = new Object[64];
    private final RegistrationEvents events;

    public HssEngine(ImsStore store, HssConfig config) {
        this(store, config, new SecureRandom(), RegistrationEvents.NONE);
    }

    HssEngine(ImsStore store, HssConfig config, RegistrationEvents events) {
        this(store, config, new SecureRandom(), events);
    }

    HssEngine(ImsStore store, HssConfig config, Random random, RegistrationEvents events) {
        this.store = store;
        this.config = config;
        this.random = random;
        this.events = events;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    private Object lock(String key) {
        return locks[Math.floorMod(key == null ? 0 : key.hashCode(), locks.length)];
    }

    // ---------------------------------------------------------------- UAR

    @Override
    public UaaResult userAuthorization(UserAuthorization r) {
        if (r.impi() == null || r.impu() == null) {
            return UaaResult.of(CxResult.MISSING_AVP);
        }
        Optional<PrivateIdentity> impi = store.privateIdentity(r.impi());
        Optional<PublicIdentity> impu = store.publicIdentity(r.impu());
        if (impi.isEmpty() || impu.isEmpty()) {
            return UaaResult.of(CxResult.USER_UNKNOWN);
        }
        if (!store.publicIdentitiesOf(r.impi()).contains(r.impu())) {
            return UaaResult.of(CxResult.IDENTITIES_DONT_MATCH);
        }
        Registration reg = store.registration(r.impu());
        if (r.type() == UserAuthorizationType.DE_REGISTRATION) {
            if (reg.scscf() != null && reg.state() != RegistrationState.NOT_REGISTERED) {
                return new UaaResult(CxResult.SUCCESS, reg.scscf(), null);
            }
            return UaaResult.of(CxResult.IDENTITY_NOT_REGISTERED);
        }
        if (impu.get().barred()) {
            return UaaResult.of(CxResult.AUTHORIZATION_REJECTED);
        }
        if (!config.home(r.visitedNetwork()) && !impi.get().roamingAllowed()) {
            return UaaResult.of(CxResult.ROAMING_NOT_ALLOWED);
        }
        if (reg.state() == RegistrationState.REGISTERED && reg.scscf() != null) {
            return new UaaResult(CxResult.SUBSEQUENT_REGISTRATION, reg.scscf(), null);
        }
        if (reg.state() == RegistrationState.UNREGISTERED && reg.scscf() != null) {
            return new UaaResult(CxResult.UNREGISTERED_SERVICE, reg.scscf(), null);
        }
        if (reg.scscf() != null && r.type() != UserAuthorizationType.REGISTRATION_AND_CAPABILITIES) {
            // kept by a SAR ..._STORE_SERVER_NAME: the same S-CSCF serves the user again
            return new UaaResult(CxResult.FIRST_REGISTRATION, reg.scscf(), null);
        }
        return selection(CxResult.FIRST_REGISTRATION, impu.get(), r.type());
    }

    /**
     * Server-Name or Server-Capabilities for a user no S-CSCF serves: the first S-CSCF of the pool that has every
     * mandatory capability of the user's profile, else the configured default; capabilities when the I-CSCF asked
     * for them or no S-CSCF is known.
     */
    private UaaResult selection(CxResult result, PublicIdentity impu, UserAuthorizationType type) {
        Optional<ServiceProfile> profile = store.serviceProfile(impu.serviceProfile());
        List<Integer> mandatory =
                profile.map(ServiceProfile::mandatoryCapabilities).orElse(List.of());
        List<Integer> optional =
                profile.map(ServiceProfile::optionalCapabilities).orElse(List.of());
        List<String> fitting = new ArrayList<>();
        for (Scscf s : store.scscfs()) {
            if (s.capabilities().containsAll(mandatory)) {
                fitting.add(s.name());
            }
        }
        if (type != UserAuthorizationType.REGISTRATION_AND_CAPABILITIES) {
            if (!fitting.isEmpty()) {
                return new UaaResult(result, fitting.get(0), null);
            }
            if (!config.defaultScscf().isEmpty()) {
                return new UaaResult(result, config.defaultScscf(), null);
            }
        }
        return new UaaResult(result, null, new ServerCapabilities(mandatory, optional, fitting));
    }

    // ---------------------------------------------------------------- MAR

    @Override
    public MaaResult multimediaAuth(MultimediaAuth r) {
        if (r.impi() == null || r.impu() == null || r.scheme() == null || r.serverName() == null) {
            return MaaResult.of(CxResult.MISSING_AVP, r.impi(), r.impu());
        }
        synchronized (lock(r.impi())) {
            Optional<PrivateIdentity> found = store.privateIdentity(r.impi());
            if (found.isEmpty() || store.publicIdentity(r.impu()).isEmpty()) {
                return MaaResult.of(CxResult.USER_UNKNOWN, r.impi(), r.impu());
            }
            if (!store.publicIdentitiesOf(r.impi()).contains(r.impu())) {
                return MaaResult.of(CxResult.IDENTITIES_DONT_MATCH, r.impi(), r.impu());
            }
            PrivateIdentity p = found.get();
            String scheme = scheme(r.scheme(), p);
            if (scheme == null) {
                return MaaResult.of(CxResult.AUTH_SCHEME_NOT_SUPPORTED, r.impi(), r.impu());
            }
            int n = Math.max(1, Math.min(r.numberOfItems(), config.maxAuthItems()));
            List<AuthItem> items = new ArrayList<>();
            if (scheme.equals(AkaVectors.SCHEME)) {
                long sqn = p.akaSqn();
                if (r.authorization() != null && r.authorization().length > 0) {
                    if (r.authorization().length != 30) {
                        return MaaResult.of(CxResult.INVALID_AVP_VALUE, r.impi(), r.impu());
                    }
                    OptionalLong sqnMs = AkaVectors.resync(p, r.authorization());
                    if (sqnMs.isEmpty()) {
                        LOG.info("MAR {}: AUTS with a wrong MAC-S, re-synchronisation refused", r.impi());
                        return MaaResult.of(CxResult.AUTHENTICATION_REJECTED, r.impi(), r.impu());
                    }
                    sqn = AkaVectors.next(sqnMs.getAsLong());
                }
                for (int i = 0; i < n; i++) {
                    byte[] rand = new byte[16];
                    random.nextBytes(rand);
                    items.add(AkaVectors.vector(p, i, sqn, rand));
                    sqn = AkaVectors.next(sqn);
                }
                store.updateSqn(p.impi(), sqn);
            } else {
                String ha1 = p.ha1() != null ? p.ha1() : DigestHashes.ha1("MD5", p.impi(), p.realm(), p.secret());
                DigestAuthenticate d = new DigestAuthenticate(p.realm(), "MD5", "auth", ha1);
                items.add(new AuthItem(0, scheme, null, null, null, null, d));
            }
            pending(r.impi(), r.impu(), r.serverName());
            return new MaaResult(CxResult.SUCCESS, r.impi(), r.impu(), items);
        }
    }

    /**
     * The scheme answered: the request's own name for SIP Digest ({@code SIP Digest}, {@code Digest-MD5},
     * {@code Digest}) and AKA, the subscriber's (AKA before Digest) for {@code Unknown}; null when unsupported or
     * the subscriber has no credentials for it.
     */
    private static String scheme(String requested, PrivateIdentity p) {
        String s = requested.trim();
        if (s.equalsIgnoreCase(AkaVectors.SCHEME)) {
            return p.hasAka() ? AkaVectors.SCHEME : null;
        }
        if (s.equalsIgnoreCase(SIP_DIGEST) || s.equalsIgnoreCase("Digest-MD5") || s.equalsIgnoreCase("Digest")) {
            return p.hasDigest() ? s : null;
        }
        if (s.equalsIgnoreCase("Unknown")) {
            return p.hasAka() ? AkaVectors.SCHEME : p.hasDigest() ? SIP_DIGEST : null;
        }
        return null;
    }

    /** TS 29.228 §6.3.1: the S-CSCF of a MAR is stored as pending until its SAR. */
    private void pending(String impi, String impu, String serverName) {
        Registration reg = store.registration(impu);
        store.putRegistrations(
                List.of(new Registration(impu, reg.state(), reg.scscf(), reg.scscfHost(), serverName, impi)));
    }

    // ---------------------------------------------------------------- SAR

    @Override
    public SaaResult serverAssignment(ServerAssignment r) {
        ServerAssignmentType type = ServerAssignmentType.of(r.assignmentType());
        if (type == null) {
            return SaaResult.of(CxResult.INVALID_AVP_VALUE);
        }
        if (r.serverName() == null || (r.impus().isEmpty() && r.impi() == null)) {
            return SaaResult.of(CxResult.MISSING_AVP);
        }
        if (r.serverName().length() > MAX_SERVER_NAME) {
            return SaaResult.of(CxResult.INVALID_AVP_VALUE); // would not fit the record: a Diameter error, no throw
        }
        List<String> impus = r.impus().isEmpty() ? store.publicIdentitiesOf(r.impi()) : r.impus();
        for (String impu : impus) {
            if (store.publicIdentity(impu).isEmpty()) {
                return SaaResult.of(CxResult.USER_UNKNOWN);
            }
        }
        if (impus.isEmpty()) {
            return SaaResult.of(CxResult.USER_UNKNOWN);
        }
        String impi = r.impi();
        if (impi != null) {
            if (store.privateIdentity(impi).isEmpty()) {
                return SaaResult.of(CxResult.USER_UNKNOWN);
            }
            List<String> linked = store.publicIdentitiesOf(impi);
            if (!linked.containsAll(impus)) {
                return SaaResult.of(CxResult.IDENTITIES_DONT_MATCH);
            }
        } else {
            List<String> owners = store.privateIdentitiesOf(impus.get(0));
            if (owners.isEmpty()) {
                return SaaResult.of(CxResult.USER_UNKNOWN);
            }
            impi = owners.get(0);
        }
        synchronized (lock(impi)) {
            return assign(r, type, impi, impus);
        }
    }

    private SaaResult assign(ServerAssignment r, ServerAssignmentType type, String impi, List<String> impus) {
        List<String> set = implicitSets(impus);
        Registration first = store.registration(impus.get(0));
        boolean heldByOther = first.scscf() != null
                && !first.scscf().equals(r.serverName())
                && first.state() != RegistrationState.NOT_REGISTERED;
        switch (type) {
            case NO_ASSIGNMENT -> {
                if (first.scscf() != null && !first.scscf().equals(r.serverName())) {
                    return new SaaResult(CxResult.UNABLE_TO_COMPLY, impi, null, first.scscf());
                }
                return answer(impi, impus, false);
            }
            case REGISTRATION, RE_REGISTRATION, RESTORATION -> {
                if (heldByOther && !config.overwriteScscf()) {
                    return new SaaResult(CxResult.IDENTITY_ALREADY_REGISTERED, impi, null, first.scscf());
                }
                put(set, RegistrationState.REGISTERED, true, r, impi);
                return answer(impi, impus, r.userDataAlreadyAvailable());
            }
            case UNREGISTERED_USER -> {
                if (heldByOther && !config.overwriteScscf()) {
                    return new SaaResult(CxResult.IDENTITY_ALREADY_REGISTERED, impi, null, first.scscf());
                }
                RegistrationState state = first.state() == RegistrationState.REGISTERED
                        ? RegistrationState.REGISTERED
                        : RegistrationState.UNREGISTERED;
                put(set, state, true, r, impi);
                return answer(impi, impus, r.userDataAlreadyAvailable());
            }
            case TIMEOUT_DEREGISTRATION,
                    USER_DEREGISTRATION,
                    ADMINISTRATIVE_DEREGISTRATION,
                    DEREGISTRATION_TOO_MUCH_DATA -> {
                if (!heldByOther) {
                    put(set, RegistrationState.NOT_REGISTERED, false, r, impi);
                }
                return new SaaResult(CxResult.SUCCESS, impi, null, null);
            }
            case TIMEOUT_DEREGISTRATION_STORE_SERVER_NAME, USER_DEREGISTRATION_STORE_SERVER_NAME -> {
                if (!heldByOther) {
                    put(set, RegistrationState.NOT_REGISTERED, true, r, impi);
                }
                return new SaaResult(CxResult.SUCCESS, impi, null, null);
            }
            case AUTHENTICATION_FAILURE, AUTHENTICATION_TIMEOUT -> {
                // a failed re-authentication leaves a registered user registered (TS 29.228 §6.1.2.1)
                if (first.state() == RegistrationState.NOT_REGISTERED && !heldByOther) {
                    put(set, RegistrationState.NOT_REGISTERED, false, r, impi);
                } else {
                    clearPending(set);
                }
                return new SaaResult(CxResult.SUCCESS, impi, null, null);
            }
            default -> {
                // AAA_USER_DATA_REQUEST and PGW_UPDATE belong to SWx, not Cx
                return SaaResult.of(CxResult.IN_ASSIGNMENT_TYPE);
            }
        }
    }

    private SaaResult answer(String impi, List<String> impus, boolean alreadyAvailable) {
        if (alreadyAvailable) {
            return new SaaResult(CxResult.SUCCESS, impi, null, null);
        }
        try {
            return new SaaResult(CxResult.SUCCESS, impi, CxXml.userData(store, impi, impus), null);
        } catch (XmlException e) {
            LOG.warn("SAR {}: the stored profile is not valid IMS subscription XML: {}", impi, e.getMessage());
            return SaaResult.of(CxResult.UNABLE_TO_COMPLY);
        }
    }

    private List<String> implicitSets(List<String> impus) {
        List<String> out = new ArrayList<>();
        for (String impu : impus) {
            for (String m : store.implicitSet(impu)) {
                if (!out.contains(m)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /**
     * Stores {@code state} for {@code impus} after the SAR {@code r} about {@code impi}: with the SAR's S-CSCF when
     * {@code keepServer}, with the IMPI unless not registered. With the bus present the records before are read first,
     * so that a change of state or S-CSCF is published (RegistrationEvents).
     */
    private void put(List<String> impus, RegistrationState state, boolean keepServer, ServerAssignment r, String impi) {
        String scscf = keepServer ? r.serverName() : null;
        String host = keepServer ? r.originHost() : null;
        String owner = state == RegistrationState.NOT_REGISTERED ? null : impi;
        List<Registration> regs = new ArrayList<>();
        for (String impu : impus) {
            regs.add(new Registration(impu, state, scscf, host, null, owner));
        }
        List<Registration> before = null;
        if (events.on()) {
            before = new ArrayList<>();
            for (String impu : impus) {
                before.add(store.registration(impu));
            }
        }
        store.putRegistrations(regs);
        if (before != null) {
            ServerAssignmentType type = ServerAssignmentType.of(r.assignmentType());
            for (int i = 0; i < regs.size(); i++) {
                events.changed(before.get(i), regs.get(i), type, r.serverName(), impi);
            }
        }
    }

    private void clearPending(List<String> impus) {
        List<Registration> regs = new ArrayList<>();
        for (String impu : impus) {
            Registration g = store.registration(impu);
            regs.add(new Registration(impu, g.state(), g.scscf(), g.scscfHost(), null, g.impi()));
        }
        store.putRegistrations(regs);
    }

    // ---------------------------------------------------------------- LIR

    @Override
    public LiaResult locationInfo(LocationInfo r) {
        if (r.impu() == null) {
            return LiaResult.of(CxResult.MISSING_AVP);
        }
        Optional<PublicIdentity> impu = store.publicIdentity(r.impu());
        if (impu.isEmpty()) {
            return LiaResult.of(CxResult.USER_UNKNOWN);
        }
        Registration reg = store.registration(r.impu());
        if (reg.scscf() != null) {
            return new LiaResult(CxResult.SUCCESS, reg.scscf(), null);
        }
        if (!hasUnregisteredServices(impu.get())) {
            return LiaResult.of(CxResult.IDENTITY_NOT_REGISTERED);
        }
        UserAuthorizationType type = r.type() == null ? UserAuthorizationType.REGISTRATION : r.type();
        UaaResult s = selection(CxResult.UNREGISTERED_SERVICE, impu.get(), type);
        return new LiaResult(s.result(), s.serverName(), s.capabilities());
    }

    /** True when the profile has an iFC for the unregistered state (ProfilePartIndicator absent or 1). */
    private boolean hasUnregisteredServices(PublicIdentity impu) {
        Optional<ServiceProfile> p = store.serviceProfile(impu.serviceProfile());
        if (p.isEmpty()) {
            return false;
        }
        try {
            return CxXml.profile(p.get().ifcXml()).ifcs.stream()
                    .anyMatch(i -> i.profilePartIndicator == null || i.profilePartIndicator == 1);
        } catch (XmlException e) {
            LOG.warn("profile {} is not valid IMS subscription XML: {}", impu.serviceProfile(), e.getMessage());
            return false;
        }
    }

    // ---------------------------------------------------------------- RTR / PPR

    @Override
    public List<RegistrationTermination> registrationTerminations(String identity, int reasonCode, String info) {
        List<String> impus = store.publicIdentity(identity).isPresent()
                ? store.implicitSet(identity)
                : store.publicIdentitiesOf(identity);
        Map<String, List<String>> byServer = new LinkedHashMap<>();
        Map<String, Registration> sample = new LinkedHashMap<>();
        for (String impu : impus) {
            Registration reg = store.registration(impu);
            if (reg.scscf() != null && reg.state() != RegistrationState.NOT_REGISTERED) {
                String key = reg.scscf() + "\n" + reg.impi();
                byServer.computeIfAbsent(key, k -> new ArrayList<>()).add(impu);
                sample.putIfAbsent(key, reg);
            }
        }
        List<RegistrationTermination> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byServer.entrySet()) {
            Registration reg = sample.get(e.getKey());
            out.add(new RegistrationTermination(
                    reg.scscfHost(), reg.scscf(), reg.impi(), e.getValue(), reasonCode, info));
        }
        return out;
    }

    @Override
    public void registrationTerminated(RegistrationTermination request, CxResult answer) {
        if (!answer.success()) {
            LOG.info("RTA {} from {}: {} stays registered", answer, request.serverName(), request.impus());
            return;
        }
        synchronized (lock(request.impi())) {
            List<Registration> regs = new ArrayList<>();
            for (String impu : request.impus()) {
                Registration g = store.registration(impu);
                if (request.serverName().equals(g.scscf())) {
                    regs.add(new Registration(impu, RegistrationState.NOT_REGISTERED, null, null, null, null));
                }
            }
            store.putRegistrations(regs);
        }
    }

    @Override
    public List<ProfilePush> profilePushes(String impi) {
        Map<String, List<String>> byServer = new LinkedHashMap<>();
        Map<String, String> hosts = new LinkedHashMap<>();
        for (String impu : store.publicIdentitiesOf(impi)) {
            Registration reg = store.registration(impu);
            if (reg.scscf() != null && reg.state() != RegistrationState.NOT_REGISTERED) {
                byServer.computeIfAbsent(reg.scscf(), k -> new ArrayList<>()).add(impu);
                hosts.putIfAbsent(reg.scscf(), reg.scscfHost());
            }
        }
        List<ProfilePush> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : byServer.entrySet()) {
            try {
                String data = CxXml.userData(store, impi, e.getValue());
                out.add(new ProfilePush(hosts.get(e.getKey()), e.getKey(), impi, data));
            } catch (XmlException x) {
                LOG.warn("PPR {}: the stored profile is not valid IMS subscription XML: {}", impi, x.getMessage());
            }
        }
        return out;
    }
}
