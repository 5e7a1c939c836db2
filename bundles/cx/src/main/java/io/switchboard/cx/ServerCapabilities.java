package io.switchboard.cx;

import java.util.List;

/**
 * Server-Capabilities (AVP 603): the capabilities an S-CSCF must (mandatory) or should (optional) have to serve the
 * user, and S-CSCF names the I-CSCF may pick from. The HSS sends it instead of a Server-Name when it leaves the
 * choice to the I-CSCF.
 */
public record ServerCapabilities(List<Integer> mandatory, List<Integer> optional, List<String> serverNames) {

    public ServerCapabilities {
        mandatory = List.copyOf(mandatory);
        optional = List.copyOf(optional);
        serverNames = List.copyOf(serverNames);
    }
}
