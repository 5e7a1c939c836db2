package io.switchboard.ussd.internal;

import io.switchboard.ussd.UssdHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;

/** Calls the menu route of a step with the {@link UssdHeaders} and reads its answer. */
final class CamelMenu implements UssdMenu {

    private final ProducerTemplate template;

    CamelMenu(ProducerTemplate template) {
        this.template = template;
    }

    @Override
    public MenuAnswer call(String route, MenuStep step) throws Exception {
        Exchange ex = template.request(route, e -> {
            Message in = e.getIn();
            in.setHeader(UssdHeaders.SESSION_ID, step.sessionId());
            in.setHeader(UssdHeaders.SUBSCRIBER, step.subscriber());
            in.setHeader(UssdHeaders.STRING, step.ussdString());
            in.setHeader(UssdHeaders.LANGUAGE, step.language());
            in.setHeader(UssdHeaders.STEP, step.step());
            in.setHeader(UssdHeaders.DIRECTION, step.mobile() ? "mobile" : "network");
            if (step.input() != null) {
                in.setHeader(UssdHeaders.INPUT, step.input());
            }
            if (step.abortReason() != null) {
                in.setHeader(UssdHeaders.ABORTED, true);
                in.setHeader(UssdHeaders.ABORT_REASON, step.abortReason());
            }
            in.setBody(step.input());
        });
        if (ex.getException() != null) {
            throw ex.getException();
        }
        Message out = ex.getMessage();
        Integer error = out.getHeader(UssdHeaders.ERROR_CODE, Integer.class);
        boolean continues = out.getHeader(UssdHeaders.CONTINUE, false, Boolean.class);
        String language = out.getHeader(UssdHeaders.LANGUAGE, String.class);
        return new MenuAnswer(
                out.getBody(String.class),
                continues ? MenuAnswer.Next.CONTINUE : MenuAnswer.Next.END,
                language == null || language.equals(step.language()) ? null : language,
                error);
    }
}
