package aicr.snapshot;

import java.util.Map;

/** One entry of a subtype's {@code items} list (e.g. one NIC physical function). */
public record Item(Map<String, String> context, Map<String, Reading> data) {
    public Item {
        context = Map.copyOf(context);
        data = Map.copyOf(data);
    }
}
