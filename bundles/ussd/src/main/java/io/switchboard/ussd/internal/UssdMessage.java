package io.switchboard.ussd.internal;

/**
 * One ussd-data document, read or to be written.
 *
 * @param language  {@code <language>} or null
 * @param text      {@code <ussd-string>} or null
 * @param errorCode {@code <error-code>} or null
 * @param kind      what the document is: a network request, a notification, or neither (an answer / a user request)
 */
record UssdMessage(String language, String text, Integer errorCode, Kind kind) {

    /** error-code values (TS 24.390; RestComm SipUssdErrorCode): errorUnspecified. */
    static final int ERROR_UNSPECIFIED = 1;
    /** error-code: unexpectedDataValue, for a ussd-data we cannot read. */
    static final int ERROR_UNEXPECTED_DATA = 3;

    enum Kind {
        /** anyExt/UnstructuredSS-Request: a prompt that expects the user's answer. */
        REQUEST,
        /**
         * anyExt/UnstructuredSS-Notify (or UnstructuredSS-Notify under ussd-data): display only / its acknowledgement.
         */
        NOTIFY,
        /** no marker: the user's own request or answer, or our final answer. */
        PLAIN
    }

    static UssdMessage error(String language, int code) {
        return new UssdMessage(language, null, code, Kind.PLAIN);
    }
}
