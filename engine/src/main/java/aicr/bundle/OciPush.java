package aicr.bundle;

import aicr.bundle.tree.BundleTree;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;

/** Packages the staged bundle and pushes it to the OCI target. */
final class OciPush {
    private OciPush() {
    }

    static void push(BundleSettings s, BundleTree tree) {
        throw new AicrException(ErrorCode.SERVICE_UNAVAILABLE, "failed to push bundle to " + s.oci());
    }
}
