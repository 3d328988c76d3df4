package aicr.evidence;

import aicr.io.JsonWriter;
import aicr.io.Struct;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Markdown and JSON renderings of an evidence verification (the reference's layout). */
public final class EvidenceReport {
    private EvidenceReport() {
    }

    public static String markdown(EvidenceVerification.Result r) {
        StringBuilder b = new StringBuilder("## Evidence verification");
        if (!r.recipeName().isEmpty()) {
            b.append(" \u2014 ").append(r.recipeName());
        }
        b.append("\n\n");
        header(b, r);
        Predicate p = r.predicate();
        if (p != null) {
            fingerprint(b, p);
            phases(b, p);
            bom(b, p);
            redaction(b, p);
        }
        b.append("### Verification steps\n| # | Step | Status | Detail |\n|---|---|---|---|\n");
        for (EvidenceVerification.Step s : r.steps()) {
            b.append("| ").append(s.step()).append(" | ").append(s.name()).append(" | ").append(s.status()).append(" | ")
                    .append(md(s.detail())).append(" |\n");
        }
        b.append('\n');
        failedDetails(b, r);
        b.append("---\n");
        switch (r.exit()) {
            case 0 -> b.append(r.pending() ? "**Verdict:** bundle valid but unsigned \u2014 pending signature (exit 0)\n"
                    : "**Verdict:** bundle valid \u2014 all checks passed (exit 0)\n");
            case 1 -> b.append("**Verdict:** bundle valid; recorded validator phase results show failures (exit 1, "
                    + "informational)\n");
            default -> {
                b.append("**Verdict:** bundle invalid \u2014 verification failed (exit 2)\n");
                EvidenceVerification.Cause c = r.failureCause();
                if (c != null) {
                    b.append("**Cause:** `").append(c.cls()).append('`');
                    if (c.httpStatus() != 0) {
                        b.append(" (HTTP ").append(c.httpStatus()).append(')');
                    }
                    b.append('\n');
                    if (!c.hint().isEmpty()) {
                        b.append("**Hint:** ").append(c.hint()).append('\n');
                    }
                    if (!c.detail().isEmpty()) {
                        b.append("\n> ").append(md(c.detail())).append('\n');
                    }
                }
            }
        }
        return b.toString();
    }

    private static void header(StringBuilder b, EvidenceVerification.Result r) {
        if (r.signer() != null && !r.signer().identity().isEmpty()) {
            b.append("**Signer:** ").append(r.signer().identity());
            if (!r.signer().issuer().isEmpty()) {
                b.append(" (issuer ").append(r.signer().issuer()).append(')');
            }
            if (r.signer().rekorLogIndex() > 0) {
                b.append("  \u2022  **Rekor:** index ").append(r.signer().rekorLogIndex());
            }
            b.append('\n');
        } else if (r.steps().stream().anyMatch(s -> s.step() == 2 && s.status().equals(EvidenceVerification.FAILED))) {
            b.append("**Signer:** _signature verification failed (see Verification steps)_\n");
        } else {
            b.append("**Signer:** _unsigned bundle_\n");
        }
        if (r.predicate() != null) {
            b.append("**AICR:** ").append(r.predicate().aicrVersion()).append("  \u2022  **Schema:** ")
                    .append(r.predicate().schemaVersion());
        }
        if (!r.bundleDigest().isEmpty()) {
            b.append("  \u2022  **Bundle digest:** ").append(r.bundleDigest());
        }
        b.append("\n\n");
    }

    private static void fingerprint(StringBuilder b, Predicate p) {
        Map<String, Object> cm = p.criteriaMatch();
        List<?> dims = cm.get("perDimension") instanceof List<?> l ? l : List.of();
        if (dims.isEmpty()) {
            return;
        }
        b.append("### Cluster fingerprint\n").append(Boolean.TRUE.equals(cm.get("matched"))
                ? "\u2713 all recipe criteria dimensions satisfied" : "\u2717 one or more criteria dimensions mismatched")
                .append("\n\n| Dimension | Outcome |\n|---|---|\n");
        for (Object o : dims) {
            Map<String, Object> d = o instanceof Map<?, ?> m ? Predicate.cast(m) : Map.of();
            String req = Predicate.str(d, "recipeRequires");
            String got = Predicate.str(d, "fingerprintProvides");
            b.append("| ").append(Predicate.str(d, "dimension")).append(" | ").append(Predicate.str(d, "match"))
                    .append(" recipe=").append(req.isEmpty() ? "(any)" : req).append(" snapshot=")
                    .append(got.isEmpty() ? "(not captured)" : got).append(" |\n");
        }
        b.append('\n');
    }

    private static void phases(StringBuilder b, Predicate p) {
        Map<String, Predicate.Phase> ph = p.phases();
        if (ph.isEmpty()) {
            return;
        }
        b.append("### Phase results\n");
        for (String name : EvidenceFiles.PHASES) {
            Predicate.Phase s = ph.get(name);
            if (s != null) {
                b.append("- ").append(s.failed() > 0 ? "\u2717" : "\u2713").append(" **").append(name).append("** passed=")
                        .append(s.passed()).append(" failed=").append(s.failed()).append(" skipped=").append(s.skipped())
                        .append('\n');
            }
        }
        b.append('\n');
    }

    private static void bom(StringBuilder b, Predicate p) {
        Map<String, Object> bom = p.bom();
        if (Predicate.str(bom, "format").isEmpty()) {
            return;
        }
        b.append("### BOM\n").append(Predicate.str(bom, "format")).append(' ').append(Predicate.str(bom, "version"))
                .append(" \u2014 ").append(Predicate.num(bom.get("imageCount"))).append(" components (digest ")
                .append(Predicate.str(bom, "digest")).append(")\n\n");
    }

    private static void redaction(StringBuilder b, Predicate p) {
        Map<String, Object> r = p.redaction();
        if (r == null) {
            return;
        }
        b.append("### Redaction\nPolicy **").append(Predicate.str(r, "policy")).append("** (version ")
                .append(Predicate.str(r, "version"))
                .append(") \u2014 backing content minimized; the cryptographic binding is unaffected.\n");
        if (r.get("applied") instanceof List<?> l) {
            l.forEach(rule -> b.append("- `").append(rule).append("`\n"));
        }
        b.append('\n');
    }

    private static void failedDetails(StringBuilder b, EvidenceVerification.Result r) {
        List<EvidenceVerification.Step> failed = r.steps().stream()
                .filter(s -> s.status().equals(EvidenceVerification.FAILED) && !s.subRows().isEmpty()).toList();
        if (failed.isEmpty()) {
            return;
        }
        b.append("### Failed check details\n");
        for (EvidenceVerification.Step s : failed) {
            b.append("- **").append(s.name()).append("**\n");
            s.subRows().forEach(row -> b.append("  - `").append(row[0]).append("` \u2014 ").append(row[1]).append('\n'));
        }
        b.append('\n');
    }

    private static String md(String s) {
        return s.replace("\n", " ").replace("|", "\\|");
    }

    public static String json(EvidenceVerification.Result r) {
        Struct s = new Struct().with("input", r.input());
        if (r.pointer() != null) {
            s.with("pointer", pointer(r.pointer()));
        }
        if (r.predicate() != null) {
            s.with("predicate", r.predicate().toStruct());
        }
        if (r.signer() != null) {
            Struct signer = new Struct().with("identity", r.signer().identity()).with("issuer", r.signer().issuer());
            if (r.signer().rekorLogIndex() > 0) {
                signer.with("rekorLogIndex", r.signer().rekorLogIndex());
            }
            s.with("signer", signer);
        }
        if (!r.recipeName().isEmpty()) {
            s.with("recipeName", r.recipeName());
        }
        if (!r.bundleDigest().isEmpty()) {
            s.with("bundleDigest", r.bundleDigest());
        }
        List<Object> steps = new ArrayList<>();
        r.steps().forEach(st -> steps.add(st.toStruct()));
        s.with("steps", steps).with("exit", (long) r.exit());
        if (r.pending()) {
            s.with("pending", true);
        }
        if (r.failureCause() != null) {
            EvidenceVerification.Cause c = r.failureCause();
            Struct cause = new Struct().with("class", c.cls()).with("detail", c.detail());
            if (c.httpStatus() != 0) {
                cause.with("httpStatus", (long) c.httpStatus());
            }
            if (!c.hint().isEmpty()) {
                cause.with("hint", c.hint());
            }
            s.with("failureCause", cause);
        }
        return JsonWriter.write(s, true);
    }

    private static Struct pointer(Pointer p) {
        Struct bundle = new Struct().with("oci", p.oci()).with("digest", p.digest()).with("predicateType", p.predicateType());
        Struct att = new Struct().with("bundle", bundle);
        if (p.signer() != null) {
            Struct signer = new Struct().with("identity", p.signer().identity()).with("issuer", p.signer().issuer());
            if (p.signer().rekorLogIndex() != 0) {
                signer.with("rekorLogIndex", p.signer().rekorLogIndex());
            }
            att.with("signer", signer);
        }
        att.with("attestedAt", p.attestedAt());
        return new Struct().with("schemaVersion", p.schemaVersion()).with("recipe", p.recipe()).with("attestations", List.of(att));
    }
}
