package io.switchboard.cx;

/**
 * The state of a public identity in the HSS (TS 29.228 Annex B): not registered, registered, or unregistered with an
 * S-CSCF assigned to serve its unregistered services.
 */
public enum RegistrationState {
    NOT_REGISTERED,
    REGISTERED,
    UNREGISTERED
}
