package io.switchboard.dialog.internal;

import io.switchboard.dialog.DialogInfo;
import io.switchboard.dialog.DialogService;
import io.switchboard.dialog.DialogState;
import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipProxyEvent;
import io.switchboard.sip.SipProxyListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dialog state machine, fed by what proxy:relay does ({@link SipProxyListener}): an initial INVITE
 * creates a dialog (CREATED), the first 180/183 upstream makes it RINGING (post-dial delay), a 2xx ANSWERED
 * (stored), and a BYE from either side, the caller's CANCEL or a final failure ENDED (moved to history).
 * A dialog ends once: a retransmitted or repeated BYE changes nothing. A BYE for a Call-ID not
 * in memory is looked up in the store (another node relayed the call) and ends that dialog.
 */
final class DialogTracker implements SipProxyListener, DialogService {

    private static final Logger LOG = LoggerFactory.getLogger(DialogTracker.class);
    static final int RECENT = 100;

    /** What a dialog event tells: its type (created, ringing, answered, ended) and the dialog then. */
    record Event(String type, DialogInfo dialog, String feature) {}

    /** Feature decisions taken before the proxy relayed their call, by Call-ID; bounded, see {@link #feature}. */
    static final int PENDING_FEATURES = 10_000;

    /** Publishes dialog events. */
    interface Publisher {
        void publish(Event event);
    }

    /** Sends an in-dialog BYE (the sip producer with a SipDialog). */
    interface ByeSender {
        void sendBye(SipDialog dialog);
    }

    private static final class Dialog {
        String callId;
        String fromUri;
        String fromTag;
        String toUri;
        String toTag;
        DialogState state = DialogState.CREATED;
        long createdAt;
        long ringingAt;
        long answeredAt;
        long endedAt;
        String endReason;
        String endedBy;
        String callerContact;
        String calleeContact;
        long inviteCSeq;
        long callerCSeq;
        long calleeCSeq;
        boolean cancelled;
        String feature;
        List<String> recordRoute = List.of();
        final Set<String> profiles = new LinkedHashSet<>();

        DialogInfo snapshot() {
            return new DialogInfo(
                    callId,
                    fromUri,
                    fromTag,
                    toUri,
                    toTag,
                    state,
                    createdAt,
                    ringingAt,
                    answeredAt,
                    endedAt,
                    endReason,
                    endedBy,
                    callerContact,
                    calleeContact,
                    callerCSeq,
                    calleeCSeq,
                    recordRoute,
                    Collections.unmodifiableSet(new LinkedHashSet<>(profiles)));
        }

        static Dialog of(DialogInfo i) {
            Dialog d = new Dialog();
            d.callId = i.callId();
            d.fromUri = i.fromUri();
            d.fromTag = i.fromTag();
            d.toUri = i.toUri();
            d.toTag = i.toTag();
            d.state = i.state();
            d.createdAt = i.createdAt();
            d.ringingAt = i.ringingAt();
            d.answeredAt = i.answeredAt();
            d.callerContact = i.callerContact();
            d.calleeContact = i.calleeContact();
            d.callerCSeq = i.callerCSeq();
            d.inviteCSeq = i.callerCSeq();
            d.calleeCSeq = i.calleeCSeq();
            d.recordRoute = i.recordRoute();
            d.profiles.addAll(i.profiles());
            return d;
        }
    }

    /**
     * Live dialogs. A dialog changes only under the lock of its Call-ID's stripe: one lock for all calls made
     * every relayed response wait for every other call's state change, and since the JVM does not hand a monitor
     * over in arrival order, a 180 waiting there could be overtaken by its own 200 (and then dropped).
     */
    private final Map<String, Dialog> live = new ConcurrentHashMap<>();

    private final Map<String, String> pendingFeatures = new ConcurrentHashMap<>();

    private final Object[] stripes = new Object[256];
    private final Deque<DialogInfo> ended = new ArrayDeque<>(); // guarded by itself
    private final DialogStore store;
    private final Publisher publisher;
    private final ByeSender byeSender;
    /** Our own Record-Route host:port, to split a dialog's route set into caller and callee sides. */
    private final String self;

    DialogTracker(DialogStore store, Publisher publisher, ByeSender byeSender, String self) {
        this.store = store;
        this.publisher = publisher;
        this.byeSender = byeSender;
        this.self = self;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    private Object lockOf(String callId) {
        return stripes[(callId == null ? 0 : callId.hashCode()) & (stripes.length - 1)];
    }

    /** Restores the live dialogs of the store (after a restart). */
    int restore() {
        int n = 0;
        for (DialogInfo i : store.loadLive()) {
            if (live.putIfAbsent(i.callId(), Dialog.of(i)) == null) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void onProxyEvent(SipProxyEvent e) {
        List<Event> out = new ArrayList<>(1);
        synchronized (lockOf(e.callId())) {
            if (e.kind() == SipProxyEvent.Kind.REQUEST) {
                onRequest(e, out);
            } else if ("INVITE".equals(e.method())) {
                onInviteResponse(e, out);
            }
        }
        publish(out);
    }

    private void publish(List<Event> out) {
        for (Event ev : out) {
            try {
                publisher.publish(ev);
            } catch (RuntimeException ex) {
                LOG.warn(
                        "Could not publish dialog event {} of {}",
                        ev.type(),
                        ev.dialog().callId(),
                        ex);
            }
        }
    }

    private void onRequest(SipProxyEvent e, List<Event> out) {
        Dialog d = live.get(e.callId());
        switch (e.method()) {
            case "INVITE" -> {
                if (e.toTag() == null) {
                    if (d == null) {
                        d = new Dialog();
                        d.callId = e.callId();
                        d.fromUri = e.fromUri();
                        d.fromTag = e.fromTag();
                        d.toUri = e.toUri();
                        d.createdAt = e.timestamp();
                        d.callerContact = e.contact();
                        d.inviteCSeq = e.cseq();
                        d.callerCSeq = e.cseq();
                        d.feature = pendingFeatures.remove(d.callId);
                        live.put(d.callId, d);
                        out.add(new Event("created", d.snapshot(), d.feature));
                    }
                } else if (d != null) {
                    seen(d, e);
                }
            }
            case "BYE" -> {
                if (d == null) {
                    d = fromStore(e.callId());
                }
                if (d != null && d.state != DialogState.ENDED) {
                    seen(d, e);
                    end(d, "BYE", isFromCaller(d, e) ? "caller" : "callee", e.timestamp(), out);
                }
            }
            case "CANCEL" -> { // only unanswered calls can be cancelled, and those are never stored
                if (d != null && d.state.compareTo(DialogState.ANSWERED) < 0) {
                    d.cancelled = true;
                    end(d, "CANCEL", "caller", e.timestamp(), out);
                }
            }
            default -> {
                if (d != null) {
                    seen(d, e);
                }
            }
        }
    }

    private Dialog fromStore(String callId) {
        Optional<DialogInfo> stored = store.findLive(callId);
        if (stored.isEmpty()) {
            return null;
        }
        Dialog d = Dialog.of(stored.get());
        live.put(callId, d);
        LOG.info("Dialog {} taken over from the shared store", callId);
        return d;
    }

    private static boolean isFromCaller(Dialog d, SipProxyEvent e) {
        return d.fromTag != null && d.fromTag.equals(e.fromTag());
    }

    private static void seen(Dialog d, SipProxyEvent e) {
        if (isFromCaller(d, e)) {
            d.callerCSeq = Math.max(d.callerCSeq, e.cseq());
        } else {
            d.calleeCSeq = Math.max(d.calleeCSeq, e.cseq());
        }
    }

    private void onInviteResponse(SipProxyEvent e, List<Event> out) {
        Dialog d = live.get(e.callId());
        if (d == null || d.inviteCSeq != e.cseq() || d.state == DialogState.ENDED) {
            return; // unknown, or a re-INVITE's answer
        }
        int status = e.status();
        if ((status == 180 || status == 183) && d.state == DialogState.CREATED) {
            d.state = DialogState.RINGING;
            d.ringingAt = e.timestamp();
            out.add(new Event("ringing", d.snapshot(), d.feature));
        } else if (status >= 200 && status < 300 && d.state.compareTo(DialogState.ANSWERED) < 0) {
            d.state = DialogState.ANSWERED;
            d.answeredAt = e.timestamp();
            d.toTag = e.toTag();
            d.calleeContact = e.contact();
            d.recordRoute = e.recordRoute() == null ? List.of() : split(e.recordRoute());
            DialogInfo snapshot = d.snapshot();
            store.answered(snapshot);
            out.add(new Event("answered", snapshot, d.feature));
        } else if (status >= 300 && d.state.compareTo(DialogState.ANSWERED) < 0) {
            if (d.cancelled || status == 487) { // 487 Request Terminated: the caller's CANCEL
                end(d, "CANCEL", "caller", e.timestamp(), out);
            } else if (status == 408 && e.local()) {
                end(d, "timeout", "callee", e.timestamp(), out);
            } else {
                end(d, "failure " + status, "callee", e.timestamp(), out);
            }
        }
    }

    private static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(csv.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(csv.substring(start).trim());
        return out;
    }

    private void end(Dialog d, String reason, String by, long at, List<Event> out) {
        if (d.state == DialogState.ENDED) {
            return;
        }
        boolean wasAnswered = d.state == DialogState.ANSWERED;
        d.state = DialogState.ENDED;
        d.endedAt = at;
        d.endReason = reason;
        d.endedBy = by;
        live.remove(d.callId);
        DialogInfo snapshot = d.snapshot();
        synchronized (ended) {
            ended.addLast(snapshot);
            while (ended.size() > RECENT) {
                ended.removeFirst();
            }
        }
        if (wasAnswered) {
            store.ended(snapshot);
        }
        out.add(new Event("ended", snapshot, d.feature));
    }

    // ------------------------------------------------------------------ DialogService

    @Override
    public void declined(
            String callId, String fromUri, String fromTag, String toUri, String endReason, String feature) {
        List<Event> out = new ArrayList<>(2);
        long now = System.currentTimeMillis();
        synchronized (lockOf(callId)) {
            pendingFeatures.remove(callId);
            Dialog d = live.get(callId);
            if (d == null) {
                d = new Dialog();
                d.callId = callId;
                d.fromUri = fromUri;
                d.fromTag = fromTag;
                d.toUri = toUri;
                d.createdAt = now;
                d.feature = feature;
                out.add(new Event("created", d.snapshot(), feature));
            } else {
                d.feature = feature; // a forwarded call that ends at a feature of the next user: that dialog ends
            }
            end(d, endReason, "callee", now, out);
        }
        publish(out);
    }

    /**
     * On the live dialog, else kept for the dialog the next relay of this Call-ID creates. A decision whose call
     * is never relayed (the proxy refused it) stays pending: at {@link #PENDING_FEATURES} they are dropped at once,
     * a bound that only calls refused right after a forward can reach.
     */
    @Override
    public void feature(String callId, String decision) {
        if (callId == null || decision == null) {
            return;
        }
        synchronized (lockOf(callId)) {
            Dialog d = live.get(callId);
            if (d != null && d.state != DialogState.ENDED) {
                d.feature = decision;
                return;
            }
            if (pendingFeatures.size() >= PENDING_FEATURES) {
                pendingFeatures.clear();
            }
            pendingFeatures.put(callId, decision);
        }
    }

    @Override
    public List<DialogInfo> live() {
        List<DialogInfo> out = new ArrayList<>(live.size());
        for (Dialog d : live.values()) {
            synchronized (lockOf(d.callId)) {
                if (d.state != DialogState.ENDED) {
                    out.add(d.snapshot());
                }
            }
        }
        out.sort(Comparator.comparingLong(DialogInfo::createdAt)); // oldest first
        return out;
    }

    @Override
    public List<DialogInfo> recentlyEnded() {
        synchronized (ended) {
            return new ArrayList<>(ended);
        }
    }

    @Override
    public Optional<DialogInfo> find(String callId) {
        synchronized (lockOf(callId)) {
            Dialog d = live.get(callId);
            return d == null ? Optional.empty() : Optional.of(d.snapshot());
        }
    }

    @Override
    public boolean isKnown(String callId, String fromTag, String toTag) {
        synchronized (lockOf(callId)) {
            Dialog d = live.get(callId);
            if (d == null || fromTag == null) {
                return false;
            }
            if (fromTag.equals(d.fromTag)) {
                return toTag == null || d.toTag == null || toTag.equals(d.toTag);
            }
            return d.toTag != null && fromTag.equals(d.toTag) && d.fromTag.equals(toTag);
        }
    }

    /**
     * {@link io.switchboard.sip.SipDialogDirectory}: a live dialog in memory with these tags, or, for an in-dialog
     * request (To tag), an answered one another node stored (the same fallback a BYE gets). A new request is only
     * looked up in memory: the proxy asks for every request it relays, and one without a To tag can only belong to a
     * dialog it just created here.
     */
    boolean tracks(String callId, String fromTag, String toTag) {
        if (callId == null || fromTag == null) {
            return false;
        }
        if (isKnown(callId, fromTag, toTag)) {
            return true;
        }
        if (toTag == null) {
            return false;
        }
        Optional<DialogInfo> stored = store.findLive(callId);
        return stored.isPresent() && sameDialog(stored.get(), fromTag, toTag);
    }

    /** The request's tags are the dialog's, in either direction. */
    static boolean sameDialog(DialogInfo d, String fromTag, String toTag) {
        return fromTag.equals(d.fromTag()) && toTag.equals(d.toTag())
                || fromTag.equals(d.toTag()) && toTag.equals(d.fromTag());
    }

    @Override
    public boolean addToProfile(String callId, String profile) {
        synchronized (lockOf(callId)) {
            Dialog d = live.get(callId);
            if (d == null) {
                return false;
            }
            d.profiles.add(profile);
            return true;
        }
    }

    @Override
    public int profileSize(String profile) {
        int n = 0;
        for (Dialog d : live.values()) {
            synchronized (lockOf(d.callId)) {
                if (d.state != DialogState.ENDED && d.profiles.contains(profile)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Override
    public boolean end(String callId) {
        SipDialog towardsCallee;
        SipDialog towardsCaller;
        List<Event> out = new ArrayList<>(1);
        synchronized (lockOf(callId)) {
            Dialog d = live.get(callId);
            if (d == null || d.state != DialogState.ANSWERED) {
                return false;
            }
            int ours = indexOfSelf(d.recordRoute);
            List<String> downstream = new ArrayList<>(ours < 0 ? List.of() : d.recordRoute.subList(0, ours));
            Collections.reverse(downstream);
            List<String> upstream = ours < 0 ? List.of() : d.recordRoute.subList(ours + 1, d.recordRoute.size());
            towardsCallee = new SipDialog(
                    d.callId, d.fromUri, d.fromTag, d.toUri, d.toTag, d.calleeContact, downstream, d.callerCSeq);
            towardsCaller = new SipDialog(
                    d.callId,
                    d.toUri,
                    d.toTag,
                    d.fromUri,
                    d.fromTag,
                    d.callerContact,
                    new ArrayList<>(upstream),
                    d.calleeCSeq);
            end(d, "admin", "operator", System.currentTimeMillis(), out);
        }
        byeSender.sendBye(towardsCallee);
        byeSender.sendBye(towardsCaller);
        for (Event ev : out) {
            publisher.publish(ev);
        }
        return true;
    }

    private int indexOfSelf(List<String> recordRoute) {
        for (int i = 0; i < recordRoute.size(); i++) {
            if (self != null && recordRoute.get(i).contains(self)) {
                return i;
            }
        }
        return -1;
    }

    static List<String> parseList(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
    }
}
