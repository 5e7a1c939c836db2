package io.switchboard.sip;

import org.apache.camel.Message;

/**
 * Whiteboard service: a feature that takes some requests away from the default routing (bundles/ussd: USSD INVITEs
 * and the ACK, INFO, BYE and CANCEL of its live sessions) says so here, and the {@code sip} consumer writes its
 * {@link #name()} into the {@link SipHeaders#OWNER} header before the route runs. Routes then branch with a header
 * test ({@code ${header.SipOwner} == 'ussd'}) instead of calling the feature's bean from a predicate, which makes
 * Camel copy the whole exchange at every request (BENCHMARKS.md, "Call path profile (issue 20)"); without the
 * feature installed the header is simply never set, so the route file builds and serves as before.
 * Called in the SIP stack's receiving threads for every request, ACKs included, with the request's headers
 * mapped: answer from headers and in-memory maps, without locks or I/O.
 */
public interface SipRequestOwner {

    /** The value of {@link SipHeaders#OWNER} for the requests this feature owns, e.g. {@code ussd}. */
    String name();

    /** True for a request of this feature; the first owner that says so names the request. */
    boolean owns(Message request);
}
