package io.switchboard.ussd;

import org.apache.camel.spi.Metadata;

/**
 * Camel headers of the USSD menu route (default {@code direct:ussd}) and of the {@code ussd:request} /
 * {@code ussd:notify} producers, each documented by its {@link Metadata}: label {@code menu} for a header of the
 * menu route (In: set before each call, Out: read from the answer), {@code producer} for one of the producers.
 * <p>
 * Every step of a session calls the menu route with the In headers; the route answers with its body (the text to
 * show) and {@link #CONTINUE}.
 */
public final class UssdHeaders {

    @Metadata(
            label = "menu,producer",
            javaType = "String",
            description = "In: the session id (the SIP Call-ID of the session's dialog); set by ussd:request and "
                    + "ussd:notify when the UE answered the INVITE.")
    public static final String SESSION_ID = "UssdSessionId";

    @Metadata(
            label = "menu,producer",
            javaType = "String",
            description = "In: the subscriber, user@domain (P-Asserted-Identity, else From, of a UE request; the "
                    + "target of a network one). ussd:request and ussd:notify: the target (wins over the subscriber "
                    + "option), user@domain or a sip: URI.")
    public static final String SUBSCRIBER = "UssdSubscriber";

    @Metadata(
            label = "menu",
            javaType = "String",
            description =
                    "In: the USSD string that opened the session, e.g. *123# (network-initiated: the text " + "sent).")
    public static final String STRING = "UssdString";

    @Metadata(
            label = "menu,producer",
            javaType = "String",
            description = "In: the language of the session (language of the ussd-data, else the configured default). "
                    + "Out (optional): the language of the answer. ussd:request and ussd:notify: the language of the "
                    + "text (wins over the language option).")
    public static final String LANGUAGE = "UssdLanguage";

    @Metadata(
            label = "menu",
            javaType = "String",
            description = "In: what the user typed in answer to the previous step; absent on step 1 of a "
                    + "UE-initiated session.")
    public static final String INPUT = "UssdInput";

    @Metadata(
            label = "menu",
            javaType = "Integer",
            description = "In: the step number, 1 for the first call of a " + "session.")
    public static final String STEP = "UssdStep";

    @Metadata(
            label = "menu",
            javaType = "String",
            enums = "mobile,network",
            description = "In: mobile (the UE dialled) or network (we sent a request/notify).")
    public static final String DIRECTION = "UssdDirection";

    @Metadata(
            label = "menu",
            javaType = "Boolean",
            description =
                    "In: true on the last call of a session the user (or a timeout) ended; the answer is " + "ignored.")
    public static final String ABORTED = "UssdAborted";

    @Metadata(
            label = "menu",
            javaType = "String",
            enums = "bye,timeout,refused,ue-error",
            description = "In, with UssdAborted: bye (the UE hung up), timeout, refused (the UE refused our INFO) or "
                    + "ue-error (the UE sent an error-code).")
    public static final String ABORT_REASON = "UssdAbortReason";

    @Metadata(
            label = "menu",
            javaType = "Boolean",
            description = "Out: true to show the body and wait for the user's answer (INFO), false or absent to end "
                    + "(BYE).")
    public static final String CONTINUE = "UssdContinue";

    @Metadata(
            label = "menu",
            javaType = "Integer",
            enums = "1,2,3",
            description = "Out (optional): end the session with this ussd-data error-code (1 unspecified, "
                    + "2 language, 3 unexpected data) instead of a text.")
    public static final String ERROR_CODE = "UssdErrorCode";

    private UssdHeaders() {}
}
