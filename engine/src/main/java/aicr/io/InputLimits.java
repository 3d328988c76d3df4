package aicr.io;

/**
 * The bounds every document aicr-j reads is held to, in one place (docs/security.md lists them).
 * They are far above what real recipes, snapshots, configs and Helm values need, and low enough
 * that no input can make a command hang, overflow the stack or exhaust memory.
 */
public final class InputLimits {
    private InputLimits() {
    }

    /** Largest document read from a file or URL (recipe, snapshot, config, criteria, --set-file, rule file): 1 MiB. */
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    /**
     * Deepest nesting of mappings and sequences in a document, and most segments in a value
     * path ({@code --set c:a.b.c}). Every walk over parsed values is recursive, so this also
     * bounds their stack use.
     */
    public static final int MAX_DEPTH = 256;

    /** Most YAML aliases to mappings or sequences in one document. */
    public static final int MAX_ALIASES = 1000;

    /**
     * Most nodes YAML aliases may add to a document when expanded (an alias counts as a copy of
     * everything it names): a "billion laughs" document is refused after this many, long before
     * it costs time or memory.
     */
    public static final int MAX_ALIAS_EXPANSION = 100_000;

    /** Most characters SnakeYAML reads from one stream (rendered manifests can exceed the input caps). */
    public static final int MAX_CODE_POINTS = 64 * 1024 * 1024;
}
