package io.switchboard.registrar.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.switchboard.events.publish.EventPublisher;
import io.switchboard.registrar.ContactBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContactEventsTest {

    private final List<Object[]> out = new ArrayList<>();
    private final ContactEvents events =
            new ContactEvents(EventPublisher.of((type, a) -> out.add(new Object[] {type, a})));

    @Test
    void aPushCapableContactCarriesItsPushParameters() {
        ContactBinding b = new ContactBinding(
                "bob@x",
                "sip:bob@10.0.0.2:5060;pn-provider=apns;pn-prid=ABC:1;" + "pn-param=TEAM.app.voip;transport=udp",
                61_000,
                1_000,
                "reg-1",
                2,
                "Phone/1",
                "udp:10.0.0.2:5060");
        events.publish("registered", b, 1_000);
        assertEquals("REGISTER", out.get(0)[0]);
        Map<?, ?> a = (Map<?, ?>) out.get(0)[1];
        assertEquals("bob@x", a.get("aor"));
        assertEquals("registered", a.get("change"));
        assertEquals(60L, a.get("expires"));
        assertEquals("apns", a.get("pn-provider"));
        assertEquals("ABC:1", a.get("pn-prid"));
        assertEquals("TEAM.app.voip", a.get("pn-param"));
        assertEquals("udp:10.0.0.2:5060", a.get("source"));
        assertEquals("Phone/1", a.get("user_agent"));
    }

    @Test
    void anExpiredContactIsItsOwnTypeWithExpiresZero() {
        ContactBinding b = new ContactBinding("bob@x", "sip:bob@10.0.0.2", 1_000, 0, "r", 1, null, "udp:1:2");
        events.publish("expired", b, 5_000);
        assertEquals("CONTACT_EXPIRED", out.get(0)[0]);
        Map<?, ?> a = (Map<?, ?>) out.get(0)[1];
        assertEquals(0L, a.get("expires"));
        assertNull(a.get("pn-prid"));
    }

    @Test
    void withoutTheBusNothingIsPublished() {
        ContactEvents.NONE.publish("registered", new ContactBinding("a@x", "sip:a@1", 1, 0, "c", 1, null, "s"), 0);
        assertEquals(List.of(), out);
        assertNull(ContactEvents.uriParameter("sip:a@1?pn-prid=x", "pn-prid"));
    }
}
