package aicr.gocompat;


/**
 * A YAML timestamp scalar as the reference's YAML library reads it (an unquoted
 * {@code 2001-12-14}, {@code 2001-12-14T21:59:43Z}, ...). Kept as its parts so that writers
 * can render it the way the reference does in each context: RFC 3339 in YAML/JSON output,
 * Go's time.String form in snapshot readings.
 *
 * @param epochSecond    seconds since the epoch of the instant
 * @param nanos          fraction of the second, 0..999_999_999
 * @param offsetSeconds  zone offset in seconds east of UTC
 * @param utc            true when the source said {@code Z} or had no zone (Go prints zone "UTC")
 */
public record Timestamp(long epochSecond, int nanos, int offsetSeconds, boolean utc) {
}
