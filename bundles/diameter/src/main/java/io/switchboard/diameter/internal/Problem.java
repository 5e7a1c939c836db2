package io.switchboard.diameter.internal;

import io.switchboard.diameter.Avp;

/**
 * What the base protocol's checks found wrong with a request: the Result-Code to answer, a text for
 * Error-Message, and the AVP for Failed-AVP (or null).
 */
record Problem(long resultCode, String message, Avp failedAvp) {}
