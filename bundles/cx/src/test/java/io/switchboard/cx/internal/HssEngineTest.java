package io.switchboard.cx.internal;

import static io.switchboard.cx.internal.ImsFixture.ALICE;
import static io.switchboard.cx.internal.ImsFixture.ALICE_BARRED;
import static io.switchboard.cx.internal.ImsFixture.ALICE_SIP;
import static io.switchboard.cx.internal.ImsFixture.ALICE_TEL;
import static io.switchboard.cx.internal.ImsFixture.BOB;
import static io.switchboard.cx.internal.ImsFixture.BOB_SIP;
import static io.switchboard.cx.internal.ImsFixture.CAROL_SIP;
import static io.switchboard.cx.internal.ImsFixture.SCSCF1;
import static io.switchboard.cx.internal.ImsFixture.SCSCF2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.cx.CxResult;
import io.switchboard.cx.LiaResult;
import io.switchboard.cx.LocationInfo;
import io.switchboard.cx.ProfilePush;
import io.switchboard.cx.RegistrationState;
import io.switchboard.cx.RegistrationTermination;
import io.switchboard.cx.SaaResult;
import io.switchboard.cx.ServerAssignment;
import io.switchboard.cx.ServerAssignmentType;
import io.switchboard.cx.UaaResult;
import io.switchboard.cx.UserAuthorization;
import io.switchboard.cx.UserAuthorizationType;
import io.switchboard.cx.internal.xml.ImsSubscription;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The UAR, SAR, LIR decisions and RTR/PPR building of §5 of the reference notes, on an H2 store. */
class HssEngineTest {

    private ImsFixture f;
    private HssEngine hss;

    @BeforeEach
    void setUp() throws Exception {
        f = new ImsFixture();
        hss = f.hss(false);
    }

    private UaaResult uar(String impi, String impu, UserAuthorizationType type) {
        return hss.userAuthorization(new UserAuthorization(impi, impu, "ims.example.org", type));
    }

    private SaaResult sar(String impi, String impu, String server, ServerAssignmentType type, boolean available) {
        return hss.serverAssignment(new ServerAssignment(
                impi, impu == null ? List.of() : List.of(impu), server, type.code(), available, "host-of-" + server));
    }

    @Test
    void uarErrors() {
        assertEquals(
                CxResult.USER_UNKNOWN,
                uar("nobody@ims.example.org", ALICE_SIP, null).result());
        assertEquals(
                CxResult.USER_UNKNOWN,
                uar(ALICE, "sip:nobody@ims.example.org", null).result(),
                "known IMPI, unknown IMPU: 5001 (TS 29.228 §6.1.1)");
        assertEquals(CxResult.IDENTITIES_DONT_MATCH, uar(ALICE, BOB_SIP, null).result());
        UaaResult barred = uar(ALICE, ALICE_BARRED, null);
        assertEquals(CxResult.AUTHORIZATION_REJECTED, barred.result());
        assertTrue(!barred.result().experimental(), "barred is the base Result-Code 5003");
        assertEquals(
                CxResult.ROAMING_NOT_ALLOWED,
                hss.userAuthorization(new UserAuthorization(ALICE, ALICE_SIP, "visited.example.net", null))
                        .result());
        assertEquals(
                CxResult.FIRST_REGISTRATION,
                hss.userAuthorization(new UserAuthorization(BOB, BOB_SIP, "visited.example.net", null))
                        .result(),
                "bob may roam");
        UaaResult dereg = uar(ALICE, ALICE_SIP, UserAuthorizationType.DE_REGISTRATION);
        assertEquals(CxResult.IDENTITY_NOT_REGISTERED, dereg.result());
        assertTrue(dereg.result().experimental(), "not registered is the Experimental-Result 5003");
    }

    @Test
    void firstRegistrationPicksAnScscfWithTheProfilesMandatoryCapabilities() {
        UaaResult r = uar(ALICE, ALICE_SIP, null);
        assertEquals(CxResult.FIRST_REGISTRATION, r.result());
        assertEquals(SCSCF1, r.serverName(), "scscf2 comes first by priority but lacks capability 1");
        UaaResult caps = uar(ALICE, ALICE_SIP, UserAuthorizationType.REGISTRATION_AND_CAPABILITIES);
        assertEquals(CxResult.FIRST_REGISTRATION, caps.result());
        assertNull(caps.serverName());
        assertEquals(List.of(1), caps.capabilities().mandatory());
        assertEquals(List.of(7), caps.capabilities().optional());
        assertEquals(List.of(SCSCF1), caps.capabilities().serverNames());
    }

    @Test
    void registrationFlow() throws Exception {
        assertEquals(CxResult.FIRST_REGISTRATION, uar(ALICE, ALICE_SIP, null).result());
        SaaResult saa = sar(ALICE, ALICE_SIP, SCSCF1, ServerAssignmentType.REGISTRATION, false);
        assertEquals(CxResult.SUCCESS, saa.result());
        ImsSubscription data = CxXml.subscription(saa.userData());
        assertEquals(ALICE, data.privateId);
        assertEquals(1, data.serviceProfiles.size());
        assertEquals(
                List.of(ALICE_SIP, ALICE_TEL),
                data.serviceProfiles.get(0).publicIdentities.stream()
                        .map(p -> p.identity)
                        .toList(),
                "the implicit registration set, not the barred IMPU of another set");
        assertEquals(2, data.serviceProfiles.get(0).ifcs.size());
        assertEquals(
                RegistrationState.REGISTERED, f.store.registration(ALICE_TEL).state());
        assertEquals(SCSCF1, f.store.registration(ALICE_TEL).scscf());

        UaaResult again = uar(ALICE, ALICE_TEL, null);
        assertEquals(CxResult.SUBSEQUENT_REGISTRATION, again.result());
        assertEquals(SCSCF1, again.serverName());
        SaaResult rereg = sar(ALICE, ALICE_SIP, SCSCF1, ServerAssignmentType.RE_REGISTRATION, true);
        assertEquals(CxResult.SUCCESS, rereg.result());
        assertNull(rereg.userData(), "User-Data-Already-Available");

        LiaResult lia = hss.locationInfo(new LocationInfo(ALICE_TEL, false, null));
        assertEquals(CxResult.SUCCESS, lia.result());
        assertEquals(SCSCF1, lia.serverName());

        SaaResult other = sar(ALICE, ALICE_SIP, SCSCF2, ServerAssignmentType.REGISTRATION, false);
        assertEquals(CxResult.IDENTITY_ALREADY_REGISTERED, other.result());
        assertEquals(SCSCF1, other.serverName());
        assertEquals(
                CxResult.SUCCESS,
                sar(ALICE, ALICE_SIP, SCSCF2, ServerAssignmentType.USER_DEREGISTRATION, false)
                        .result());
        assertEquals(
                RegistrationState.REGISTERED,
                f.store.registration(ALICE_SIP).state(),
                "a de-registration from an S-CSCF not on record changes nothing");

        UaaResult deregUar = uar(ALICE, ALICE_SIP, UserAuthorizationType.DE_REGISTRATION);
        assertEquals(CxResult.SUCCESS, deregUar.result());
        assertEquals(SCSCF1, deregUar.serverName());

        assertEquals(
                CxResult.SUCCESS,
                sar(ALICE, ALICE_SIP, SCSCF1, ServerAssignmentType.USER_DEREGISTRATION, false)
                        .result());
        assertEquals(
                RegistrationState.NOT_REGISTERED,
                f.store.registration(ALICE_TEL).state());
        assertNull(f.store.registration(ALICE_TEL).scscf());
        assertEquals(
                CxResult.IDENTITY_NOT_REGISTERED,
                hss.locationInfo(new LocationInfo(ALICE_SIP, false, null)).result(),
                "not registered and no unregistered services");
        assertEquals(CxResult.FIRST_REGISTRATION, uar(ALICE, ALICE_SIP, null).result());
    }

    @Test
    void overwriteSettingLetsAnotherScscfTakeOver() {
        hss = f.hss(true);
        sar(ALICE, ALICE_SIP, SCSCF1, ServerAssignmentType.REGISTRATION, false);
        assertEquals(
                CxResult.SUCCESS,
                sar(ALICE, ALICE_SIP, SCSCF2, ServerAssignmentType.REGISTRATION, false)
                        .result());
        assertEquals(SCSCF2, f.store.registration(ALICE_TEL).scscf());
    }

    @Test
    void storeServerNameKeepsTheScscfForTheNextRegistration() {
        sar(ALICE, ALICE_SIP, SCSCF2, ServerAssignmentType.REGISTRATION, false);
        assertEquals(
                CxResult.SUCCESS,
                sar(ALICE, ALICE_SIP, SCSCF2, ServerAssignmentType.TIMEOUT_DEREGISTRATION_STORE_SERVER_NAME, false)
                        .result());
        assertEquals(
                RegistrationState.NOT_REGISTERED,
                f.store.registration(ALICE_SIP).state());
        UaaResult r = uar(ALICE, ALICE_SIP, null);
        assertEquals(CxResult.FIRST_REGISTRATION, r.result());
        assertEquals(SCSCF2, r.serverName(), "the stored name, not the pool's choice");
        assertEquals(
                SCSCF2,
                hss.locationInfo(new LocationInfo(ALICE_SIP, false, null)).serverName());
    }

    @Test
    void authenticationFailureKeepsARegisteredUserRegistered() {
        sar(ALICE, ALICE_SIP, SCSCF1, ServerAssignmentType.REGISTRATION, false);
        sar(ALICE, ALICE_SIP, SCSCF1, ServerAssignmentType.AUTHENTICATION_FAILURE, false);
        assertEquals(
                RegistrationState.REGISTERED, f.store.registration(ALICE_SIP).state());
        sar(BOB, BOB_SIP, SCSCF1, ServerAssignmentType.AUTHENTICATION_TIMEOUT, false);
        assertEquals(
                RegistrationState.NOT_REGISTERED, f.store.registration(BOB_SIP).state());
    }

    @Test
    void sarErrors() {
        assertEquals(
                CxResult.INVALID_AVP_VALUE,
                hss.serverAssignment(new ServerAssignment(ALICE, List.of(ALICE_SIP), SCSCF1, 99, false, null))
                        .result());
        assertEquals(
                CxResult.IN_ASSIGNMENT_TYPE,
                sar(ALICE, ALICE_SIP, SCSCF1, ServerAssignmentType.AAA_USER_DATA_REQUEST, false)
                        .result());
        assertEquals(
                CxResult.USER_UNKNOWN,
                sar(ALICE, "sip:nobody@ims.example.org", SCSCF1, ServerAssignmentType.REGISTRATION, false)
                        .result());
        assertEquals(
                CxResult.IDENTITIES_DONT_MATCH,
                sar(BOB, ALICE_SIP, SCSCF1, ServerAssignmentType.REGISTRATION, false)
                        .result());
        assertEquals(
                CxResult.MISSING_AVP,
                hss.serverAssignment(new ServerAssignment(ALICE, List.of(ALICE_SIP), null, 1, false, null))
                        .result());
        String tooLong = "sip:" + "s".repeat(HssEngine.MAX_SERVER_NAME) + ".ims.example.org";
        assertEquals(
                CxResult.INVALID_AVP_VALUE,
                sar(ALICE, ALICE_SIP, tooLong, ServerAssignmentType.REGISTRATION, false)
                        .result());
        assertEquals(
                RegistrationState.NOT_REGISTERED,
                f.store.registration(ALICE_SIP).state(),
                "nothing stored");
    }

    @Test
    void unregisteredServices() {
        LiaResult lia = hss.locationInfo(new LocationInfo(CAROL_SIP, false, null));
        assertEquals(CxResult.UNREGISTERED_SERVICE, lia.result());
        assertEquals(SCSCF2, lia.serverName(), "profile vm needs no capability: the pool's first");
        LiaResult caps = hss.locationInfo(
                new LocationInfo(CAROL_SIP, false, UserAuthorizationType.REGISTRATION_AND_CAPABILITIES));
        assertEquals(CxResult.UNREGISTERED_SERVICE, caps.result());
        assertEquals(List.of(SCSCF2, SCSCF1), caps.capabilities().serverNames());

        SaaResult saa = sar(null, CAROL_SIP, SCSCF2, ServerAssignmentType.UNREGISTERED_USER, false);
        assertEquals(CxResult.SUCCESS, saa.result());
        assertEquals("carol@ims.example.org", saa.impi(), "User-Name may be absent: the IMPU's own");
        assertNotNull(saa.userData());
        assertEquals(
                RegistrationState.UNREGISTERED, f.store.registration(CAROL_SIP).state());
        assertEquals(
                SCSCF2,
                hss.locationInfo(new LocationInfo(CAROL_SIP, false, null)).serverName());
        UaaResult uaa = uar("carol@ims.example.org", CAROL_SIP, null);
        assertEquals(CxResult.UNREGISTERED_SERVICE, uaa.result());
        assertEquals(SCSCF2, uaa.serverName());
        assertEquals(
                CxResult.USER_UNKNOWN,
                hss.locationInfo(new LocationInfo("sip:nobody@ims.example.org", false, null))
                        .result());
    }

    @Test
    void registrationTerminationGoesToTheScscfOnRecordAndClearsOnSuccessOnly() {
        assertEquals(List.of(), hss.registrationTerminations(ALICE, 0, "gone"));
        sar(ALICE, ALICE_SIP, SCSCF1, ServerAssignmentType.REGISTRATION, false);
        List<RegistrationTermination> rtrs = hss.registrationTerminations(ALICE, 0, "contract ended");
        assertEquals(1, rtrs.size());
        RegistrationTermination rtr = rtrs.get(0);
        assertEquals("host-of-" + SCSCF1, rtr.destinationHost());
        assertEquals(ALICE, rtr.impi());
        assertEquals(List.of(ALICE_SIP, ALICE_TEL), rtr.impus());
        assertEquals(0, rtr.reasonCode());
        assertEquals(rtrs, hss.registrationTerminations(ALICE_TEL, 0, "contract ended"), "by IMPU: its set");

        hss.registrationTerminated(rtr, CxResult.UNABLE_TO_COMPLY);
        assertEquals(
                RegistrationState.REGISTERED, f.store.registration(ALICE_SIP).state());
        hss.registrationTerminated(rtr, CxResult.SUCCESS);
        assertEquals(
                RegistrationState.NOT_REGISTERED,
                f.store.registration(ALICE_SIP).state());
        assertEquals(
                RegistrationState.NOT_REGISTERED,
                f.store.registration(ALICE_TEL).state());
    }

    @Test
    void profilePushCarriesTheCurrentUserData() throws Exception {
        assertEquals(List.of(), hss.profilePushes(ALICE));
        sar(ALICE, ALICE_SIP, SCSCF1, ServerAssignmentType.REGISTRATION, false);
        List<ProfilePush> pprs = hss.profilePushes(ALICE);
        assertEquals(1, pprs.size());
        assertEquals("host-of-" + SCSCF1, pprs.get(0).destinationHost());
        assertEquals(SCSCF1, pprs.get(0).serverName());
        assertEquals(ALICE, CxXml.subscription(pprs.get(0).userData()).privateId);
    }
}
