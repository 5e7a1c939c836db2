package io.switchboard.ussd.internal;

import io.switchboard.sip.SipRequestOwner;
import org.apache.camel.Message;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Names the USSD requests {@code ussd} in the {@code SipOwner} header before routes/sip.xml runs: a new USSD INVITE
 * (its Content-Type, a dialstring Request-URI, a ussd-data part of a multipart body) and the ACK, INFO, BYE and
 * CANCEL of a live session (a Call-ID lookup). The sip.xml branch is then the header test
 * {@code ${header.SipOwner} == 'ussd'}, which copies nothing, where asking {@link UssdComponent#serves} from the
 * predicate made Camel copy the exchange for every INVITE, ACK and BYE of every call. Registered only while the
 * gateway is, so that nothing is named for a gateway that is not there to take it.
 */
@Component(service = SipRequestOwner.class)
public class UssdRequestOwner implements SipRequestOwner {

    /** The value of {@code SipOwner} for USSD requests. */
    static final String NAME = "ussd";

    @Reference
    UssdServiceComponent gateway;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean owns(Message request) {
        return gateway.serves(request);
    }
}
