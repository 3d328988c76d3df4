package aicr.bundle.checks;

/**
 * Fact: the recipe's criteria ("" for a field the recipe does not set). {@code present} is
 * false when the recipe has no criteria at all, which makes every conditional check inapplicable.
 */
public record BundleCriteria(boolean present, String service, String accelerator, String intent, String os,
                             String platform) {

    public String field(String name) {
        return switch (name) {
            case "service" -> service;
            case "accelerator" -> accelerator;
            case "intent" -> intent;
            case "os" -> os;
            case "platform" -> platform;
            default -> null;
        };
    }
}
