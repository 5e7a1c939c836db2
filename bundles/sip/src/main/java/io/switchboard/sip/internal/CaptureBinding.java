package io.switchboard.sip.internal;

import io.switchboard.sip.SipCapture;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Hands the installed {@link SipCapture} service (at most one is used) to the SIP path. */
@Component(
        immediate = true,
        service = {})
public class CaptureBinding {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindCapture(SipCapture capture) {
        CaptureHook.use(capture);
    }

    void unbindCapture(SipCapture capture) {
        CaptureHook.use(null);
    }
}
