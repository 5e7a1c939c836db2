package io.switchboard.cx.internal;

import static io.switchboard.cx.internal.ImsFixture.ALICE;
import static io.switchboard.cx.internal.ImsFixture.ALICE_SIP;
import static io.switchboard.cx.internal.ImsFixture.ALICE_TEL;
import static io.switchboard.cx.internal.ImsFixture.SCSCF1;
import static io.switchboard.cx.internal.ImsFixture.SCSCF2;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.cx.CxResult;
import io.switchboard.cx.Registration;
import io.switchboard.cx.RegistrationState;
import io.switchboard.cx.ServerAssignment;
import io.switchboard.cx.ServerAssignmentType;
import io.switchboard.events.publish.EventPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One CX_REGISTRATION event per IMPU whose stored registration a SAR changed; none for no change, none without bus. */
class RegistrationEventsTest {

    private final List<Map<String, ?>> events = new ArrayList<>();
    private ImsFixture f;
    private HssEngine hss;

    @BeforeEach
    void setUp() throws Exception {
        f = new ImsFixture();
        BiConsumer<String, Map<String, ?>> bus = (type, a) -> {
            assertEquals(RegistrationEvents.TYPE, type);
            events.add(a);
        };
        hss = f.hss(true, new RegistrationEvents(EventPublisher.of(bus)));
    }

    private CxResult sar(String server, ServerAssignmentType type) {
        return hss.serverAssignment(
                        new ServerAssignment(ALICE, List.of(ALICE_SIP), server, type.code(), true, "host-" + server))
                .result();
    }

    @Test
    void registeredOnceForEachImpuOfTheImplicitSet() {
        assertEquals(CxResult.SUCCESS, sar(SCSCF1, ServerAssignmentType.REGISTRATION));
        assertEquals(2, events.size());
        Map<String, ?> a = events.get(0);
        assertEquals(ALICE_SIP, a.get("impu"));
        assertEquals(ALICE, a.get("impi"));
        assertEquals(SCSCF1, a.get("scscf"));
        assertEquals("REGISTRATION", a.get("assignment"));
        assertEquals("registered", a.get("state"));
        assertEquals(ALICE_TEL, events.get(1).get("impu"));
    }

    @Test
    void aReRegistrationChangesNothingAndIsNoEvent() {
        sar(SCSCF1, ServerAssignmentType.REGISTRATION);
        events.clear();
        assertEquals(CxResult.SUCCESS, sar(SCSCF1, ServerAssignmentType.RE_REGISTRATION));
        assertEquals(CxResult.SUCCESS, sar(SCSCF1, ServerAssignmentType.UNREGISTERED_USER));
        assertEquals(List.of(), events);
    }

    @Test
    void anotherScscfTakingOverIsAChange() {
        sar(SCSCF1, ServerAssignmentType.REGISTRATION);
        events.clear();
        sar(SCSCF2, ServerAssignmentType.REGISTRATION);
        assertEquals(2, events.size());
        assertEquals(SCSCF2, events.get(0).get("scscf"));
        assertEquals("registered", events.get(0).get("state"));
    }

    @Test
    void deregistrationsAndTheirStates() {
        sar(SCSCF1, ServerAssignmentType.REGISTRATION);
        events.clear();
        sar(SCSCF1, ServerAssignmentType.USER_DEREGISTRATION);
        assertEquals(2, events.size());
        Map<String, ?> a = events.get(0);
        assertEquals("not_registered", a.get("state"));
        assertEquals("USER_DEREGISTRATION", a.get("assignment"));
        assertEquals(ALICE, a.get("impi"), "the SAR's IMPI, though the record no longer holds one");
        assertEquals(SCSCF1, a.get("scscf"));
        events.clear();
        sar(SCSCF1, ServerAssignmentType.TIMEOUT_DEREGISTRATION);
        assertEquals(List.of(), events, "already not registered");
        sar(SCSCF1, ServerAssignmentType.UNREGISTERED_USER);
        assertEquals(2, events.size());
        assertEquals("unregistered", events.get(0).get("state"));
        assertEquals("UNREGISTERED_USER", events.get(0).get("assignment"));
    }

    @Test
    void longTextsAreCut() {
        List<Map<String, ?>> out = new ArrayList<>();
        RegistrationEvents e = new RegistrationEvents(EventPublisher.of((type, a) -> out.add(a)));
        String server = "sip:" + "s".repeat(300) + ".ims.example.org";
        e.changed(
                Registration.none(ALICE_SIP),
                new Registration(ALICE_SIP, RegistrationState.REGISTERED, server, null, null, ALICE),
                ServerAssignmentType.REGISTRATION,
                server,
                ALICE);
        assertEquals(EventPublisher.MAX_VALUE, ((String) out.get(0).get("scscf")).length());
        assertEquals(ALICE_SIP, out.get(0).get("impu"));
    }

    @Test
    void withoutTheBusNothingIsPublishedAndTheRecordIsStored() {
        hss = f.hss(true, RegistrationEvents.NONE);
        assertEquals(CxResult.SUCCESS, sar(SCSCF1, ServerAssignmentType.REGISTRATION));
        assertEquals(List.of(), events);
        assertEquals(SCSCF1, f.store.registration(ALICE_TEL).scscf());
    }
}
