package io.switchboard.sip;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * State of a SIP dialog as seen from one side, independent of any SIP stack so it can be stored
 * (see {@link #serialize()} / {@link #parse(String)}) and used to send in-dialog requests later.
 * <p>
 * Everything is immutable except the local CSeq counter, which {@link #nextCSeq()} advances.
 */
public final class SipDialog implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final String FORMAT_VERSION = "sipdialog/1";

    private final String callId;
    private final String localUri;
    private final String localTag;
    private final String remoteUri;
    private final String remoteTag;
    private final String remoteTarget;
    private final List<String> routeSet;
    private final AtomicLong localCSeq;

    /**
     * @param callId       Call-ID
     * @param localUri     our URI (From URI in requests we send)
     * @param localTag     our tag
     * @param remoteUri    the peer's URI (To URI in requests we send)
     * @param remoteTag    the peer's tag
     * @param remoteTarget the peer's Contact URI: Request-URI of in-dialog requests
     * @param routeSet     Route header values for in-dialog requests, in order (may be empty)
     * @param localCSeq    the last CSeq number we used; {@link #nextCSeq()} returns it plus one
     */
    public SipDialog(
            String callId,
            String localUri,
            String localTag,
            String remoteUri,
            String remoteTag,
            String remoteTarget,
            List<String> routeSet,
            long localCSeq) {
        this.callId = checked("callId", callId, true);
        this.localUri = checked("localUri", localUri, true);
        this.localTag = checked("localTag", localTag, true);
        this.remoteUri = checked("remoteUri", remoteUri, true);
        this.remoteTag = checked("remoteTag", remoteTag, false);
        this.remoteTarget = checked("remoteTarget", remoteTarget, true);
        List<String> routes = new ArrayList<>();
        if (routeSet != null) {
            for (String r : routeSet) {
                routes.add(checked("routeSet", r, true));
            }
        }
        this.routeSet = Collections.unmodifiableList(routes);
        this.localCSeq = new AtomicLong(localCSeq);
    }

    private static String checked(String what, String value, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException("SipDialog: " + what + " is required");
            }
            return null;
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("SipDialog: " + what + " contains a line break");
        }
        return value;
    }

    public String callId() {
        return callId;
    }

    public String localUri() {
        return localUri;
    }

    public String localTag() {
        return localTag;
    }

    public String remoteUri() {
        return remoteUri;
    }

    /** The peer's tag; null only for a dialog whose peer has not answered yet. */
    public String remoteTag() {
        return remoteTag;
    }

    public String remoteTarget() {
        return remoteTarget;
    }

    /** Route set, in the order Route headers must be sent. Unmodifiable. */
    public List<String> routeSet() {
        return routeSet;
    }

    /** The last local CSeq number used. */
    public long localCSeq() {
        return localCSeq.get();
    }

    /** Advances the local CSeq counter and returns the new value (for the next in-dialog request). */
    public long nextCSeq() {
        return localCSeq.incrementAndGet();
    }

    /** Dialog id: {@code callId;localTag;remoteTag} (RFC 3261 12). */
    public String id() {
        return callId + ';' + localTag + ';' + (remoteTag == null ? "" : remoteTag);
    }

    /** Copy with another remote target (after a target refresh such as a re-INVITE). */
    public SipDialog withRemoteTarget(String newRemoteTarget) {
        return new SipDialog(callId, localUri, localTag, remoteUri, remoteTag, newRemoteTarget, routeSet, localCSeq());
    }

    /**
     * Text form, one {@code key=value} per line; {@link #parse(String)} reads it back.
     * SIP header values cannot contain line breaks, so no escaping is needed.
     */
    public String serialize() {
        StringBuilder sb = new StringBuilder(256);
        sb.append(FORMAT_VERSION).append('\n');
        sb.append("call-id=").append(callId).append('\n');
        sb.append("local-uri=").append(localUri).append('\n');
        sb.append("local-tag=").append(localTag).append('\n');
        sb.append("remote-uri=").append(remoteUri).append('\n');
        if (remoteTag != null) {
            sb.append("remote-tag=").append(remoteTag).append('\n');
        }
        sb.append("remote-target=").append(remoteTarget).append('\n');
        for (String r : routeSet) {
            sb.append("route=").append(r).append('\n');
        }
        sb.append("local-cseq=").append(localCSeq()).append('\n');
        return sb.toString();
    }

    /** Reads the text produced by {@link #serialize()}. */
    public static SipDialog parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("SipDialog text is null");
        }
        String[] lines = text.split("\r?\n");
        if (lines.length == 0 || !FORMAT_VERSION.equals(lines[0].trim())) {
            throw new IllegalArgumentException(
                    "Not a serialized SipDialog (expected first line " + FORMAT_VERSION + ")");
        }
        String callId = null, localUri = null, localTag = null, remoteUri = null, remoteTag = null, target = null;
        List<String> routes = new ArrayList<>();
        long cseq = -1;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Bad SipDialog line: " + line);
            }
            String key = line.substring(0, eq);
            String value = line.substring(eq + 1);
            switch (key) {
                case "call-id" -> callId = value;
                case "local-uri" -> localUri = value;
                case "local-tag" -> localTag = value;
                case "remote-uri" -> remoteUri = value;
                case "remote-tag" -> remoteTag = value;
                case "remote-target" -> target = value;
                case "route" -> routes.add(value);
                case "local-cseq" -> {
                    try {
                        cseq = Long.parseLong(value.trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("Bad SipDialog local-cseq: " + value);
                    }
                }
                default -> throw new IllegalArgumentException("Unknown SipDialog field: " + key);
            }
        }
        if (cseq < 0) {
            throw new IllegalArgumentException("SipDialog: local-cseq is required");
        }
        return new SipDialog(callId, localUri, localTag, remoteUri, remoteTag, target, routes, cseq);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SipDialog d)) {
            return false;
        }
        return callId.equals(d.callId)
                && localUri.equals(d.localUri)
                && localTag.equals(d.localTag)
                && remoteUri.equals(d.remoteUri)
                && Objects.equals(remoteTag, d.remoteTag)
                && remoteTarget.equals(d.remoteTarget)
                && routeSet.equals(d.routeSet)
                && localCSeq() == d.localCSeq();
    }

    @Override
    public int hashCode() {
        return Objects.hash(callId, localTag, remoteTag);
    }

    @Override
    public String toString() {
        return "SipDialog[" + id() + ", target=" + remoteTarget + ", routes=" + routeSet + ", cseq=" + localCSeq()
                + "]";
    }
}
