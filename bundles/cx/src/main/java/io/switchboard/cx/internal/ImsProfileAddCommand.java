package io.switchboard.cx.internal;

import io.switchboard.cx.ImsStore;
import io.switchboard.cx.ServiceProfile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/**
 * Karaf shell {@code ims:profile-add NAME [FILE] [--mandatory 1,2] [--optional 3]}: adds or replaces a service
 * profile from a {@code <ServiceProfile>} file, or without FILE the shipped example (USSD and DFKS iFCs).
 */
@Command(scope = "ims", name = "profile-add", description = "Adds or replaces an IMS service profile (iFCs)")
@Service
public class ImsProfileAddCommand implements Action {

    static final String EXAMPLE = "ifc/example-profile.xml";

    @Reference
    ImsStore store;

    @Argument(index = 0, name = "name", description = "profile name", required = true)
    String name;

    @Argument(index = 1, name = "file", description = "a <ServiceProfile> XML file (default: the example profile)")
    String file;

    @Option(name = "--mandatory", description = "capabilities an S-CSCF must have, comma separated")
    String mandatory;

    @Option(name = "--optional", description = "capabilities an S-CSCF should have, comma separated")
    String optional;

    @Override
    public Object execute() throws IOException {
        try {
            String xml = file == null ? example() : Files.readString(Path.of(file), StandardCharsets.UTF_8);
            List<Integer> m = Capabilities.parse(mandatory);
            List<Integer> o = Capabilities.parse(optional);
            ServiceProfile p = ImsInput.serviceProfile(name, xml, m, o);
            store.putServiceProfile(p);
            System.out.println("service profile " + p.name() + " stored");
        } catch (IllegalArgumentException e) {
            System.err.println("Error: " + e.getMessage());
        }
        return null;
    }

    /** The example profile shipped in the bundle. */
    static String example() throws IOException {
        try (InputStream in = ImsProfileAddCommand.class.getClassLoader().getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new IOException(EXAMPLE + " is missing from the bundle");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
