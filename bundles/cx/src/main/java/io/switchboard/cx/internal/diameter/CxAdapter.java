package io.switchboard.cx.internal.diameter;

import io.switchboard.cx.Hss;
import io.switchboard.diameter.DiameterDictionary;
import io.switchboard.diameter.DiameterMessage;
import java.util.Locale;

/**
 * One Cx request in, its answer out: reads the AVPs into the HSS's record, asks the {@link Hss}, writes the answer.
 * Stateless and thread-safe; the Camel endpoints {@code cx:uar|mar|sar|lir} and the tests use it alike, so what a
 * route does and what the unit tests check are the same code.
 */
public final class CxAdapter {

    private final CxRequestReader reader;
    private final CxAnswerWriter writer;

    public CxAdapter(DiameterDictionary dictionary) {
        this.reader = new CxRequestReader(dictionary);
        this.writer = new CxAnswerWriter(dictionary);
    }

    /**
     * The answer to {@code request}.
     *
     * @param originHost our Origin-Host, or null to let the stack add it
     * @throws IllegalArgumentException when {@code request} is not a request of {@code op}
     */
    public DiameterMessage answer(
            CxOperation op, Hss hss, DiameterMessage request, String originHost, String originRealm) {
        if (!request.isRequest() || request.commandCode() != op.commandCode()) {
            throw new IllegalArgumentException("cx:" + op.name().toLowerCase(Locale.ROOT) + " answers " + op
                    + " (command " + op.commandCode() + "), not " + request);
        }
        try {
            return switch (op) {
                case UAR -> writer.uaa(request, hss.userAuthorization(reader.uar(request)), originHost, originRealm);
                case MAR -> writer.maa(request, hss.multimediaAuth(reader.mar(request)), originHost, originRealm);
                case SAR -> writer.saa(request, hss.serverAssignment(reader.sar(request)), originHost, originRealm);
                case LIR -> writer.lia(request, hss.locationInfo(reader.lir(request)), originHost, originRealm);
            };
        } catch (CxMissingAvpException e) {
            return writer.missing(request, e, originHost, originRealm);
        }
    }
}
