package io.switchboard.diameter.internal;

import io.switchboard.diameter.Avp;
import io.switchboard.diameter.AvpDefinition;
import io.switchboard.diameter.AvpType;
import io.switchboard.diameter.CommandDefinition;
import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.diameter.DiameterMessage;
import io.switchboard.diameter.DiameterResultCodes;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of RFC 6733 a received request passes before any application sees it, against the dictionary: the
 * application is ours (3007), the command is known (3001), each AVP with M is known (5001), its flags agree with
 * its definition (3009), its value has a valid length (5014) and form (5004), inside Grouped AVPs too, and the
 * AVPs its ABNF requires are there (5005, with a zero-filled example in Failed-AVP as §7.5 asks).
 */
final class MessageChecks {

    private final DiameterDictionary dictionary;

    MessageChecks(DiameterDictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** Nothing when the request may go on; {@code applications} are the Application-Ids we serve. */
    Optional<Problem> check(DiameterMessage request, Set<Long> applications) {
        if (request.applicationId() != 0 && !applications.contains(request.applicationId())) {
            return problem(DiameterResultCodes.APPLICATION_UNSUPPORTED, "application not supported", null);
        }
        Optional<CommandDefinition> command = dictionary.command(request.commandCode(), request.applicationId());
        if (command.isEmpty()) {
            return problem(DiameterResultCodes.COMMAND_UNSUPPORTED, "command not supported", null);
        }
        Optional<Problem> avps = checkAvps(request.avps(), 0);
        if (avps.isPresent()) {
            return avps;
        }
        return missing(request, command.get().requestRequired());
    }

    private Optional<Problem> checkAvps(List<Avp> avps, int depth) {
        for (Avp a : avps) {
            Optional<AvpDefinition> d = dictionary.avp(a.code(), a.vendorId());
            if (d.isEmpty()) {
                if (a.isMandatory()) {
                    return problem(DiameterResultCodes.AVP_UNSUPPORTED, "AVP " + a.code() + " not supported", a);
                }
                continue;
            }
            AvpDefinition def = d.get();
            byte[] data = a.data();
            if (!def.acceptsFlags(a.flags())) {
                return problem(DiameterResultCodes.INVALID_AVP_BITS, def.name() + " must not have the M bit", a);
            }
            if (!def.type().hasValidLength(data)) {
                return problem(DiameterResultCodes.INVALID_AVP_LENGTH, def.name() + ": invalid length", a);
            }
            if (!def.type().isValid(data)) {
                long code = def.type() == AvpType.GROUPED
                        ? DiameterResultCodes.INVALID_AVP_LENGTH
                        : DiameterResultCodes.INVALID_AVP_VALUE;
                return problem(code, def.name() + ": invalid value", a);
            }
            if (def.type() == AvpType.GROUPED && depth < 8) {
                Optional<Problem> inner = checkAvps(a.children(), depth + 1);
                if (inner.isPresent()) {
                    return inner;
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Problem> missing(DiameterMessage request, List<String> required) {
        Set<Long> present = new HashSet<>();
        for (Avp a : request.avps()) {
            present.add(((long) a.code() << 32) ^ a.vendorId());
        }
        for (String name : required) {
            AvpDefinition d = dictionary.avp(name).orElseThrow();
            if (!present.contains(((long) d.code() << 32) ^ d.vendorId())) {
                return problem(DiameterResultCodes.MISSING_AVP, name + " is missing", d.zero());
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> problem(long code, String message, Avp failed) {
        return Optional.of(new Problem(code, message, failed));
    }
}
