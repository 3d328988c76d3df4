package aicr.evidence;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonWriter;
import aicr.io.Struct;
import aicr.recipe.RecipeResult;
import aicr.sigstore.Digests;
import aicr.sigstore.Statement;
import aicr.snapshot.Fingerprint;
import aicr.snapshot.Snapshot;
import aicr.validate.CtrfReport;
import aicr.validate.ValidatorCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds a recipe evidence summary bundle in memory (spec §7.1–7.3): canonical recipe,
 * snapshot (minimized unless full), BOM, one CTRF report per phase, the manifest over them,
 * and the unsigned statement whose subject is the canonical recipe.
 */
public final class EvidenceBuilder {
    private EvidenceBuilder() {
    }

    static final long MAX_BOM_BYTES = 8L << 20;

    /** What to put in the bundle. */
    public record Inputs(RecipeResult recipe, Snapshot snapshot, List<String> phases, List<CtrfReport> reports,
                         ValidatorCatalog catalog, boolean timestamps, Path bom, boolean full, String version,
                         Instant attestedAt) {
    }

    /**
     * A built bundle.
     *
     * @param files summary-bundle files by relative slash path, the statement included
     */
    public record Bundle(String recipeName, String subjectDigest, Predicate predicate, byte[] statement,
                         Map<String, byte[]> files) {
    }

    public static Bundle build(Inputs in) {
        String recipeName = CanonicalRecipe.name(in.recipe().criteria());
        byte[] bom = in.bom() != null ? readBom(in.bom()) : AutoBom.build(in.recipe(), in.snapshot(), in.catalog(), in.version());
        Map<String, byte[]> files = new TreeMap<>();
        byte[] recipe = CanonicalRecipe.bytes(in.recipe());
        String subject = Digests.sha256Hex(recipe);
        files.put(EvidenceFiles.RECIPE, recipe);
        files.put(EvidenceFiles.SNAPSHOT, SnapshotEvidence.yaml(in.snapshot(), in.full()));
        files.put(EvidenceFiles.BOM, bom);
        Map<String, Object> phases = new TreeMap<>();
        for (int i = 0; i < in.phases().size(); i++) {
            String phase = in.phases().get(i);
            if (!EvidenceFiles.PHASES.contains(phase)) {
                continue;
            }
            CtrfReport r = in.reports().get(i);
            byte[] ctrf = ctrf(r, in.timestamps(), in.full());
            files.put(EvidenceFiles.ctrf(phase), ctrf);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("passed", (long) r.count(CtrfReport.PASSED));
            p.put("failed", (long) r.count(CtrfReport.FAILED));
            p.put("skipped", (long) r.count(CtrfReport.SKIPPED));
            p.put("ctrfDigest", Digests.PREFIX + Digests.sha256Hex(ctrf));
            phases.put(phase, p);
        }
        byte[] manifest = Manifest.build(files);
        int fileCount = Manifest.count(files);
        files.put(EvidenceFiles.MANIFEST, manifest);

        Fingerprint fp = Fingerprint.of(in.snapshot());
        Map<String, Object> pred = new LinkedHashMap<>();
        pred.put("schemaVersion", EvidenceFiles.SCHEMA_VERSION);
        pred.put("attestedAt", in.attestedAt().truncatedTo(ChronoUnit.SECONDS).toString());
        pred.put("aicrVersion", in.version());
        pred.put("validatorCatalogVersion", in.catalog() == null ? "" : in.catalog().version());
        pred.put("validatorImages", validatorImages(in.catalog()));
        pred.put("recipe", new Struct().with("name", recipeName).with("digest", subject));
        pred.put("fingerprint", fp.toStruct());
        pred.put("criteriaMatch", fp.match(in.recipe().criteria()).toStruct());
        pred.put("phases", phases);
        pred.put("bom", new Struct().with("format", "CycloneDX").with("version", AutoBom.SPEC_VERSION)
                .with("digest", Digests.PREFIX + Digests.sha256Hex(bom)).with("imageCount", (long) AutoBom.componentCount(bom)));
        pred.put("manifest", new Struct().with("digest", Digests.PREFIX + Digests.sha256Hex(manifest))
                .with("fileCount", (long) fileCount));
        if (!in.full()) {
            Set<String> applied = new TreeSet<>(SnapshotEvidence.RULES);
            applied.addAll(CTRF_RULES);
            pred.put("redaction", new Struct().with("policy", "minimal").with("version", "v1")
                    .with("applied", new ArrayList<>(applied)));
        }
        byte[] statement = new Statement("recipe:" + recipeName, subject, EvidenceFiles.PREDICATE_TYPE, pred).toJson();
        files.put(EvidenceFiles.STATEMENT, statement);
        return new Bundle(recipeName, subject, new Predicate(pred), statement, files);
    }

    static final List<String> CTRF_RULES = List.of("ctrf.tests.omit:message", "ctrf.tests.omit:stdout");

    /** A phase's CTRF report; minimized: tests lose their message and stdout. */
    @SuppressWarnings("unchecked")
    static byte[] ctrf(CtrfReport r, boolean timestamps, boolean full) {
        Struct doc = r.toStruct(timestamps);
        if (!full && doc.get("results") instanceof Map<?, ?> results && results.get("tests") instanceof List<?> tests) {
            for (Object t : tests) {
                if (t instanceof Map<?, ?> m) {
                    ((Map<String, Object>) m).remove("message");
                    ((Map<String, Object>) m).remove("stdout");
                }
            }
        }
        return JsonWriter.write(doc, true).getBytes(StandardCharsets.UTF_8);
    }

    /** Distinct catalog images, sorted, with the (unresolved) digest "". */
    static List<Object> validatorImages(ValidatorCatalog catalog) {
        Set<String> images = new LinkedHashSet<>();
        if (catalog != null) {
            catalog.entries().forEach(e -> {
                if (!e.image().isEmpty()) {
                    images.add(e.image());
                }
            });
        }
        List<Object> out = new ArrayList<>();
        new TreeSet<>(images).forEach(i -> out.add(new Struct().with("image", i).with("digest", "")));
        return out;
    }

    static byte[] readBom(Path p) {
        try {
            if (Files.size(p) > MAX_BOM_BYTES) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "BOM exceeds maximum size (8 MiB): " + p);
            }
            byte[] b = Files.readAllBytes(p);
            AutoBom.componentCount(b);
            return b;
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "failed to read BOM: " + p + ": " + e.getMessage());
        } catch (RuntimeException e) {
            if (e instanceof AicrException a) {
                throw a;
            }
            throw new AicrException(ErrorCode.INVALID_REQUEST, "BOM is not valid JSON: " + p);
        }
    }
}
