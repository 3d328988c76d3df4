package aicr.snapshot;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.function.Consumer;

/** Loads snapshot documents from a path or an http(s) URL (spec §0.5, §1.1). */
public final class SnapshotReader {
    private SnapshotReader() {
    }

    public static Snapshot read(String uri, Consumer<String> warn) {
        if (uri.startsWith("cm://")) {
            ConfigMapUri cm = ConfigMapUri.parse(uri);
            // Reading a ConfigMap needs the Kubernetes client, which this build does not carry yet.
            throw new AicrException(ErrorCode.NOT_FOUND, "failed to get ConfigMap " + cm.namespace() + "/" + cm.name(),
                    new Documents.Plain("ConfigMap inputs need cluster access, which this build does not support yet"));
        }
        Documents.Parsed parsed = Documents.read(uri, warn);
        Snapshot snap;
        try {
            snap = SnapshotDecoder.decode(parsed.root(), parsed.format() == Documents.Format.JSON);
        } catch (SnapshotDecoder.DecodeException e) {
            throw Documents.decodeFailure(uri, parsed.format() == Documents.Format.JSON
                    ? "failed to decode JSON" : "failed to decode YAML", e.getMessage());
        }
        checkApiVersion(snap);
        return snap;
    }

    /** Decodes an already parsed tree (tests, rule cases). */
    public static Snapshot fromNode(aicr.io.Node root, boolean json) {
        return SnapshotDecoder.decode(root, json);
    }

    /** A reading from a parsed YAML value, typed as in a snapshot's data map (null node is {@code <nil>}). */
    public static Reading reading(aicr.io.Node n) {
        return GoValues.reading(n == null ? null : aicr.io.Values.of(n));
    }

    static void checkApiVersion(Snapshot snap) {
        if (!snap.apiVersion().isEmpty() && !Snapshot.API_VERSION.equals(snap.apiVersion())) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "snapshot file has apiVersion "
                    + Documents.quote(snap.apiVersion()) + ", which this aicr build does not support (expected "
                    + Documents.quote(Snapshot.API_VERSION) + "); recapture the snapshot with a matching aicr version");
        }
    }
}
