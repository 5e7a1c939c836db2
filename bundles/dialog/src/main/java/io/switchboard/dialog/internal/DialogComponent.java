package io.switchboard.dialog.internal;

import io.switchboard.dialog.DialogHistoryListener;
import io.switchboard.dialog.DialogInfo;
import io.switchboard.dialog.DialogListener;
import io.switchboard.dialog.DialogService;
import io.switchboard.events.publish.EventPublisher;
import io.switchboard.settings.SettingsReader;
import io.switchboard.sip.SipDialog;
import io.switchboard.sip.SipDialogDirectory;
import io.switchboard.sip.SipHeaders;
import io.switchboard.sip.SipProxyEvent;
import io.switchboard.sip.SipProxyListener;
import io.switchboard.sip.SipRequestSender;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dialog tracking in OSGi: a {@link SipProxyListener} (proxy:relay tells it everything), the {@link DialogService},
 * and the proxy's {@link SipDialogDirectory} (an in-dialog request that does not route through the proxy is relayed
 * only when it belongs to a dialog tracked here; README "Security"). Configuration PID {@code io.switchboard.dialog}:
 * {@code events.endpoint} (where
 * dialog events go, default {@value #DEFAULT_EVENTS}), {@code bye.endpoint} (the sip endpoint that sends
 * the BYEs of dialog:end, default {@value SipRequestSender#LISTENER}, the listener of the default routes, whose
 * connector the BYEs then share). Persistence in the DataSource {@code (dataSourceName=switchboard)} when it is there.
 */
@Component(
        service = {SipProxyListener.class, DialogService.class, SipDialogDirectory.class},
        immediate = true,
        configurationPid = DialogSettings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DialogSettings.class)
public class DialogComponent implements SipProxyListener, DialogService, SipDialogDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(DialogComponent.class);
    /** Static: a change re-activates the component, and a bad value then keeps the last valid settings. */
    private static final SettingsReader<DialogSettings> SETTINGS = reader(LOG::warn);

    static final String DEFAULT_EVENTS = "seda:dialog-events?discardIfNoConsumers=true";

    @Reference(target = "(camel.context.name=switchboard)")
    CamelContext camelContext;

    /**
     * Static and greedy: a DataSource that comes after activation (at boot the store may start later) or a
     * re-opened pool re-activates the component, which then migrates the tables and restores the live dialogs.
     * (A volatile field would make it dynamic: the component would keep running without persistence.)
     */
    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.STATIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = "(dataSourceName=switchboard)")
    DataSource dataSource;

    /** Called in the transaction of each move to the history (billing outboxes); the list is live. */
    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            fieldOption = FieldOption.UPDATE)
    final List<DialogHistoryListener> historyListeners = new CopyOnWriteArrayList<>();

    /** Told of every dialog event after events.endpoint; the list is live. */
    @Reference(
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            fieldOption = FieldOption.UPDATE)
    final List<DialogListener> dialogListeners = new CopyOnWriteArrayList<>();

    /**
     * The platform's event bus (bundles/events) when installed: its publishing service, a JDK type, so this bundle
     * neither imports the bus nor needs it. Dynamic: the bus may come and go while calls run.
     */
    private final EventPublisher eventBus = new EventPublisher();

    @Reference(
            name = "eventBus",
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY,
            target = EventPublisher.TARGET)
    void bindEventBus(BiConsumer<String, Map<String, ?>> bus) {
        eventBus.bind(bus);
    }

    void unbindEventBus(BiConsumer<String, Map<String, ?>> bus) {
        eventBus.unbind(bus);
    }

    private DialogTracker tracker;
    private WriteBehindDialogStore writeBehind;
    private ProducerTemplate template;

    @Activate
    void activate(Map<String, Object> config) {
        DialogSettings settings = SETTINGS.read(config);
        String events = settings.events_endpoint();
        String bye = settings.bye_endpoint();
        template = camelContext.createProducerTemplate();
        DialogStore store = DialogStore.NONE;
        DataSource ds = dataSource;
        if (ds != null) {
            try {
                JdbcDialogStore.migrate(ds);
                writeBehind = new WriteBehindDialogStore(new JdbcDialogStore(ds, historyListeners));
                store = writeBehind;
            } catch (Exception
                    | LinkageError e) { // LinkageError: a DataSource without the store bundle's SchemaMigrations
                LOG.warn("Dialog persistence off: cannot prepare the dialog tables", e);
            }
        }
        String self = null;
        try {
            self = camelContext.resolvePropertyPlaceholders("{{sip.advertised.host}}:{{sip.port}}");
        } catch (RuntimeException e) {
            LOG.debug("no sip.advertised.host/sip.port properties", e);
        }
        ProducerTemplate t = template;
        List<DialogListener> listeners = dialogListeners;
        DialogEventSink sink = new DialogEventSink(camelContext, t, events);
        tracker = new DialogTracker(
                store,
                ev -> {
                    CallMeters.record(ev);
                    toBus(ev);
                    publish(sink, ev, listeners);
                },
                d -> sendBye(t, bye, d),
                self);
        int restored = tracker.restore();
        LOG.info(
                "Dialog tracking on (events to {}, persistence {}, {} live dialogs restored)",
                events,
                ds != null ? "in dataSourceName=switchboard" : "off",
                restored);
    }

    @Deactivate
    void deactivate() {
        if (writeBehind != null) {
            writeBehind.close(); // the last answers and hang-ups reach the database before the pool closes
            writeBehind = null;
        }
        try {
            template.stop();
        } catch (RuntimeException e) {
            LOG.debug("producer template stop", e);
        }
    }

    /** A reader of PID {@code io.switchboard.dialog}; the warnings of rejected values go to {@code warnings}. */
    static SettingsReader<DialogSettings> reader(Consumer<String> warnings) {
        return new SettingsReader<>(DialogSettings.PID, DialogSettings.class, warnings);
    }

    /** Headers and body of a dialog event message. */
    static Map<String, Object> headers(DialogTracker.Event ev) {
        DialogInfo d = ev.dialog();
        Map<String, Object> h = new HashMap<>();
        h.put("DialogEvent", ev.type());
        h.put("DialogCallId", d.callId());
        h.put("DialogState", d.state().name());
        h.put("DialogFrom", d.fromUri());
        h.put("DialogTo", d.toUri());
        h.put("DialogCreatedAt", d.createdAt());
        h.put("DialogRingingAt", d.ringingAt());
        h.put("DialogAnsweredAt", d.answeredAt());
        h.put("DialogEndedAt", d.endedAt());
        h.put("DialogPddMillis", d.pddMillis());
        h.put("DialogDurationMillis", d.durationMillis(d.endedAt() != 0 ? d.endedAt() : System.currentTimeMillis()));
        if (ev.feature() != null) {
            h.put("DialogFeature", ev.feature());
        }
        if (d.endReason() != null) {
            h.put("DialogEndReason", d.endReason());
            h.put("DialogEndedBy", d.endedBy());
        }
        return h;
    }

    private static void publish(DialogEventSink sink, DialogTracker.Event ev, List<DialogListener> listeners) {
        try {
            sink.send(ev);
        } finally {
            for (DialogListener l : listeners) {
                try {
                    l.onDialogEvent(ev.type(), ev.dialog());
                } catch (RuntimeException e) {
                    LOG.warn(
                            "Dialog listener {} failed on {} of {}",
                            l,
                            ev.type(),
                            ev.dialog().callId(),
                            e);
                }
            }
        }
    }

    /** The event as the bus's {@code DIALOG} event (bundles/events guide, event types). */
    private void toBus(DialogTracker.Event ev) {
        if (!eventBus.on()) {
            return;
        }
        DialogInfo d = ev.dialog();
        Map<String, Object> a = new HashMap<>();
        a.put("call_id", d.callId());
        a.put("from", d.fromUri());
        a.put("to", d.toUri());
        a.put("state", ev.type());
        a.put("end_reason", d.endReason());
        a.put("ended_by", d.endedBy());
        a.put("pdd_ms", d.pddMillis());
        eventBus.publish("DIALOG", a);
    }

    private static void sendBye(ProducerTemplate t, String endpoint, SipDialog dialog) {
        Map<String, Object> h = new HashMap<>();
        h.put(SipHeaders.METHOD, "BYE");
        h.put(SipHeaders.DIALOG, dialog);
        t.asyncRequestBodyAndHeaders(endpoint, null, h);
    }

    // ------------------------------------------------------------------ delegation

    @Override
    public void onProxyEvent(SipProxyEvent event) {
        tracker.onProxyEvent(event);
    }

    @Override
    public List<DialogInfo> live() {
        return tracker.live();
    }

    @Override
    public List<DialogInfo> recentlyEnded() {
        return tracker.recentlyEnded();
    }

    @Override
    public Optional<DialogInfo> find(String callId) {
        return tracker.find(callId);
    }

    @Override
    public boolean isKnown(String callId, String fromTag, String toTag) {
        return tracker.isKnown(callId, fromTag, toTag);
    }

    @Override
    public boolean tracks(String callId, String fromTag, String toTag) {
        return tracker.tracks(callId, fromTag, toTag);
    }

    @Override
    public boolean addToProfile(String callId, String profile) {
        return tracker.addToProfile(callId, profile);
    }

    @Override
    public void declined(
            String callId, String fromUri, String fromTag, String toUri, String endReason, String feature) {
        tracker.declined(callId, fromUri, fromTag, toUri, endReason, feature);
    }

    @Override
    public void feature(String callId, String decision) {
        tracker.feature(callId, decision);
    }

    @Override
    public int profileSize(String profile) {
        return tracker.profileSize(profile);
    }

    @Override
    public boolean end(String callId) {
        return tracker.end(callId);
    }
}
