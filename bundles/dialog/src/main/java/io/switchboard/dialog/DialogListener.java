package io.switchboard.dialog;

/**
 * SPI (OSGi service) told of every dialog event ({@code created}, {@code ringing}, {@code answered}, {@code ended})
 * in the order of the dialog's changes, synchronously on the SIP thread that caused it, right after the event is sent
 * to {@code events.endpoint}. Why besides the events endpoint: that endpoint is the integrator's (one seda queue,
 * one consumer), while a bundle that reacts to calls (billing, limits) needs every event without taking them away
 * from the integrator's route. Implementations must return quickly (hand slow work to a thread of their own); an
 * exception is logged and changes nothing for the call.
 */
public interface DialogListener {

    /**
     * A dialog changed.
     *
     * @param event  {@code created}, {@code ringing}, {@code answered} or {@code ended}
     * @param dialog the dialog after the change (on {@code ended}: also unanswered calls, end reason CANCEL or
     *               {@code failure NNN})
     */
    void onDialogEvent(String event, DialogInfo dialog);
}
