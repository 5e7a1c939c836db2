package io.switchboard.ussd.internal;

/**
 * The input of one menu step, as the menu route gets it in the {@code Ussd*} headers.
 *
 * @param input       what the user typed; null on the first step of a dialled code
 * @param step        1, 2, 3...
 * @param origin      who opened the session (the route is told {@code mobile} or {@code network})
 * @param abortReason non-null: the session is over (bye, timeout, refused, ue-error) and the answer is ignored
 */
record MenuStep(
        String sessionId,
        String subscriber,
        String ussdString,
        String language,
        String input,
        int step,
        UssdSession.Origin origin,
        String abortReason) {

    boolean mobile() {
        return origin.mobile();
    }
}
