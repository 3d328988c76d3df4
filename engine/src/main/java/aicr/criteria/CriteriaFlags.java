package aicr.criteria;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;

/**
 * Criteria given on the command line. Applied over a starting criteria (fresh, or from a file
 * or snapshot) in the fixed dimension order, each parsed against the registry; a value that
 * changes the current one is logged, as the reference does.
 */
public record CriteriaFlags(Criteria raw) {

    /** Raw flag values; null or "" means the flag was not given, nodes <= 0 likewise. */
    public CriteriaFlags(String service, String accelerator, String intent, String os, String platform, int nodes) {
        this(new Criteria(service, accelerator, intent, os, platform, nodes));
    }

    public String get(Dimension d) {
        return raw.get(d);
    }

    public int nodes() {
        return raw.nodes();
    }

    /** Applies the flags; parse failures are INVALID_REQUEST "error parsing criteria: ...". */
    public Criteria applyTo(Criteria start, CriteriaRegistry registry) {
        Criteria c = start;
        for (Dimension d : Dimension.values()) {
            String raw = get(d);
            if (raw == null || raw.isEmpty()) {
                continue;
            }
            String parsed;
            try {
                parsed = registry.parse(d, raw);
            } catch (AicrException e) {
                throw AicrException.wrap(ErrorCode.INVALID_REQUEST, "error parsing criteria", e);
            }
            String current = c.get(d);
            if (!current.isEmpty() && !current.equals(parsed)) {
                Log.info("CLI flag overriding snapshot-detected value", "field", d.key(), "detected", current,
                        "override", parsed);
            }
            c = c.with(d, parsed);
        }
        int nodes = raw.nodes();
        if (nodes > 0) {
            if (c.nodes() > 0 && c.nodes() != nodes) {
                Log.info("CLI flag overriding snapshot-detected value", "field", "nodes", "detected", c.nodes(),
                        "override", nodes);
            }
            c = c.withNodes(nodes);
        }
        return c;
    }
}
