package aicr.io;

/**
 * A rendered output document and what a ConfigMap copy of it is labelled with (spec §0.6).
 *
 * @param text      the serialized document
 * @param format    {@code yaml}, {@code json} or {@code table}
 * @param kind      the document's kind ("" when it has none: stored as {@code Snapshot})
 * @param version   its {@code metadata.version} ("" when none: stored as {@code unknown})
 * @param timestamp its {@code metadata.timestamp} ("" when none: the time of writing)
 */
public record Document(String text, String format, String kind, String version, String timestamp) {

    /** A document without a header (reports, diffs). */
    public static Document of(String text, String format) {
        return new Document(text, format, "", "", "");
    }
}
