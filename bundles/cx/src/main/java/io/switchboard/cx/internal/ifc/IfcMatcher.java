package io.switchboard.cx.internal.ifc;

import io.switchboard.cx.ApplicationServerMatch;
import io.switchboard.cx.IfcHeaders;
import io.switchboard.cx.ImsStore;
import io.switchboard.cx.PublicIdentity;
import io.switchboard.cx.RegistrationState;
import io.switchboard.cx.ServiceProfile;
import io.switchboard.cx.SessionCase;
import io.switchboard.cx.internal.CxXml;
import io.switchboard.cx.internal.xml.ImsSubscription;
import io.switchboard.cx.internal.xml.InitialFilterCriteria;
import io.switchboard.cx.internal.xml.ServiceProfileXml;
import io.switchboard.xml.XmlException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * What {@code ifc:match} does: finds the served user's iFCs (a stored user, a stored profile, or a SAA's User-Data),
 * evaluates them against the request and writes the {@code Ifc*} result headers.
 */
public final class IfcMatcher {

    private final ImsStore store;
    private final IfcEvaluator evaluator = new IfcEvaluator();

    public IfcMatcher(ImsStore store) {
        this.store = store;
    }

    /** Sets the result headers; an unknown user or profile and bad input are {@link IllegalArgumentException}s. */
    public void process(Exchange exchange) throws XmlException {
        Message in = exchange.getMessage();
        String user = in.getHeader(IfcHeaders.SERVED_USER, String.class);
        String profile = in.getHeader(IfcHeaders.PROFILE, String.class);
        String userData = in.getHeader(IfcHeaders.USER_DATA, String.class);
        List<InitialFilterCriteria> ifcs = new ArrayList<>();
        boolean registered = true;
        if (user != null) {
            PublicIdentity p = store.publicIdentity(user)
                    .orElseThrow(() -> new IllegalArgumentException("ifc:match: no public identity " + user));
            ifcs.addAll(storedProfile(p.serviceProfile()).ifcs);
            registered = store.registration(user).state() == RegistrationState.REGISTERED;
        } else if (profile != null) {
            ifcs.addAll(storedProfile(profile).ifcs);
        } else if (userData != null) {
            ImsSubscription s = CxXml.subscription(userData);
            for (ServiceProfileXml sp : s.serviceProfiles) {
                ifcs.addAll(sp.ifcs);
            }
        } else {
            throw new IllegalArgumentException("ifc:match needs header " + IfcHeaders.SERVED_USER + ", "
                    + IfcHeaders.PROFILE + " or " + IfcHeaders.USER_DATA);
        }
        SessionCase dflt = registered ? SessionCase.ORIGINATING_SESSION : SessionCase.TERMINATING_UNREGISTERED;
        List<ApplicationServerMatch> matches = evaluator.match(ifcs, IfcRequests.of(in, dflt, registered));
        List<String> servers =
                matches.stream().map(ApplicationServerMatch::serverName).toList();
        in.setHeader(IfcHeaders.MATCHES, matches);
        in.setHeader(IfcHeaders.APPLICATION_SERVERS, servers);
        if (servers.isEmpty()) {
            in.removeHeader(IfcHeaders.FIRST_APPLICATION_SERVER);
        } else {
            in.setHeader(IfcHeaders.FIRST_APPLICATION_SERVER, servers.get(0));
        }
    }

    private ServiceProfileXml storedProfile(String name) throws XmlException {
        Optional<ServiceProfile> p = store.serviceProfile(name);
        if (p.isEmpty()) {
            throw new IllegalArgumentException("ifc:match: no service profile " + name);
        }
        return CxXml.profile(p.get().ifcXml());
    }
}
