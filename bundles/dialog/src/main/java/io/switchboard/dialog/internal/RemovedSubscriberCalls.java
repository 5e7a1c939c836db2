package io.switchboard.dialog.internal;

import io.switchboard.dialog.DialogInfo;
import io.switchboard.dialog.DialogService;
import io.switchboard.dialog.DialogState;
import io.switchboard.sip.SipAddresses;
import io.switchboard.store.SubscriberListener;
import io.switchboard.store.SubscriberRemoval;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the answered calls of a removed subscriber when the operator asked for it ({@code ?endCalls=true},
 * {@code subscriber:remove --end-calls}); without that its calls go on. A call is the subscriber's when the AoR of
 * its From or To URI is the subscriber's. Each is ended by {@link DialogService#end}, the BYE to both sides that
 * {@code DELETE /api/calls/{callId}} and {@code dialog:end} send.
 * <p>
 * A class of its own, not a service of {@link DialogComponent}: this bundle imports {@code io.switchboard.store}
 * optionally, and only this (delayed) component is never loaded when the store is absent.
 */
@Component(service = SubscriberListener.class)
public class RemovedSubscriberCalls implements SubscriberListener {

    private static final Logger LOG = LoggerFactory.getLogger(RemovedSubscriberCalls.class);

    @Reference
    DialogService dialogs;

    @Override
    public void subscriberRemoved(SubscriberRemoval removal) {
        if (!removal.endCalls()) {
            return;
        }
        int ended = 0;
        for (DialogInfo d : dialogs.live()) {
            if (d.state() == DialogState.ANSWERED && isOf(d, removal.aor()) && dialogs.end(d.callId())) {
                ended++;
            }
        }
        LOG.info("Subscriber {} removed: {} answered calls ended with BYE", removal.aor(), ended);
    }

    private static boolean isOf(DialogInfo d, String aor) {
        return aor.equals(SipAddresses.aor(d.fromUri())) || aor.equals(SipAddresses.aor(d.toUri()));
    }
}
