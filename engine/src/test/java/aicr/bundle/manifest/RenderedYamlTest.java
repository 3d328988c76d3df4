package aicr.bundle.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import org.junit.jupiter.api.Test;

/** Post-render normalisation (bundle-templates.md §5.3 and its edge-case table). */
class RenderedYamlTest {
    @Test
    void installAndUpgradeHooksAreStripped() {
        String in = """
                metadata:
                  annotations:
                    # about hook
                    "helm.sh/hook": pre-install,post-upgrade
                    "helm.sh/hook-weight": "5"
                    other: keep
                """;
        assertEquals("metadata:\n  annotations:\n    other: keep\n", RenderedYaml.normalize(in));
    }

    @Test
    void otherHookPhasesStayWithTheirWeightAndPolicy() {
        String in = "metadata:\n  annotations:\n    helm.sh/hook: test,pre-delete , crd-install\n"
                + "    helm.sh/hook-weight: \"5\"\n";
        assertEquals("metadata:\n  annotations:\n    helm.sh/hook: pre-delete\n    helm.sh/hook-weight: \"5\"\n",
                RenderedYaml.normalize(in));
    }

    @Test
    void annotationsStayAsEmptyMap() {
        assertEquals("metadata:\n  annotations: {}\n",
                RenderedYaml.normalize("metadata:\n  annotations:\n    helm.sh/hook: post-install\n"));
    }

    @Test
    void emptyDocumentsDisappearAndSeparatorsAreOnlyBetweenDocuments() {
        assertEquals("x: 1\n", RenderedYaml.normalize("# lead\n---\n---\nx: 1\n"));
        assertEquals("a: 1\n---\nb: 2\n", RenderedYaml.normalize("---\na: 1\n---\n\n---\nb: 2\n...\n"));
    }

    @Test
    void reindentsSequencesAndKeepsComments() {
        assertEquals("data: # c\n  list:\n    - a\n", RenderedYaml.normalize("data:   # c\n    list:\n    - a\n"));
    }

    @Test
    void nothingButCommentsMeansNoFile() {
        assertEquals("", RenderedYaml.normalize("# only a comment\n---\n"));
        assertEquals("", RenderedYaml.normalize(""));
    }

    @Test
    void invalidYamlIsAnInvalidRequest() {
        AicrException e = assertThrows(AicrException.class, () -> RenderedYaml.normalize("x: a: b: [\n"));
        assertTrue(e.render().startsWith("[INVALID_REQUEST] failed to parse rendered manifest as YAML: yaml: line "),
                e.render());
    }

    @Test
    void namespaceDeclaration() {
        assertTrue(RenderedYaml.declaresNamespace("apiVersion: v1\nkind:   Namespace  \n"));
        assertFalse(RenderedYaml.declaresNamespace("  kind: Namespace\n"));
        assertFalse(RenderedYaml.declaresNamespace("kind: NamespaceList\n"));
    }

    /** Outputs checked against go-yaml v3 (decode to yaml.Node, encode with SetIndent(2)). */
    @Test
    void commentsAboveASequenceItemStayAboveItsDash() {
        String in = """
                env:
                # first
                # second
                - name: X
                  value: y
                # between
                - name: Z
                args:
                  # scalar
                  - foo
                """;
        assertEquals("""
                env:
                  # first
                  # second
                  - name: X
                    value: y
                  # between
                  - name: Z
                args:
                  # scalar
                  - foo
                """, RenderedYaml.normalize(in));
    }

    @Test
    void commentLikeLinesInsideABlockScalarAreText() {
        String in = "lit: |\n  - # not a comment\n    # nor this\nitems:\n  - |\n    - # text\n      x\n";
        assertEquals(in, RenderedYaml.normalize(in));
    }

    @Test
    void literalStartingWithABreakGetsTheHintAndLosesTheEmptyLine() {
        // the "|" + nindent idiom: go-yaml writes |2 and ends its header line with the first break
        assertEquals("data:\n  csv: |2\n    # Clocks\n    A\n\n    B\n",
                RenderedYaml.normalize("data:\n  csv: |\n    \n    # Clocks\n    A\n\n    B\n"));
        assertEquals("a: |2\n\n  x\nc: |2-\n  z\n", RenderedYaml.normalize("a: |\n  \n  \n  x\nc: |-\n  \n  z\n"));
        assertEquals("k:\n  - |2\n    y\n", RenderedYaml.normalize("k:\n- |\n  \n  y\n"));
    }
}
