package aicr.snapshot;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.InputSource;
import aicr.io.Node;
import aicr.io.Values;

/** Loads snapshot documents from a path or an http(s) URL (spec §0.5, §1.1). */
public final class SnapshotReader {
    private SnapshotReader() {
    }

    public static final String API_VERSION = Snapshot.API_VERSION;

    /**
     * Reads, decodes and checks a snapshot. Errors carry the reference's codes: missing file
     * NOT_FOUND (3), oversized or wrong apiVersion INVALID_REQUEST (2), undecodable INTERNAL (8).
     */
    public static Snapshot read(String uri) {
        return read(uri, null);
    }

    /**
     * As {@link #read(String)}; a {@code cm://namespace/name} input is read from the cluster of
     * {@code kubeconfig} (null: KUBECONFIG, ~/.kube/config, in-cluster).
     */
    public static Snapshot read(String uri, String kubeconfig) {
        if (uri.startsWith("cm://")) {
            ConfigMapUri.parse(uri);
        }
        InputSource.Parsed parsed = InputSource.parse(uri, kubeconfig);
        boolean json = parsed.json();
        Node root = parsed.root();
        Snapshot snap;
        try {
            if (root == null) {
                throw new SnapshotDecoder.DecodeException("EOF");
            }
            snap = SnapshotDecoder.decode(root, json);
        } catch (SnapshotDecoder.DecodeException e) {
            throw new AicrException(ErrorCode.INTERNAL, uri.startsWith("cm://") ? "failed to deserialize ConfigMap data"
                    : "failed to deserialize object from \"" + uri + "\"",
                    new AicrException(ErrorCode.INVALID_REQUEST, json ? "failed to decode JSON" : "failed to decode YAML", e));
        }
        checkApiVersion(snap);
        return snap;
    }

    /** A snapshot from YAML text (what the agent stores in its ConfigMap); decode problems are INTERNAL. */
    public static Snapshot fromYaml(String text) {
        try {
            Node root = aicr.io.YamlReader.parse(text);
            return SnapshotDecoder.decode(root, false);
        } catch (aicr.io.YamlSyntaxException | SnapshotDecoder.DecodeException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to parse snapshot data", e);
        }
    }

    /** Decodes an already parsed tree (rule cases, tests); decode problems are INVALID_REQUEST. */
    public static Snapshot fromNode(Node root, boolean json) {
        try {
            return SnapshotDecoder.decode(root, json);
        } catch (SnapshotDecoder.DecodeException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid snapshot", e);
        }
    }

    /** A reading from a parsed YAML value, typed as in a snapshot's data map (a null node is {@code <nil>}). */
    public static Reading reading(Node n) {
        return Reading.ofDecoded(n == null ? null : Values.of(n));
    }

    static void checkApiVersion(Snapshot snap) {
        if (!snap.apiVersion().isEmpty() && !API_VERSION.equals(snap.apiVersion())) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "snapshot file has apiVersion \"" + snap.apiVersion()
                    + "\", which this aicr build does not support (expected \"" + API_VERSION
                    + "\"); recapture the snapshot with a matching aicr version");
        }
    }
}
