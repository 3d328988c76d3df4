package aicr.bundle.helm;

import aicr.bundle.deployer.Deployer;
import aicr.bundle.deployer.DeployerInput;
import aicr.bundle.deployer.DeployerOutput;
import aicr.bundle.deployer.Numbered;
import aicr.bundle.localformat.Folder;
import aicr.bundle.localformat.LocalComponent;
import aicr.bundle.localformat.LocalFormatWriter;
import aicr.bundle.template.BundleTemplates;
import aicr.bundle.template.ShellWords;
import aicr.bundle.tree.BundleTree;
import aicr.bundle.vendor.Provenance;
import aicr.criteria.Criteria;
import aicr.recipe.ComponentRef;
import aicr.recipe.Constraint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default deployer: numbered per-component folders, each installable with its own
 * {@code install.sh}, plus a root {@code deploy.sh} that installs them in order with retries
 * and pre-flight checks, and a README. (The helm-only {@code recipe.yaml} copy is added by the
 * bundler.)
 */
public final class HelmDeployer implements Deployer {
    /** Gates run as post-install/post-upgrade hooks of the component's release. */
    static final List<String> GATE_ANNOTATIONS = List.of("helm.sh/hook: post-install,post-upgrade",
            "helm.sh/hook-delete-policy: before-hook-creation");

    @Override
    public List<String> readinessGateAnnotations() {
        return GATE_ANNOTATIONS;
    }

    @Override
    public boolean includesRecipe() {
        return true;
    }


    /** Readiness gate Helm timeout: the gate's maximum wait (90m) plus a 5m buffer, in Go duration format. */
    static final String READINESS_HELM_TIMEOUT = "1h35m0s";

    /** CRD API groups left behind by a component's earlier install, checked by deploy.sh's pre-flight. */
    static final Map<String, String> ORPHANED_CRD_GROUPS = Map.of(
            "kai-scheduler", "kai.scheduler scheduling.run.ai",
            "gpu-operator", "nvidia.com nfd.k8s-sigs.io",
            "dynamo-platform", "grove.io scheduler.grove.io",
            "kube-prometheus-stack", "monitoring.coreos.com",
            "k8s-nim-operator", "apps.nvidia.com",
            "kubeflow-trainer", "trainer.kubeflow.org jobset.x-k8s.io");

    @Override
    public DeployerOutput generate(DeployerInput in) {
        BundleTree tree = new BundleTree();
        List<LocalComponent> components = new ArrayList<>();
        for (ComponentRef r : in.ordered()) {
            components.add(LocalComponent.of(r, in.valuesOf(r.name()), in.dynamic().of(r.name())));
        }
        LocalFormatWriter.Written written = LocalFormatWriter.write(
                new LocalFormatWriter.Input(components, in.pre(), in.post(), in.readiness(), in.puller()), tree);
        List<Folder> folders = written.folders();
        tree.put("README.md", BundleTemplates.render("helm/README.md.tmpl", readme(in, folders)), 0600);
        tree.put("deploy.sh", BundleTemplates.render("helm/deploy.sh.tmpl", deployScript(in)), 0755);
        if (!written.vendored().isEmpty()) {
            tree.put(Provenance.FILE, Provenance.render(written.vendored()), 0644);
        }
        List<String> steps = List.of("cd " + in.settings().outputDir(), "chmod +x deploy.sh", "./deploy.sh");
        return new DeployerOutput(tree, steps, List.of());
    }

    /** Numbered folders of an earlier run, and the {@code undeploy.sh} older releases generated. */
    @Override
    public boolean isStale(String name, boolean isDirectory) {
        return (isDirectory && Numbered.isFolderName(name)) || name.equals("undeploy.sh");
    }

    static Map<String, Object> readme(DeployerInput in, List<Folder> folders) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("RecipeVersion", in.recipe().metadata().version());
        d.put("BundlerVersion", in.settings().cliVersion());
        d.put("Criteria", criteriaLines(in.recipe().criteria()));
        List<Map<String, Object>> comps = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ComponentRef r : in.ordered()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("Name", r.name());
            c.put("Version", r.version());
            c.put("Namespace", r.namespace());
            c.put("Repository", r.source());
            c.put("ChartName", r.chart().isEmpty() ? r.name() : r.chart());
            comps.add(c);
            names.add(r.name());
        }
        d.put("Components", comps);
        List<Map<String, Object>> constraints = new ArrayList<>();
        for (Constraint c : in.recipe().constraints()) {
            constraints.add(Map.of("Name", c.name(), "Value", c.value()));
        }
        d.put("Constraints", constraints);
        List<Map<String, Object>> releases = new ArrayList<>();
        for (int i = folders.size() - 1; i >= 0; i--) {
            releases.add(Map.of("Name", folders.get(i).name(), "Namespace", folders.get(i).namespace()));
        }
        d.put("Releases", releases);
        d.put("ComponentPattern", String.join("|", names));
        d.put("HasGpuOperator", names.contains("gpu-operator"));
        d.put("HasNetworkOperator", names.contains("network-operator"));
        return d;
    }

    /** The criteria the README lists: service, accelerator, intent and OS when set and not {@code any}. */
    static List<String> criteriaLines(Criteria c) {
        List<String> out = new ArrayList<>();
        if (c == null) {
            return out;
        }
        line(out, "Service", c.service());
        line(out, "Accelerator", c.accelerator());
        line(out, "Intent", c.intent());
        line(out, "OS", c.os());
        return out;
    }

    private static void line(List<String> out, String label, String v) {
        if (v != null && !v.isEmpty() && !v.equals(Criteria.ANY)) {
            out.add("- **" + label + "**: " + v);
        }
    }

    static Map<String, Object> deployScript(DeployerInput in) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("BundlerVersion", in.settings().cliVersion());
        List<Map<String, Object>> comps = new ArrayList<>();
        List<String> crdGroups = new ArrayList<>();
        Map<String, Object> nodewright = null;
        Map<String, Object> dra = null;
        for (ComponentRef r : in.ordered()) {
            // namespaces go inside a double-quoted echo: there only a plain word may appear
            comps.add(Map.of("Name", ShellWords.token("component name", r.name()),
                    "Namespace", ShellWords.token("namespace", r.namespace())));
            if (ORPHANED_CRD_GROUPS.containsKey(r.name())) {
                crdGroups.add(ORPHANED_CRD_GROUPS.get(r.name()));
            }
            if (r.name().equals("nodewright-operator")) {
                nodewright = Map.of("Namespace", ShellWords.word(r.namespace()));
            }
            if (r.name().equals("nvidia-dra-driver-gpu")) {
                dra = Map.of("Namespace", ShellWords.word(r.namespace()));
            }
        }
        d.put("Components", comps);
        d.put("OrphanedCrdGroups", crdGroups);
        d.put("Nodewright", nodewright);
        d.put("Dra", dra);
        d.put("ReadinessHelmTimeout", READINESS_HELM_TIMEOUT);
        return d;
    }
}
