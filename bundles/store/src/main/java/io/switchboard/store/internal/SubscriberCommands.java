package io.switchboard.store.internal;

import io.switchboard.store.Subscriber;
import io.switchboard.store.SubscriberStore;
import java.util.List;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code subscriber:add|list|remove}. */
public final class SubscriberCommands {

    private SubscriberCommands() {}

    static String[] split(String aor) {
        String a = aor.startsWith("sip:") ? aor.substring(4) : aor;
        int at = a.indexOf('@');
        if (at <= 0 || at == a.length() - 1) {
            throw new IllegalArgumentException("expected USER@DOMAIN, got " + aor);
        }
        return new String[] {a.substring(0, at), a.substring(at + 1)};
    }

    static String format(List<Subscriber> subscribers) {
        if (subscribers.isEmpty()) {
            return "No subscriber\n";
        }
        StringBuilder sb = new StringBuilder();
        for (Subscriber s : subscribers) {
            sb.append(s.aor())
                    .append(s.password() != null ? " password" : "")
                    .append(s.ha1Md5() != null ? " ha1-md5" : "")
                    .append(s.ha1Sha256() != null ? " ha1-sha256" : "")
                    .append('\n');
        }
        return sb.toString();
    }

    @Command(
            scope = "subscriber",
            name = "add",
            description = "Adds (or replaces) a subscriber USER@DOMAIN with its password")
    @Service
    public static class Add implements Action {
        @Reference
        SubscriberStore store;

        @Argument(index = 0, name = "aor", description = "USER@DOMAIN", required = true)
        String aor;

        @Argument(index = 1, name = "password", description = "password", required = true)
        String password;

        @Override
        public Object execute() {
            String[] ud = split(aor);
            store.add(ud[0], ud[1], password);
            System.out.println("Added " + ud[0] + "@" + ud[1].toLowerCase(Locale.ROOT));
            return null;
        }
    }

    @Command(
            scope = "subscriber",
            name = "remove",
            description = "Removes a subscriber USER@DOMAIN: its "
                    + "registrations and subscriptions end (terminated NOTIFY); its calls go on unless --end-calls")
    @Service
    public static class Remove implements Action {
        @Reference
        SubscriberStore store;

        @Argument(index = 0, name = "aor", description = "USER@DOMAIN", required = true)
        String aor;

        @Option(name = "--end-calls", description = "also end the subscriber's answered calls (a BYE to both sides)")
        boolean endCalls;

        @Override
        public Object execute() {
            String[] ud = split(aor);
            System.out.println(
                    store.remove(ud[0], ud[1], endCalls)
                            ? "Removed " + aor + (endCalls ? " and ended its calls" : "")
                            : "No subscriber " + aor);
            return null;
        }
    }

    @Command(scope = "subscriber", name = "list", description = "Lists the subscribers and which secrets are stored")
    @Service
    public static class ListCommand implements Action {
        @Reference
        SubscriberStore store;

        @Override
        public Object execute() {
            System.out.print(format(store.list()));
            return null;
        }
    }
}
