package aicr.criteria;

import aicr.io.Struct;

/**
 * One query or one overlay's selector. String fields use {@code "any"} (or "") as the
 * wildcard; {@code nodes} uses 0. Overlay criteria are kept raw (not normalized) because
 * the reference compares them byte for byte.
 */
public record Criteria(String service, String accelerator, String intent, String os, String platform, int nodes) {
    public static final String ANY = "any";

    /** The starting point of CLI, HTTP and file criteria: everything {@code any}. */
    public static Criteria fresh() {
        return new Criteria(ANY, ANY, ANY, ANY, ANY, 0);
    }

    public String get(Dimension d) {
        return switch (d) {
            case SERVICE -> service;
            case ACCELERATOR -> accelerator;
            case INTENT -> intent;
            case OS -> os;
            case PLATFORM -> platform;
        };
    }

    public Criteria with(Dimension d, String v) {
        return switch (d) {
            case SERVICE -> new Criteria(v, accelerator, intent, os, platform, nodes);
            case ACCELERATOR -> new Criteria(service, v, intent, os, platform, nodes);
            case INTENT -> new Criteria(service, accelerator, v, os, platform, nodes);
            case OS -> new Criteria(service, accelerator, intent, v, platform, nodes);
            case PLATFORM -> new Criteria(service, accelerator, intent, os, v, nodes);
        };
    }

    public Criteria withNodes(int n) {
        return new Criteria(service, accelerator, intent, os, platform, n);
    }

    static boolean isWildcard(String v) {
        return v == null || v.isEmpty() || v.equals(ANY);
    }

    /** Asymmetric match: an overlay wildcard matches anything; a specific overlay value needs the same specific query value. */
    public boolean matches(Criteria query) {
        for (Dimension d : Dimension.values()) {
            String mine = get(d);
            if (isWildcard(mine)) {
                continue;
            }
            String q = query.get(d);
            if (isWildcard(q) || !mine.equals(q)) {
                return false;
            }
        }
        return nodes == 0 || nodes == query.nodes;
    }

    /** Number of specific dimensions (0..6). */
    public int specificity() {
        int n = 0;
        for (Dimension d : Dimension.values()) {
            if (!isWildcard(get(d))) {
                n++;
            }
        }
        return nodes != 0 ? n + 1 : n;
    }

    /** The log form {@code criteria(service=eks, accelerator=h100)}; "" is printed, only "any" is hidden. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Dimension d : Dimension.values()) {
            String v = get(d);
            if (!ANY.equals(v)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(d.key()).append('=').append(v == null ? "" : v);
            }
        }
        if (nodes != 0) {
            sb.append(sb.length() == 0 ? "" : ", ").append("nodes=").append(nodes);
        }
        return "criteria(" + (sb.length() == 0 ? "any" : sb) + ")";
    }

    /** The serialized form: each field omitted when "" (or nodes 0), in declaration order. */
    public Struct toStruct() {
        Struct s = new Struct();
        for (Dimension d : Dimension.values()) {
            String v = get(d);
            if (v != null && !v.isEmpty()) {
                s.put(d.key(), v);
            }
        }
        if (nodes != 0) {
            s.put("nodes", (long) nodes);
        }
        return s;
    }
}
