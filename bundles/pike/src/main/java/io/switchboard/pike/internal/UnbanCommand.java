package io.switchboard.pike.internal;

import io.switchboard.pike.SourceBans;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** Karaf shell {@code pike:unban ADDRESS}: lifts one ban (and forgets the address's failed authentications). */
@Command(scope = "pike", name = "unban", description = "Lifts the ban of one source address")
@Service
public class UnbanCommand implements Action {

    @Reference
    SourceBans bans;

    @Argument(index = 0, name = "address", description = "The banned source address", required = true)
    String address;

    @Override
    public Object execute() {
        System.out.println(bans.unban(address.trim()) ? "Ban of " + address + " lifted" : address + " is not banned");
        return null;
    }
}
