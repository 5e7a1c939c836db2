package io.switchboard.sdp.internal;

import io.switchboard.sdp.Sdp;
import io.switchboard.sdp.SdpEdits;
import io.switchboard.sdp.SdpException;
import java.util.ArrayList;
import java.util.List;

/**
 * The edits of one {@code sdp:edit} endpoint, read once from its options, applied in a fixed order: codecs
 * removed, codecs kept, direction, address, port. Null for {@code sdp:parse}.
 */
record SdpEditing(
        List<String> removeCodecs, List<String> keepCodecs, String direction, String address, Integer port, int media) {

    static SdpEditing of(SdpConfiguration c) {
        if (!SdpConfiguration.EDIT.equals(c.getAction())) {
            return null;
        }
        return new SdpEditing(
                names(c.getRemoveCodecs()),
                names(c.getKeepCodecs()),
                c.getDirection(),
                c.getAddress(),
                c.getPort(),
                c.getMediaIndex());
    }

    Sdp apply(Sdp sdp) throws SdpException {
        Sdp out = sdp;
        if (!removeCodecs.isEmpty()) {
            out = SdpEdits.removeCodecs(out, removeCodecs);
        }
        if (!keepCodecs.isEmpty()) {
            out = SdpEdits.keepCodecs(out, keepCodecs);
        }
        if (direction != null && !direction.isBlank()) {
            out = SdpEdits.direction(out, direction);
        }
        if (address != null && !address.isBlank()) {
            out = SdpEdits.address(out, address);
        }
        if (port != null) {
            out = SdpEdits.port(out, media, port);
        }
        return out;
    }

    private static List<String> names(String csv) {
        List<String> out = new ArrayList<>();
        if (csv != null) {
            for (String s : csv.split(",")) {
                if (!s.isBlank()) {
                    out.add(s.trim());
                }
            }
        }
        return List.copyOf(out);
    }
}
