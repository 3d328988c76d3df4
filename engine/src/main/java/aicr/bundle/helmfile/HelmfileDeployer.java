package aicr.bundle.helmfile;

import aicr.bundle.deployer.Deployer;
import aicr.bundle.deployer.DeployerInput;
import aicr.bundle.deployer.DeployerOutput;
import aicr.bundle.deployer.Numbered;
import aicr.bundle.deployer.Versions;
import aicr.bundle.localformat.Folder;
import aicr.bundle.localformat.LocalComponent;
import aicr.bundle.localformat.LocalFormatWriter;
import aicr.bundle.template.BundleTemplates;
import aicr.bundle.tree.BundleTree;
import aicr.bundle.vendor.Provenance;
import aicr.io.Struct;
import aicr.io.YamlWriter;
import aicr.recipe.ComponentRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A helmfile release graph over the shared numbered folders. When the components' dependencies
 * span several levels, each level gets its own {@code level-<i>.yaml} and the top
 * {@code helmfile.yaml} lists them: helmfile runs sub-helmfiles in sequence, so CRDs installed by
 * one level exist before a later level's {@code helmfile diff} needs them.
 */
public final class HelmfileDeployer implements Deployer {

    @Override
    public DeployerOutput generate(DeployerInput in) {
        BundleTree tree = new BundleTree();
        List<LocalComponent> components = new ArrayList<>();
        Map<String, String> namespaces = new LinkedHashMap<>();
        for (ComponentRef r : in.ordered()) {
            components.add(LocalComponent.of(r, in.valuesOf(r.name()), in.dynamic().of(r.name())));
            namespaces.put(r.name(), r.namespace());
        }
        LocalFormatWriter.Written written = LocalFormatWriter.write(
                new LocalFormatWriter.Input(components, in.pre(), in.post(), Map.of(), in.puller()), tree);
        List<Folder> folders = written.folders();
        List<List<String>> levels = DependencyLevels.of(in.ordered());
        List<List<Folder>> byLevel = byLevel(folders, levels);
        long nonEmpty = byLevel.stream().filter(l -> !l.isEmpty()).count();
        boolean stratified = nonEmpty > 1;
        if (!stratified) {
            tree.put("helmfile.yaml", yaml(ReleaseGraph.document(folders, namespaces, in.dynamic().all(), in.registry())), 0600);
        } else {
            List<Object> refs = new ArrayList<>();
            for (int i = 0; i < byLevel.size(); i++) {
                if (byLevel.get(i).isEmpty()) {
                    continue;
                }
                String name = "level-" + i + ".yaml";
                tree.put(name, yaml(ReleaseGraph.document(byLevel.get(i), namespaces, in.dynamic().all(), in.registry())), 0600);
                refs.add(new Struct().with("path", name));
            }
            tree.put("helmfile.yaml", yaml(new Struct().with("helmfiles", refs)), 0600);
        }
        tree.put("README.md", BundleTemplates.render("helmfile/README.md.tmpl",
                readme(in, stratified, !written.vendored().isEmpty())), 0600);
        if (!written.vendored().isEmpty()) {
            tree.put(Provenance.FILE, Provenance.render(written.vendored()), 0644);
        }
        List<String> notes = new ArrayList<>(List.of("Requires the helmfile CLI on $PATH (see README.md for installation)."));
        if (!in.dynamic().isEmpty()) {
            notes.add("Per-component cluster-values.yaml files have been generated. Edit them before `helmfile apply` to "
                    + "customize per-cluster settings.");
        }
        if (!written.vendored().isEmpty()) {
            notes.add("This bundle contains vendored Helm charts. No upstream registry access is required at deploy time. "
                    + "See provenance.yaml for chart provenance details.");
        }
        List<String> steps = List.of("cd " + in.settings().outputDir(), "helmfile diff   # preview changes",
                "helmfile apply  # install or upgrade");
        return new DeployerOutput(tree, steps, notes);
    }

    @Override
    public boolean isStale(String name, boolean isDirectory) {
        return isDirectory && Numbered.isFolderName(name);
    }

    /** Each folder goes to its parent component's level. */
    static List<List<Folder>> byLevel(List<Folder> folders, List<List<String>> levels) {
        Map<String, Integer> levelOf = new LinkedHashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            for (String n : levels.get(i)) {
                levelOf.put(n, i);
            }
        }
        List<List<Folder>> out = new ArrayList<>();
        if (levels.isEmpty()) {
            out.add(folders);
            return out;
        }
        for (int i = 0; i < levels.size(); i++) {
            out.add(new ArrayList<>());
        }
        for (Folder f : folders) {
            out.get(levelOf.getOrDefault(f.parent(), 0)).add(f);
        }
        return out;
    }

    private static String yaml(Struct doc) {
        return YamlWriter.write(doc, false);
    }

    /** One row per component (injected releases get none); the version column shows the recipe's version or tag. */
    static Map<String, Object> readme(DeployerInput in, boolean stratified, boolean vendored) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("BundlerVersion", Versions.stripVOrDefault(in.settings().cliVersion()));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ComponentRef r : in.ordered()) {
            rows.add(Map.of("Name", r.name(), "Namespace", r.namespace(), "Version", r.version().isEmpty() ? r.tag() : r.version()));
        }
        d.put("Components", rows);
        d.put("HasSubHelmfiles", stratified);
        d.put("HasDynamic", !in.dynamic().isEmpty());
        d.put("HasVendored", vendored);
        return d;
    }
}
