package io.switchboard.diameter.internal;

import io.switchboard.diameter.Avp;
import io.switchboard.diameter.AvpCodes;
import io.switchboard.diameter.DiameterMessage;
import io.switchboard.diameter.DiameterResultCodes;
import java.util.List;

/**
 * Builds answers in the order of the ABNF of RFC 6733 §7.2 ({@code <Session-Id> {Origin-Host} {Origin-Realm}
 * {Result-Code} [Error-Message] [Failed-AVP]}), with the E bit for protocol errors (3xxx), so that every error the
 * base protocol finds goes out the same way.
 */
final class Answers {

    private final String originHost;
    private final String originRealm;

    Answers(String originHost, String originRealm) {
        this.originHost = originHost;
        this.originRealm = originRealm;
    }

    /** Answer skeleton with Session-Id, Origin-Host, Origin-Realm and Result-Code. */
    DiameterMessage answer(DiameterMessage request, long resultCode) {
        DiameterMessage a = request.createAnswer();
        a.setError(DiameterResultCodes.isProtocolError(resultCode));
        a.add(identity(AvpCodes.ORIGIN_HOST, originHost));
        a.add(identity(AvpCodes.ORIGIN_REALM, originRealm));
        a.add(Avp.unsigned32(AvpCodes.RESULT_CODE, 0, true, resultCode));
        return a;
    }

    /** An error answer with an optional Error-Message and Failed-AVP. */
    DiameterMessage error(DiameterMessage request, long resultCode, String message, Avp failed) {
        DiameterMessage a = answer(request, resultCode);
        if (message != null) {
            a.add(Avp.utf8(AvpCodes.ERROR_MESSAGE, 0, false, message));
        }
        if (failed != null) {
            a.add(Avp.grouped(AvpCodes.FAILED_AVP, 0, true, List.of(failed)));
        }
        return a;
    }

    /** Adds Origin-Host and Origin-Realm when the handler left them out. */
    void complete(DiameterMessage answer) {
        if (answer.find(AvpCodes.ORIGIN_HOST).isEmpty()) {
            answer.add(identity(AvpCodes.ORIGIN_HOST, originHost));
        }
        if (answer.find(AvpCodes.ORIGIN_REALM).isEmpty()) {
            answer.add(identity(AvpCodes.ORIGIN_REALM, originRealm));
        }
    }

    static Avp identity(int code, String value) {
        return Avp.utf8(code, 0, true, value);
    }
}
