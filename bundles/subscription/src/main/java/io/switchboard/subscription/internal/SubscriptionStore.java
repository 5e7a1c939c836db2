package io.switchboard.subscription.internal;

import java.util.Collection;
import java.util.List;

/** Where subscriptions survive a restart. */
interface SubscriptionStore {

    /** A stored subscription: its fields and its dialog in {@code SipDialog.serialize()} form. */
    record Row(String id, String event, String presentity, String watcher, String dialog, long expiresAt) {}

    List<Row> load() throws Exception;

    /** Inserts or updates {@code upserts} and deletes {@code deletes}, in one transaction. */
    void write(Collection<Row> upserts, Collection<String> deletes) throws Exception;

    SubscriptionStore NONE = new SubscriptionStore() {
        @Override
        public List<Row> load() {
            return List.of();
        }

        @Override
        public void write(Collection<Row> upserts, Collection<String> deletes) {}
    };
}
