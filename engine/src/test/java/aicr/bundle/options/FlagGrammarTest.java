package aicr.bundle.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import aicr.errors.AicrException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The grammars of the bundle flags (spec §1, §4.3, §4.4, §9.1). */
class FlagGrammarTest {
    private static String error(Runnable r) {
        return assertThrows(AicrException.class, r::run).render();
    }

    @Test
    void componentPathSplitsAtFirstColonThenFirstEquals() {
        assertEquals(new ComponentPath("c", "a.b", "x=y:z"), ComponentPath.parse("c:a.b=x=y:z"));
        assertEquals(new ComponentPath("c", "a", null), ComponentPath.parse("c:a"));
        assertEquals(new ComponentPath("c", "a", "x,y"), ComponentPath.parseValueOverrides(List.of("c:a=x,y")).get(0));
        assertEquals("[INVALID_REQUEST] invalid format \"c:\": component and path cannot be empty",
                error(() -> ComponentPath.parse("c:")));
        assertEquals("[INVALID_REQUEST] invalid path segment \"\" in \"c:a..b=1\": must contain only alphanumeric, dot, "
                + "hyphen, or underscore characters", error(() -> ComponentPath.parse("c:a..b=1")));
        assertEquals("[INVALID_REQUEST] invalid path segment \"{{x}}\" in \"c:{{x}}=1\": must contain only alphanumeric, "
                + "dot, hyphen, or underscore characters", error(() -> ComponentPath.parse("c:{{x}}=1")));
    }

    @Test
    void tolerationGrammar() {
        assertEquals(List.of(new Toleration("a", "Equal", "b=c", "NoSchedule")), Toleration.parseAll(List.of("a=b=c:NoSchedule")));
        assertEquals(List.of(new Toleration("", "Exists", "", "NoSchedule")), Toleration.parseAll(List.of(":NoSchedule")));
        assertEquals(List.of(new Toleration("k", "Exists", "", "PreferNoSchedule")),
                Toleration.parseAll(List.of("k=:PreferNoSchedule")));
        assertEquals(Toleration.TOLERATE_ALL, Toleration.parseAll(List.of("*")));
        assertEquals(Toleration.TOLERATE_ALL, Toleration.parseAll(List.of()));
        assertEquals(Map.of("key", "k", "operator", "Equal", "value", "v", "effect", "NoExecute"),
                Toleration.parseAll(List.of("k=v:NoExecute")).get(0).toValues());
        assertEquals("[INVALID_REQUEST] invalid format \"a:b:NoSchedule\", expected key=value:effect or key:effect",
                error(() -> Toleration.parseAll(List.of("a:b:NoSchedule"))));
    }

    @Test
    void taintNeedsAKey() {
        assertEquals("k=v:NoSchedule", Taint.parse("k=v:NoSchedule").toString());
        assertEquals("k:NoExecute", Taint.parse("k:NoExecute").toString());
        assertEquals("[INVALID_REQUEST] invalid format \":NoSchedule\", key cannot be empty", error(() -> Taint.parse(":NoSchedule")));
    }

    @Test
    void selectorsKeepEmptyValuesAndTheLastRepeat() {
        assertEquals(Map.of("e", "", "k", "2"), Selectors.parse(List.of("e=", "k=1", "k=2")));
    }

    @Test
    void deployerNamesAreCaseInsensitiveAndTrimmed() {
        assertEquals(DeployerType.ARGOCD_HELM, DeployerType.parse(" ArgoCD-Helm "));
    }

    @Test
    void argoOptionsAreValidatedInKeyOrder() {
        ArgoOptions o = ArgoOptions.parse(Map.of("namePrefix", "t-", "project", "gpu", "cascadeDelete", "T",
                "destinationServer", "https://k.example:6443"));
        assertEquals(new ArgoOptions("t-", "https://k.example:6443", "gpu", true), o);
        assertEquals("[INVALID_REQUEST] invalid deployer destinationServer \"HTTPS://x\": scheme must be lowercase https://",
                error(() -> ArgoOptions.parse(Map.of("destinationServer", "HTTPS://x"))));
        assertEquals("[INVALID_REQUEST] invalid deployer destinationServer \"https://u@x\": must be an absolute https:// URL "
                + "with a hostname and without embedded credentials",
                error(() -> ArgoOptions.parse(Map.of("destinationServer", "https://u@x"))));
        assertEquals("[INVALID_REQUEST] invalid deployer project \"\": must not be empty",
                error(() -> ArgoOptions.parse(Map.of("project", ""))));
        // cascadeDelete sorts first, so its error wins over the unknown key's
        assertEquals("[INVALID_REQUEST] invalid deployer cascadeDelete value \"x\": must be a boolean: strconv.ParseBool: "
                + "parsing \"x\": invalid syntax", error(() -> ArgoOptions.parse(Map.of("zz", "1", "cascadeDelete", "x"))));
    }

    @Test
    void httpsUrls() {
        Validators.httpsUrl("x", "https://h:1/p?q");
        assertEquals("[INVALID_REQUEST] invalid x \"https://:6443\": must be an absolute https:// URL with a hostname and "
                + "without embedded credentials", error(() -> Validators.httpsUrl("x", "https://:6443")));
    }
}
