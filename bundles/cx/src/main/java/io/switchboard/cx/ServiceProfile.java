package io.switchboard.cx;

import java.util.List;

/**
 * A service profile: {@code ifcXml} is a {@code <ServiceProfile>} of TS 29.228 Annex E without PublicIdentity
 * elements (its InitialFilterCriteria, CoreNetworkServicesAuthorization ...); the capabilities an S-CSCF needs to
 * serve it.
 */
public record ServiceProfile(
        String name, String ifcXml, List<Integer> mandatoryCapabilities, List<Integer> optionalCapabilities) {

    public ServiceProfile {
        mandatoryCapabilities = List.copyOf(mandatoryCapabilities);
        optionalCapabilities = List.copyOf(optionalCapabilities);
    }
}
