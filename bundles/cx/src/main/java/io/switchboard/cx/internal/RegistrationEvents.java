package io.switchboard.cx.internal;

import static io.switchboard.events.publish.EventPublisher.cut;

import io.switchboard.cx.Registration;
import io.switchboard.cx.RegistrationState;
import io.switchboard.cx.ServerAssignmentType;
import io.switchboard.events.publish.EventPublisher;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A change of the HSS's stored registration of an IMPU through a SAR as an event of the platform's bus
 * (bundles/events, type {@code CX_REGISTRATION}), published through its optional publishing service, a JDK type: this
 * bundle does not import the bus, and while the bus is not installed nothing is read, built or sent. {@link HssEngine}
 * calls it for each IMPU of the SAR's implicit registration sets; only a change of the state or of the S-CSCF
 * assigned is an event (a re-registration with the same S-CSCF is none). The attributes are a fixed set, each text
 * cut at {@link EventPublisher#MAX_VALUE} characters (the identities and the server name come from the wire).
 */
final class RegistrationEvents {

    static final String TYPE = "CX_REGISTRATION";
    static final RegistrationEvents NONE = new RegistrationEvents(new EventPublisher());

    private final EventPublisher bus;

    RegistrationEvents(EventPublisher bus) {
        this.bus = bus;
    }

    /** Whether a bus is there to publish to: the engine reads the records before a SAR's write only then. */
    boolean on() {
        return bus.on();
    }

    /**
     * The record {@code before} of an IMPU became {@code after} through a SAR of {@code type} from {@code scscf} for
     * {@code impi}; published when the state or the S-CSCF assigned differ.
     */
    void changed(Registration before, Registration after, ServerAssignmentType type, String scscf, String impi) {
        if (before.state() == after.state() && Objects.equals(before.scscf(), after.scscf())) {
            return;
        }
        if (!bus.on()) {
            return;
        }
        Map<String, Object> a = new HashMap<>();
        a.put("impu", cut(after.impu()));
        a.put("impi", cut(impi));
        a.put("scscf", cut(scscf));
        a.put("assignment", type.name());
        a.put("state", state(after.state()));
        a.values().removeIf(Objects::isNull);
        bus.publish(TYPE, a);
    }

    /** The {@code state} values: {@code registered}, {@code unregistered}, {@code not_registered}. */
    static String state(RegistrationState s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
