package aicr.criteria;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import org.junit.jupiter.api.Test;

class CriteriaTest {
    private static Criteria c(String s, String a, String i, String o, String p, int n) {
        return new Criteria(s, a, i, o, p, n);
    }

    @Test
    void overlayWildcardMatchesAnythingButSpecificOverlayNeedsSpecificQuery() {
        Criteria overlay = c("eks", "any", "", "any", "any", 0);
        assertTrue(overlay.matches(c("eks", "h100", "training", "ubuntu", "any", 0)));
        assertFalse(overlay.matches(Criteria.fresh()), "a generic query never selects a specific overlay");
        assertFalse(overlay.matches(c("gke", "any", "any", "any", "any", 0)));
        assertTrue(c("any", "any", "any", "any", "any", 0).matches(Criteria.fresh()));
    }

    @Test
    void nodesMatchExactlyUnlessOverlayIsZero() {
        assertTrue(c("eks", "", "", "", "", 0).matches(c("eks", "any", "any", "any", "any", 4)));
        assertFalse(c("eks", "", "", "", "", 4).matches(c("eks", "any", "any", "any", "any", 0)));
        assertTrue(c("eks", "", "", "", "", 4).matches(c("eks", "any", "any", "any", "any", 4)));
    }

    @Test
    void overlayValuesAreComparedRaw() {
        assertFalse(c("MyCloud", "", "", "", "", 0).matches(c("mycloud", "any", "any", "any", "any", 0)));
    }

    @Test
    void specificityCountsSpecificDimensionsAndNodes() {
        assertEquals(0, Criteria.fresh().specificity());
        assertEquals(0, c("", "any", "", "", "", 0).specificity());
        assertEquals(6, c("eks", "h100", "training", "ubuntu", "slurm", 2).specificity());
    }

    @Test
    void describeHidesOnlyAny() {
        assertEquals("criteria(any)", Criteria.fresh().describe());
        assertEquals("criteria(service=eks, os=)", c("eks", "any", "any", "", "any", 0).describe());
        assertEquals("criteria(service=eks, nodes=3)", Criteria.fresh().with(Dimension.SERVICE, "eks").withNodes(3).describe());
    }

    @Test
    void parserNormalizesAliasesAndReportsTheRawValue() {
        CriteriaRegistry reg = CriteriaRegistry.builder().build(false);
        assertEquals("ocp", reg.parse(Dimension.SERVICE, " OpenShift "));
        assertEquals("any", reg.parse(Dimension.SERVICE, "self-managed"));
        assertEquals("amazonlinux", reg.parse(Dimension.OS, "AL2023"));
        assertEquals("gb300", reg.parse(Dimension.ACCELERATOR, "GB300"));
        AicrException e = assertThrows(AicrException.class, () -> reg.parse(Dimension.ACCELERATOR, "H900"));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertEquals("[INVALID_REQUEST] invalid accelerator type: H900", e.render());
    }

    @Test
    void registryValuesAreAcceptedUnlessStrictHidesExternalOnes() {
        CriteriaRegistry reg = CriteriaRegistry.builder()
                .add(c("MyCloud", "", "", "", "", 0), CriteriaRegistry.Origin.EXTERNAL)
                .add(c("", "x1", "", "", "", 0), CriteriaRegistry.Origin.EMBEDDED)
                .build(false);
        assertEquals("mycloud", reg.parse(Dimension.SERVICE, "mycloud"));
        assertThrows(AicrException.class, () -> reg.strict(true).parse(Dimension.SERVICE, "mycloud"));
        assertEquals("x1", reg.strict(true).parse(Dimension.ACCELERATOR, "X1"));
        assertTrue(reg.allValues(Dimension.SERVICE).contains("mycloud"));
    }

    @Test
    void flagsApplyInDimensionOrderSoTheFirstBadDimensionIsReported() {
        CriteriaRegistry reg = CriteriaRegistry.builder().build(false);
        CriteriaFlags flags = new CriteriaFlags("bad", null, null, "bad", null, 0);
        AicrException e = assertThrows(AicrException.class, () -> flags.applyTo(Criteria.fresh(), reg));
        assertEquals("[INVALID_REQUEST] error parsing criteria: [INVALID_REQUEST] invalid service type: bad", e.render());
    }

    @Test
    void nonPositiveNodesFlagIsIgnored() {
        CriteriaRegistry reg = CriteriaRegistry.builder().build(false);
        assertEquals(0, new CriteriaFlags("eks", null, null, null, null, -1).applyTo(Criteria.fresh(), reg).nodes());
    }
}
