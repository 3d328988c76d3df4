package aicr.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import aicr.errors.AicrException;
import aicr.io.YamlReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Constraint path grammar (spec §4.2): messages in the reference's order, and resolution. */
class ConstraintPathTest {

    @ParameterizedTest(name = "[{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "''|constraint path cannot be empty",
            "K8s|invalid constraint path: expected format {Type}.{Subtype}[selector].{Key}",
            "k8s.server.version|invalid measurement type in constraint path",
            "' OS.release.ID'|invalid measurement type in constraint path",
            "Deployment.gpu-operator.version|invalid measurement type in constraint path",
            ".x.y|invalid measurement type in constraint path",
            "NetworkTopology.[0].x|invalid constraint path: subtype before '[' is empty",
            "NetworkTopology.pfs[0.x|invalid constraint path: unclosed item selector bracket",
            "NetworkTopology.pfs[].x|invalid constraint path: item selector is empty",
            "NetworkTopology.pfs[=x].y|invalid constraint path: predicate selector requires non-empty key and value",
            "NetworkTopology.pfs[x=].y|invalid constraint path: predicate selector requires non-empty key and value",
            "NetworkTopology.pfs[x].y|invalid constraint path: item selector must be an integer index or 'key=value' predicate",
            "NetworkTopology.pfs[ 1 ].y|invalid constraint path: item selector must be an integer index or 'key=value' predicate",
            "NetworkTopology.pfs[99999999999999999999].y|invalid constraint path: item selector must be an integer index or 'key=value' predicate",
            "NetworkTopology.pfs[-1].y|invalid constraint path: item index cannot be negative",
            "NetworkTopology.pfs[0]|invalid constraint path: missing key after item selector",
            "NetworkTopology.pfs[0].|invalid constraint path: missing key after item selector",
            "NetworkTopology.pfs[1]rail|invalid constraint path: expected '.' after item selector",
            "NetworkTopology.pfs[1][0].x|invalid constraint path: expected '.' after item selector",
            "K8s.server|invalid constraint path: expected format {Type}.{Subtype}.{Key}",
            "K8s..version|invalid constraint path: subtype or key is empty",
            "K8s.server.|invalid constraint path: subtype or key is empty",
    })
    void parseErrors(String path, String message) {
        AicrException e = assertThrows(AicrException.class, () -> ConstraintPath.parse(path));
        assertEquals("[INVALID_REQUEST] " + message, e.render());
    }

    @Test
    void plainAndItemForms() {
        ConstraintPath p = ConstraintPath.parse("OS.sysctl./proc/sys/kernel/osrelease");
        assertEquals("sysctl", p.subtype());
        assertEquals("/proc/sys/kernel/osrelease", p.key());
        ConstraintPath q = ConstraintPath.parse("NetworkTopology.pfs[a=b=c].x.y");
        assertEquals("a", q.predKey());
        assertEquals("b=c", q.predValue());
        assertEquals("x.y", q.key());
        assertEquals(1, ConstraintPath.parse("NetworkTopology.pfs[+1].r").index());
        assertEquals(1, ConstraintPath.parse("NetworkTopology.pfs[01].r").index());
        assertEquals(0, ConstraintPath.parse("NetworkTopology.pfs[-0].r").index());
        assertEquals("containerd", ConstraintPath.parse("SystemD.containerd.service.ActiveState").subtype());
    }

    static final Snapshot SNAP = SnapshotReader.fromNode(YamlReader.parse("""
            measurements:
              - type: K8s
                subtypes:
                  - subtype: server
                    data: {version: v1.20.0, nullval: null}
                    context: {onlyctx: x}
              - type: K8s
                subtypes:
                  - subtype: server
                    data: {version: v1.33.0}
              - type: NetworkTopology
                subtypes:
                  - subtype: pfs
                    items:
                      - context: {pci: a, model: cx7}
                        data: {rail: 0, z: null}
                      - context: {pci: b, model: cx7}
                        data: {rail: 1}
                  - subtype: plain
                    data: {k: v}
            """), false);

    private static String resolve(String path) {
        return ConstraintPath.parse(path).resolve(SNAP);
    }

    private static String lookupError(String path) {
        return assertThrows(AicrException.class, () -> resolve(path)).render();
    }

    @Test
    void resolution() {
        assertEquals("K8s.server.version", resolve("K8s.server.version"));
        assertEquals("NetworkTopology.pfs[1].rail", resolve("NetworkTopology.pfs[pci=b].rail"));
        assertEquals("NetworkTopology.pfs[0].model", resolve("NetworkTopology.pfs[z=<nil>].model"));
        assertEquals("[NOT_FOUND] key not found in subtype", lookupError("K8s.server.onlyctx"));
        assertEquals("[NOT_FOUND] measurement type not found in snapshot", lookupError("GPU.hardware.model"));
        assertEquals("[NOT_FOUND] subtype not found in measurement", lookupError("K8s.node.x"));
        assertEquals("[NOT_FOUND] subtype has no items but path uses an item selector", lookupError("NetworkTopology.plain[0].k"));
        assertEquals("[NOT_FOUND] item index out of bounds", lookupError("NetworkTopology.pfs[2].rail"));
        assertEquals("[NOT_FOUND] no item matches predicate", lookupError("NetworkTopology.pfs[pci=c].rail"));
        assertEquals("[CONFLICT] item predicate matches multiple entries", lookupError("NetworkTopology.pfs[model=cx7].rail"));
        assertEquals("[NOT_FOUND] key not found in item", lookupError("NetworkTopology.pfs[0].nope"));
    }

    @Test
    void everyAddressIsUniqueAndFirstMatchWins() {
        java.util.Map<String, String> seen = new java.util.LinkedHashMap<>();
        SnapshotAddresses.forEach(SNAP, (k, r) -> assertEquals(null, seen.put(k, r.text()), k));
        assertEquals("v1.20.0", seen.get("K8s.server.version"), "the first K8s measurement wins");
        assertEquals("<nil>", seen.get("K8s.server.nullval"));
        assertEquals("cx7", seen.get("NetworkTopology.pfs[1].model"), "item context is addressable");
        assertEquals(null, seen.get("K8s.server.onlyctx"), "subtype context is not");
    }
}
