package io.switchboard.cx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ims:* commands change the store as their REST counterparts do, and refuse what REST refuses. */
class ShellCommandsTest {

    private JdbcImsStore store;

    @BeforeEach
    void setUp() throws Exception {
        store = new ImsFixture().store;
    }

    @Test
    void provisionAUserFromTheShell() throws Exception {
        ImsProfileAddCommand profile = new ImsProfileAddCommand();
        profile.store = store;
        profile.name = "example";
        profile.mandatory = "1, 2";
        profile.execute();
        assertEquals(
                List.of(1, 2), store.serviceProfile("example").orElseThrow().mandatoryCapabilities());
        assertEquals(
                2,
                CxXml.profile(store.serviceProfile("example").orElseThrow().ifcXml())
                        .ifcs
                        .size());

        ImsPublicAddCommand impu = new ImsPublicAddCommand();
        impu.store = store;
        impu.impu = "tel:+4930123";
        impu.profile = "example";
        impu.irs = "erin";
        impu.execute();
        ImsPrivateAddCommand impi = new ImsPrivateAddCommand();
        impi.store = store;
        impi.impi = "erin@ims.example.org";
        impi.impus = List.of("tel:+4930123");
        impi.k = ImsFixture.K;
        impi.opc = ImsFixture.OPC;
        impi.execute();
        assertEquals(List.of("tel:+4930123"), store.publicIdentitiesOf("erin@ims.example.org"));
        assertTrue(store.privateIdentity("erin@ims.example.org").orElseThrow().hasAka());

        ImsPrivateAddCommand bad = new ImsPrivateAddCommand();
        bad.store = store;
        bad.impi = "frank@ims.example.org";
        bad.k = ImsFixture.K;
        bad.execute();
        assertFalse(store.privateIdentity("frank@ims.example.org").isPresent(), "k without opc is refused");

        ImsRemoveCommand remove = new ImsRemoveCommand();
        remove.store = store;
        remove.kind = "profile";
        remove.id = "example";
        remove.execute();
        assertTrue(store.serviceProfile("example").isPresent(), "a profile in use stays");
        remove.kind = "impu";
        remove.id = "tel:+4930123";
        remove.execute();
        remove.kind = "profile";
        remove.id = "example";
        remove.execute();
        assertFalse(store.serviceProfile("example").isPresent());
    }
}
