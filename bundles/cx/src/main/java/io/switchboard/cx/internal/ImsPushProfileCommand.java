package io.switchboard.cx.internal;

import io.switchboard.cx.HssRequests;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code ims:push-profile IMPI} or {@code ims:push-profile --profile NAME}: PPR with the User-Data. */
@Command(
        scope = "ims",
        name = "push-profile",
        description = "Pushes the current profile (PPR) to the S-CSCF holding a user, or every user of a profile")
@Service
public class ImsPushProfileCommand implements Action {

    @Reference
    HssRequests requests;

    @Argument(index = 0, name = "impi", description = "private identity (or use --profile)")
    String impi;

    @Option(name = "--profile", description = "every registered user of this service profile")
    String profile;

    @Override
    public Object execute() {
        if ((impi == null) == (profile == null)) {
            System.err.println("Error: give an IMPI or --profile NAME");
            return null;
        }
        if (profile != null) {
            ImsDeliveries.print(requests.pushProfileChange(profile), "PPR", "profile " + profile);
        } else {
            ImsDeliveries.print(requests.pushProfile(impi), "PPR", impi);
        }
        return null;
    }
}
