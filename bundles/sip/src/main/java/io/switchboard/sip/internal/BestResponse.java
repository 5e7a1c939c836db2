package io.switchboard.sip.internal;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPResponse;
import java.text.ParseException;
import java.util.List;
import java.util.ListIterator;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.WWWAuthenticateHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response sent upstream when every branch of a relay failed (RFC 3261 16.7 steps 6 and 7): which failure
 * wins, and what it carries. A pure function of the branches' responses, so the order is testable without a wire.
 */
final class BestResponse {

    private static final Logger LOG = LoggerFactory.getLogger(BestResponse.class);
    private static final List<String> CHALLENGES = List.of(WWWAuthenticateHeader.NAME, ProxyAuthenticateHeader.NAME);

    private BestResponse() {}

    /**
     * Best response order (step 6): any 6xx; else the lowest class; in 4xx prefer 401, 407, 415, 420, 484 and take
     * our own 408 last; in a tie the first one received.
     */
    static boolean better(int candidate, int current) {
        return rank(candidate) < rank(current);
    }

    private static int rank(int status) {
        int cls = status / 100;
        int classRank = cls == 6 ? 0 : cls;
        int preferred = switch (status) {
            case 401, 407, 415, 420, 484 -> 0;
            case 408 -> 2; // our own timeouts last within 4xx
            default -> 1;
        };
        return classRank * 10 + preferred;
    }

    /**
     * The chosen response as it goes upstream: a 503 from downstream becomes 500 (step 6: it must not make upstream
     * think we are overloaded); a 401/407 gets the challenges of every other branch that asked for credentials (step
     * 7), so that the caller answers all of them in one retry.
     *
     * @param finals the final responses of every branch (our Via removed); null entries are skipped
     */
    static SIPResponse finish(SIPResponse chosen, List<SIPResponse> finals) {
        if (chosen.getStatusCode() == 503) {
            try {
                chosen.setStatusCode(500);
                chosen.setReasonPhrase("Server Internal Error");
            } catch (ParseException e) {
                LOG.debug("cannot rewrite 503", e);
            }
        }
        if (chosen.getStatusCode() == 401 || chosen.getStatusCode() == 407) {
            return withEveryChallenge(chosen, finals);
        }
        return chosen;
    }

    private static SIPResponse withEveryChallenge(SIPResponse chosen, List<SIPResponse> finals) {
        SIPResponse merged = (SIPResponse) chosen.clone();
        for (SIPResponse r : finals) {
            if (r == null || r == chosen || (r.getStatusCode() != 401 && r.getStatusCode() != 407)) {
                continue;
            }
            for (String name : CHALLENGES) {
                ListIterator<SIPHeader> it = r.getHeaders(name);
                while (it.hasNext()) {
                    merged.addHeader((SIPHeader) it.next().clone());
                }
            }
        }
        return merged;
    }
}
