package io.switchboard.cx.internal;

import io.switchboard.cx.ImsStore;
import io.switchboard.cx.ImsStoreException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code ims:remove impi|impu|profile|scscf ID}. */
@Command(scope = "ims", name = "remove", description = "Removes a private or public identity, profile or S-CSCF")
@Service
public class ImsRemoveCommand implements Action {

    @Reference
    ImsStore store;

    @Argument(index = 0, name = "kind", description = "impi, impu, profile or scscf", required = true)
    String kind;

    @Argument(index = 1, name = "id", description = "what to remove", required = true)
    String id;

    @Override
    public Object execute() {
        try {
            boolean removed = switch (kind) {
                case "impi" -> store.removePrivateIdentity(id);
                case "impu" -> store.removePublicIdentity(id);
                case "profile" -> store.removeServiceProfile(id);
                case "scscf" -> store.removeScscf(id);
                default -> throw new IllegalArgumentException("kind is impi, impu, profile or scscf, got " + kind);
            };
            System.out.println(removed ? kind + " " + id + " removed" : "no " + kind + " " + id);
        } catch (IllegalArgumentException | ImsStoreException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }
}
