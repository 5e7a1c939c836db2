package io.switchboard.cx;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The requests the HSS sends over Cx (OSGi service, present while a Diameter node runs): RTR to de-register a user
 * and PPR to push a changed profile, each to the S-CSCF on record. They complete when every answer is in (never
 * exceptionally: a failed delivery is a {@link CxDelivery} with an error), after the HSS was told each RTA, so the
 * caller (REST, shell, a route) can show what happened.
 */
public interface HssRequests {

    /**
     * Sends one RTR per S-CSCF holding {@code identity} (an IMPI, or an IMPU and its implicit set); an empty list when
     * none does. A 2001 RTA clears the registration; anything else keeps it.
     *
     * @param reasonCode Deregistration-Reason/Reason-Code 0–3
     */
    CompletionStage<List<CxDelivery>> deregister(String identity, int reasonCode, String reasonInfo);

    /** Sends one PPR with the current User-Data per S-CSCF holding one of {@code impi}'s public identities. */
    CompletionStage<List<CxDelivery>> pushProfile(String impi);

    /** Pushes the profile of every registered user whose public identities use the service profile {@code name}. */
    CompletionStage<List<CxDelivery>> pushProfileChange(String name);
}
