package io.switchboard.dialog;

/** States of a tracked INVITE dialog, in order; a dialog only moves forward. */
public enum DialogState {
    /** INVITE relayed, no ringing yet. */
    CREATED,
    /** First 180/183 sent upstream. */
    RINGING,
    /** 2xx sent upstream. */
    ANSWERED,
    /** BYE, CANCEL, failure or timeout. */
    ENDED
}
