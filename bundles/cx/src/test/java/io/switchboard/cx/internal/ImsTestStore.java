package io.switchboard.cx.internal;

import io.switchboard.cx.PublicIdentity;
import io.switchboard.cx.Registration;
import io.switchboard.cx.RegistrationState;
import java.util.List;

/** The shared fixture for tests outside this package: a store with the example profile and two users. */
public final class ImsTestStore {

    public static final String REGISTERED_USER = "sip:reg@ims.example.org";
    public static final String UNREGISTERED_USER = "sip:unreg@ims.example.org";

    private final ImsFixture fixture;

    private ImsTestStore(ImsFixture fixture) {
        this.fixture = fixture;
    }

    public static ImsTestStore withExampleProfile() throws Exception {
        ImsFixture f = new ImsFixture();
        f.store.putPublicIdentity(new PublicIdentity(REGISTERED_USER, false, null, "default", 0));
        f.store.putPublicIdentity(new PublicIdentity(UNREGISTERED_USER, false, null, "default", 0));
        f.store.putRegistrations(List.of(new Registration(
                REGISTERED_USER, RegistrationState.REGISTERED, ImsFixture.SCSCF1, null, null, ImsFixture.ALICE)));
        return new ImsTestStore(f);
    }

    public JdbcImsStore store() {
        return fixture.store;
    }
}
