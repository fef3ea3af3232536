package org.rapport.server.connection;

import org.rapport.server.system.ForbiddenException;

/** The owner's privacy setting does not let this viewer see their connections (I1). */
public class ConnectionsHiddenException extends ForbiddenException {

    public ConnectionsHiddenException(String ownerName) {
        super("connections-hidden", ownerName + " shares their connections only with "
                + "the people their settings allow. You can still see the connections you share.");
    }
}
