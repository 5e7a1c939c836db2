package io.switchboard.homer.internal;

import io.switchboard.homer.HomerException;
import io.switchboard.homer.HomerException.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code homer:inventory}: the body becomes the text of the inventory file ({@code inventory.file}, relative to the
 * Karaf base folder). Read at each sync, so an edit of the file is picked up by the next one without a reload.
 */
final class InventoryFileProducer extends DefaultProducer {

    InventoryFileProducer(HomerEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public HomerEndpoint getEndpoint() {
        return (HomerEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) {
        Path file = getEndpoint().getComponent().inventoryFile();
        if (!Files.isRegularFile(file)) {
            throw new HomerException(Kind.INVENTORY, "the inventory file " + file + " does not exist");
        }
        try {
            exchange.getMessage().setBody(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new HomerException(Kind.INVENTORY, "the inventory file " + file + " cannot be read: " + e, e);
        }
    }
}
