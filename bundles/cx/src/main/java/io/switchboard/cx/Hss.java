package io.switchboard.cx;

import java.util.List;

/**
 * The HSS side of Cx (TS 29.228 §6, the decisions of the reference notes §5), free of any transport: a Diameter
 * adapter turns a request's AVPs into the records here and the answer records back into AVPs (see the bundle's
 * guide). Registered as an OSGi service; thread-safe.
 */
public interface Hss {

    /** UAR → UAA: may the user register, and at which S-CSCF. */
    UaaResult userAuthorization(UserAuthorization request);

    /** MAR → MAA: authentication vectors (SIP Digest or Digest-AKAv1-MD5), re-synchronising the SQN from AUTS. */
    MaaResult multimediaAuth(MultimediaAuth request);

    /** SAR → SAA: assigns or releases the S-CSCF per Server-Assignment-Type and returns the User-Data. */
    SaaResult serverAssignment(ServerAssignment request);

    /** LIR → LIA: the S-CSCF serving a public identity. */
    LiaResult locationInfo(LocationInfo request);

    /**
     * The RTRs that de-register {@code identity} (an IMPI, or an IMPU and its implicit registration set): one per
     * S-CSCF holding it; empty when none does. Nothing changes until {@link #registrationTerminated} is told the
     * answer.
     */
    List<RegistrationTermination> registrationTerminations(String identity, int reasonCode, String reasonInfo);

    /** The RTA of {@code request}: a success clears the registration of its IMPUs; any other result keeps it. */
    void registrationTerminated(RegistrationTermination request, CxResult answer);

    /** The PPRs that push the current profile of {@code impi} to every S-CSCF holding one of its IMPUs. */
    List<ProfilePush> profilePushes(String impi);
}
