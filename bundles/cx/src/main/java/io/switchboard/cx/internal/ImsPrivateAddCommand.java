package io.switchboard.cx.internal;

import io.switchboard.cx.ImsStore;
import io.switchboard.cx.PrivateIdentity;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Karaf shell {@code ims:impi-add IMPI [IMPU...] --password P | --ha1 H | --k K --opc O}: adds or replaces a private
 * identity, the same checks as {@code PUT /api/ims/private-identities/{impi}}; listed IMPUs are linked to it.
 */
@Command(scope = "ims", name = "impi-add", description = "Adds or replaces an IMS private identity")
@Service
public class ImsPrivateAddCommand implements Action {

    @Reference
    ImsStore store;

    @Argument(index = 0, name = "impi", description = "user@realm", required = true)
    String impi;

    @Argument(index = 1, name = "impus", description = "public identities it may register", multiValued = true)
    List<String> impus;

    @Option(name = "--realm", description = "digest realm (default: the IMPI's domain)")
    String realm;

    @Option(name = "--password", description = "SIP Digest password")
    String password;

    @Option(name = "--ha1", description = "SIP Digest HA1, MD5(impi:realm:password) in hex")
    String ha1;

    @Option(name = "--k", description = "AKA subscriber key K, 32 hex digits")
    String k;

    @Option(name = "--opc", description = "AKA OPc, 32 hex digits")
    String opc;

    @Option(name = "--op", description = "AKA OP, 32 hex digits (stored as OPc)")
    String op;

    @Option(name = "--amf", description = "AKA AMF, 4 hex digits (default 8000)")
    String amf;

    @Option(name = "--sqn", description = "AKA next SQN (default 0)")
    Long sqn;

    @Option(name = "--roaming", description = "may register from a visited network")
    boolean roaming;

    @Override
    public Object execute() {
        try {
            PrivateIdentity p = ImsInput.privateIdentity(impi, realm, password, ha1, k, opc, op, amf, sqn, roaming);
            List<String> links = impus == null
                    ? List.of()
                    : impus.stream().map(ImsInput::impu).toList();
            for (String impu : links) {
                if (store.publicIdentity(impu).isEmpty()) {
                    throw new IllegalArgumentException("no public identity " + impu + ": ims:impu-add it first");
                }
            }
            store.putPrivateIdentity(p);
            for (String impu : links) {
                store.link(p.impi(), impu);
            }
            System.out.println(
                    "private identity " + p.impi() + " stored, may register " + store.publicIdentitiesOf(p.impi()));
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }
}
