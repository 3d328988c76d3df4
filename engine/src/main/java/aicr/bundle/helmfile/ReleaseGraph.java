package aicr.bundle.helmfile;

import aicr.bundle.deployer.SourceNames;
import aicr.bundle.localformat.Folder;
import aicr.bundle.localformat.FolderKind;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.Struct;
import aicr.recipe.ComponentConfig;
import aicr.recipe.ComponentRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One helmfile document: repositories (de-duplicated by URL, sorted by alias), the helm
 * defaults, and a release per folder, each needing the previous release of the same document.
 * Field order is the helmfile struct's, not sorted.
 */
final class ReleaseGraph {
    private ReleaseGraph() {
    }

    /** kai-scheduler's webhook-driven install does not become ready within helm's wait; it gets 20 minutes, no wait. */
    static final String ASYNC_COMPONENT = "kai-scheduler";
    static final long DEFAULT_TIMEOUT = 600;
    static final long ASYNC_TIMEOUT = 1200;

    static Struct document(List<Folder> folders, Map<String, String> namespaces, Map<String, List<String>> dynamic,
                           ComponentRegistry registry) {
        List<Object> releases = new ArrayList<>();
        Map<String, Struct> repos = new TreeMap<>();
        String prevName = "";
        String prevNs = "";
        for (Folder f : folders) {
            String ns = namespaces.get(f.parent());
            Struct rel = new Struct().with("name", f.name()).with("namespace", ns);
            if (f.kind() == FolderKind.UPSTREAM_HELM) {
                if (f.upstream() == null) {
                    throw new AicrException(ErrorCode.INTERNAL, "folder " + f.dir() + " is upstream-helm without coordinates");
                }
                String repo = f.upstream().repo();
                boolean oci = repo.startsWith("oci://");
                String alias = SourceNames.sanitize(repo, "default-repo");
                Struct r = new Struct().with("name", alias).with("url", oci ? repo.substring("oci://".length()) : repo);
                if (oci) {
                    r.put("oci", true);
                }
                repos.putIfAbsent(repo, r);
                rel.put("chart", alias + "/" + f.upstream().chart());
                if (!f.upstream().version().isEmpty()) {
                    rel.put("version", f.upstream().version());
                }
            } else {
                rel.put("chart", "./" + f.dir());
            }
            List<Object> values = new ArrayList<>(List.of("./" + f.dir() + "/values.yaml"));
            if (!dynamic.getOrDefault(f.parent(), List.of()).isEmpty()) {
                values.add("./" + f.dir() + "/cluster-values.yaml");
            }
            rel.put("values", values);
            if (!prevName.isEmpty()) {
                rel.put("needs", List.of(prevNs.isEmpty() || prevNs.equals(ns) ? prevName : prevNs + "/" + prevName));
            }
            if (f.parent().equals(ASYNC_COMPONENT)) {
                rel.put("wait", false);
                rel.put("timeout", ASYNC_TIMEOUT);
            }
            if (!f.createNamespace()) {
                rel.put("createNamespace", false);
            }
            ComponentConfig cfg = registry.get(f.parent());
            boolean selfRefCrds = cfg != null && cfg.hasSelfRefCRDs() && f.name().equals(f.parent());
            boolean chartCrds = cfg != null && cfg.manifestsUseChartCRDs() && f.postManifests();
            if (selfRefCrds || chartCrds) {
                rel.put("disableValidation", true);
            }
            releases.add(rel);
            prevName = f.name();
            prevNs = ns;
        }
        List<Struct> sortedRepos = new ArrayList<>(repos.values());
        sortedRepos.sort((a, b) -> ((String) a.get("name")).compareTo((String) b.get("name")));
        Struct doc = new Struct();
        if (!sortedRepos.isEmpty()) {
            doc.put("repositories", new ArrayList<Object>(sortedRepos));
        }
        doc.put("helmDefaults", new Struct().with("wait", true).with("timeout", DEFAULT_TIMEOUT).with("createNamespace", true));
        doc.put("releases", releases);
        return doc;
    }
}
