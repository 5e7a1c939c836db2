package io.switchboard.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipDialogTest {

    private final SipDialog dialog = new SipDialog(
            "abc@host",
            "sip:sb@10.0.0.1",
            "lt",
            "<sip:bob@example.com>".replace("<", "").replace(">", ""),
            "rt",
            "sip:bob@192.0.2.7:5062;transport=tcp",
            List.of("<sip:p1.example.com;lr>", "<sip:p2.example.com;lr;ftag=x>"),
            41);

    @Test
    void serializedFormRoundTrips() {
        String text = dialog.serialize();
        SipDialog back = SipDialog.parse(text);
        assertEquals(dialog, back);
        assertEquals("abc@host", back.callId());
        assertEquals("sip:bob@192.0.2.7:5062;transport=tcp", back.remoteTarget());
        assertEquals(List.of("<sip:p1.example.com;lr>", "<sip:p2.example.com;lr;ftag=x>"), back.routeSet());
        assertEquals(41, back.localCSeq());
        assertEquals(text, back.serialize());
    }

    @Test
    void cseqAdvancesAndIsKeptBySerialization() throws Exception {
        SipDialog d = SipDialog.parse(dialog.serialize());
        assertEquals(42, d.nextCSeq());
        assertEquals(43, d.nextCSeq());
        assertEquals(43, SipDialog.parse(d.serialize()).localCSeq());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(d);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            SipDialog read = (SipDialog) in.readObject();
            assertEquals(d, read);
            assertEquals(44, read.nextCSeq());
        }
    }

    @Test
    void idAndCopies() {
        assertEquals("abc@host;lt;rt", dialog.id());
        SipDialog moved = dialog.withRemoteTarget("sip:bob@198.51.100.1");
        assertEquals("sip:bob@198.51.100.1", moved.remoteTarget());
        assertEquals(dialog.id(), moved.id());
        SipDialog early = new SipDialog("c", "sip:a@x", "t", "sip:b@y", null, "sip:b@y", null, 0);
        assertNull(early.remoteTag());
        assertEquals(early, SipDialog.parse(early.serialize()));
    }

    @Test
    void invalidInputIsRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new SipDialog(null, "sip:a@x", "t", "sip:b@y", "r", "sip:b@y", null, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> new SipDialog("c", "sip:a@x", "t", "sip:b@y", "r", "sip:b@y\r\nX: 1", null, 0));
        assertThrows(IllegalArgumentException.class, () -> SipDialog.parse("call-id=x\n"));
        assertThrows(IllegalArgumentException.class, () -> SipDialog.parse("sipdialog/1\ncall-id=x\nlocal-cseq=zz\n"));
        assertThrows(IllegalArgumentException.class, () -> SipDialog.parse("sipdialog/1\nbogus=1\n"));
        assertThrows(
                IllegalArgumentException.class,
                () -> SipDialog.parse("sipdialog/1\ncall-id=x\nlocal-uri=sip:a@b\nlocal-tag=t\n"
                        + "remote-uri=sip:c@d\nremote-target=sip:c@d\n"));
    }
}
