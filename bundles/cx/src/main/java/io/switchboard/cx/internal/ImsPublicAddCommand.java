package io.switchboard.cx.internal;

import io.switchboard.cx.ImsStore;
import io.switchboard.cx.PublicIdentity;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code ims:impu-add IMPU PROFILE [--barred] [--irs ID]}: adds or replaces a public identity. */
@Command(scope = "ims", name = "impu-add", description = "Adds or replaces an IMS public identity")
@Service
public class ImsPublicAddCommand implements Action {

    @Reference
    ImsStore store;

    @Argument(index = 0, name = "impu", description = "sip:, sips: or tel: URI", required = true)
    String impu;

    @Argument(index = 1, name = "profile", description = "service profile name", required = true)
    String profile;

    @Option(name = "--barred", description = "barred (BarringIndication 1)")
    boolean barred;

    @Option(name = "--irs", description = "implicit registration set id (same id: registered together)")
    String irs;

    @Option(name = "--psi", description = "a distinct PSI (IdentityType 1) instead of a public user identity")
    boolean psi;

    @Override
    public Object execute() {
        try {
            PublicIdentity p = ImsInput.publicIdentity(impu, barred, irs, profile, psi ? 1 : 0);
            if (store.serviceProfile(p.serviceProfile()).isEmpty()) {
                throw new IllegalArgumentException(
                        "no service profile " + p.serviceProfile() + ": ims:profile-add it first");
            }
            store.putPublicIdentity(p);
            System.out.println("public identity " + p.impu() + " stored (profile " + p.serviceProfile() + ")");
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }
}
