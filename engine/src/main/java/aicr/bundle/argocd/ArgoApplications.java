package aicr.bundle.argocd;

import aicr.bundle.deployer.Deployer;
import java.util.List;

/** What both Argo CD deployers (plain Applications, Helm app-of-apps) do with the bundle flags alike. */
public interface ArgoApplications extends Deployer {
    /** Gates are synced after their component (sync waves) and replaced on every sync. */
    List<String> GATE_ANNOTATIONS = List.of("argocd.argoproj.io/sync-options: Replace=true");

    @Override
    default List<String> readinessGateAnnotations() {
        return GATE_ANNOTATIONS;
    }

    @Override
    default boolean takesApplicationOptions() {
        return true;
    }
}
