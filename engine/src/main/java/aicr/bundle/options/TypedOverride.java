package aicr.bundle.options;

/**
 * A {@code --set-json} / {@code --set-file} override: the value is already decoded into the
 * value model (map, list, scalar or null), so lists and objects reach the chart as structures.
 */
public record TypedOverride(String component, String path, Object value) {
}
