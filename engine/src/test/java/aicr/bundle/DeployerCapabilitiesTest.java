package aicr.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.bundle.deployer.Deployer;
import aicr.bundle.options.ComponentPath;
import aicr.bundle.options.DeployerType;
import aicr.bundle.values.DynamicPaths;
import aicr.errors.AicrException;
import aicr.recipe.RecipeStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each target tool does with the bundle flags, as the Bundler asks it. */
class DeployerCapabilitiesTest {

    @Test
    void readinessGatesAndTheirAnnotations() {
        assertEquals("helm, argocd, argocd-helm", Deployers.withReadinessGates());
        assertTrue(Deployers.of(DeployerType.HELM).readinessGateAnnotations().get(0).startsWith("helm.sh/hook:"));
        assertEquals(Deployers.of(DeployerType.ARGOCD).readinessGateAnnotations(),
                Deployers.of(DeployerType.ARGOCD_HELM).readinessGateAnnotations());
        assertNull(Deployers.of(DeployerType.FLUX).readinessGateAnnotations());
        assertNull(Deployers.of(DeployerType.HELMFILE).readinessGateAnnotations());
    }

    @Test
    void onlyHelmShipsTheRecipeAndOnlyArgocdHelmIsAChart() {
        for (DeployerType t : DeployerType.values()) {
            Deployer d = Deployers.of(t);
            assertEquals(t == DeployerType.HELM, d.includesRecipe(), t.id());
            assertEquals(t == DeployerType.ARGOCD_HELM, d.isHelmChart(), t.id());
            assertEquals(t.isArgo(), d.takesApplicationOptions(), t.id());
        }
    }

    @Test
    void plainArgocdRejectsInstallTimeValues() {
        DynamicPaths dynamic = DynamicPaths.resolve(ComponentPath.parseDynamic(List.of("certmanager:replicaCount")),
                RecipeStore.embedded().componentRegistry());
        assertThrows(AicrException.class, () -> Deployers.of(DeployerType.ARGOCD).checkFlags("", dynamic));
        for (DeployerType t : List.of(DeployerType.HELM, DeployerType.ARGOCD_HELM, DeployerType.FLUX, DeployerType.HELMFILE)) {
            Deployers.of(t).checkFlags("", dynamic);
        }
        assertFalse(dynamic.isEmpty());
    }
}
