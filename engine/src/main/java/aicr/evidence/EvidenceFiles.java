package aicr.evidence;

/** The fixed names of an evidence bundle (spec §7.1). */
public final class EvidenceFiles {
    private EvidenceFiles() {
    }

    public static final String SUMMARY_DIR = "summary-bundle";
    public static final String RECIPE = "recipe.yaml";
    public static final String SNAPSHOT = "snapshot.yaml";
    public static final String BOM = "bom.cdx.json";
    public static final String MANIFEST = "manifest.json";
    public static final String STATEMENT = "statement.intoto.json";
    public static final String ATTESTATION = "attestation.intoto.jsonl";
    public static final String POINTER = "pointer.yaml";
    public static final String PREDICATE_TYPE = "https://aicr.run/recipe-evidence/v1";
    public static final String SCHEMA_VERSION = "1.0.0";
    /** Phases in the order reports list them. */
    public static final java.util.List<String> PHASES = java.util.List.of("deployment", "performance", "conformance");

    public static String ctrf(String phase) {
        return "ctrf/" + phase + ".json";
    }
}
