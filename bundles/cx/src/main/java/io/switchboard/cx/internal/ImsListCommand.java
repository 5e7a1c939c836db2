package io.switchboard.cx.internal;

import io.switchboard.cx.ImsStore;
import io.switchboard.cx.PrivateIdentity;
import io.switchboard.cx.PublicIdentity;
import io.switchboard.cx.Registration;
import io.switchboard.cx.Scscf;
import io.switchboard.cx.ServiceProfile;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code ims:list}: identities with their registration state, profiles, the S-CSCF pool (no secrets). */
@Command(scope = "ims", name = "list", description = "Lists the IMS subscriber store (without secrets)")
@Service
public class ImsListCommand implements Action {

    @Reference
    ImsStore store;

    @Override
    public Object execute() {
        StringBuilder sb = new StringBuilder();
        for (PrivateIdentity p : store.privateIdentities()) {
            sb.append(String.format(
                    "impi %s realm=%s digest=%s aka=%s roaming=%s impus=%s%n",
                    p.impi(),
                    p.realm(),
                    p.hasDigest(),
                    p.hasAka(),
                    p.roamingAllowed(),
                    store.publicIdentitiesOf(p.impi())));
        }
        for (PublicIdentity p : store.publicIdentities()) {
            Registration r = store.registration(p.impu());
            sb.append(String.format(
                    "impu %s profile=%s barred=%s irs=%s state=%s scscf=%s%n",
                    p.impu(), p.serviceProfile(), p.barred(), p.irsId(), r.state(), r.scscf()));
        }
        for (ServiceProfile p : store.serviceProfiles()) {
            sb.append(String.format(
                    "profile %s mandatory=%s optional=%s%n",
                    p.name(), p.mandatoryCapabilities(), p.optionalCapabilities()));
        }
        for (Scscf s : store.scscfs()) {
            sb.append(String.format(
                    "scscf %s host=%s capabilities=%s priority=%d%n",
                    s.name(), s.diameterHost(), s.capabilities(), s.priority()));
        }
        System.out.print(sb);
        return null;
    }
}
