package io.switchboard.ussd;

/**
 * Camel headers of the USSD menu route (default {@code direct:ussd}) and of the {@code ussd:request} /
 * {@code ussd:notify} producers.
 * <p>
 * Every step of a session calls the menu route with the {@code In} headers below; the route answers with its
 * body (the text to show) and {@link #CONTINUE}.
 */
public final class UssdHeaders {

    /** In: the session id (the SIP Call-ID of the session's dialog). String. */
    public static final String SESSION_ID = "UssdSessionId";
    /** In: the subscriber, {@code user@domain} (P-Asserted-Identity, else From, of a UE request; the target of a network one). */
    public static final String SUBSCRIBER = "UssdSubscriber";
    /** In: the USSD string that opened the session, e.g. {@code *123#} (network-initiated: the text sent). */
    public static final String STRING = "UssdString";
    /** In: the language of the session ({@code language} of the ussd-data, else the configured default). Out (optional): the language of the answer. */
    public static final String LANGUAGE = "UssdLanguage";
    /** In: what the user typed in answer to the previous step; absent on step 1 of a UE-initiated session. */
    public static final String INPUT = "UssdInput";
    /** In: the step number, 1 for the first call of a session. Integer. */
    public static final String STEP = "UssdStep";
    /** In: {@code mobile} (the UE dialled) or {@code network} (we sent a request/notify). */
    public static final String DIRECTION = "UssdDirection";
    /** In: {@code true} on the last call of a session the user (or a timeout) ended; the answer is ignored. */
    public static final String ABORTED = "UssdAborted";
    /**
     * In, with {@link #ABORTED}: {@code bye} (the UE hung up), {@code timeout}, {@code refused} (the UE refused our
     * INFO) or {@code ue-error} (the UE sent an error-code).
     */
    public static final String ABORT_REASON = "UssdAbortReason";
    /** Out: {@code true} to show the body and wait for the user's answer (INFO), {@code false}/absent to end (BYE). */
    public static final String CONTINUE = "UssdContinue";
    /** Out (optional): end the session with this ussd-data error-code (1 unspecified, 2 language, 3 unexpected data) instead of a text. */
    public static final String ERROR_CODE = "UssdErrorCode";

    private UssdHeaders() {
    }
}
