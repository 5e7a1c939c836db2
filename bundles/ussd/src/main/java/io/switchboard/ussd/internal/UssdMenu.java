package io.switchboard.ussd.internal;

/**
 * The menu of a session: one synchronous call per step. The gateway calls it on a worker thread, never on a SIP
 * thread, because a menu route may block on a database; {@link CamelMenu} calls the configured route.
 */
interface UssdMenu {

    MenuAnswer call(String route, MenuStep step) throws Exception;
}
