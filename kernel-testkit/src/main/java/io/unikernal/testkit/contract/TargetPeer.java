package io.unikernal.testkit.contract;

import java.util.List;

/** What a target reaches: an HTTP server, a table, a folder, a consumer of the queue. */
public interface TargetPeer extends SystemPeer {

    /** Everything the peer received so far, decoded from its native form. */
    List<Received> received() throws Exception;
}
