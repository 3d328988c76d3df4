package aicr.cli;

import aicr.cli.fakecluster.FakeApi;
import aicr.cli.fakecluster.FakeCluster;

/** Assertions over the requests a fake cluster recorded. */
final class FakeClusterRequests {
    private FakeClusterRequests() {
    }

    /** The object at {@code path} was server-side applied by field manager {@code aicr}, forced. */
    static boolean applied(FakeCluster c, String path) {
        return c.requests().stream().filter(FakeApi.Request::serverSideApply).anyMatch(r -> r.resource().equals(path)
                && r.path().contains("fieldManager=aicr") && r.path().contains("force=true"));
    }
}
