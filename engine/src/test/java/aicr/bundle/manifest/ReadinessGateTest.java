package aicr.bundle.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadinessGateTest {
    @Test
    void imageTagFollowsTheCliVersion() {
        assertEquals("ghcr.io/nvidia/aicr-gate:dev", ReadinessGate.image("dev"));
        assertEquals("ghcr.io/nvidia/aicr-gate:dev", ReadinessGate.image("0.14.0-next"));
        assertEquals("ghcr.io/nvidia/aicr-gate:v0.13.0", ReadinessGate.image("0.13.0"));
        assertEquals("ghcr.io/nvidia/aicr-gate:v0.13.0", ReadinessGate.image("v0.13.0"));
    }

    @Test
    void testMustBeAChainsawTest() {
        ReadinessGate.validate("c", "apiVersion: chainsaw.kyverno.io/v1alpha1\nkind: Test\n");
        assertEquals("[INVALID_REQUEST] readiness gate for c: kind must be Test, got \"Pod\"",
                assertThrows(AicrException.class,
                        () -> ReadinessGate.validate("c", "apiVersion: chainsaw.kyverno.io/v1\nkind: Pod\n")).render());
    }

    @Test
    void testContentIsNeverTemplated() {
        String doc = ReadinessGate.render("c", "ns", "apiVersion: chainsaw.kyverno.io/v1\nkind: Test\nx: '{{ y }}'\n",
                "img", List.of("argocd.argoproj.io/sync-options: Replace=true"));
        assertTrue(doc.contains("    x: '{{ y }}'\n"), doc);
        assertTrue(doc.contains("  annotations:\n    argocd.argoproj.io/sync-options: Replace=true\n"), doc);
        assertTrue(doc.contains("            - --namespace=ns\n"), doc);
    }
}
