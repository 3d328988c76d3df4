package aicr.bundle.argocdhelm;

import static aicr.gocompat.GoStrings.quote;

import aicr.io.YamlWriter;
import java.util.Map;

/**
 * A child Application as a Helm template of the umbrella chart: the argocd Application with
 * name, project and destination server turned into install-time expressions, and the chart
 * values assembled at install time from {@code static/<component>.yaml} merged with the
 * component's install-time values ({@code .Values.<overrideKey>}). Written in the layout of
 * go-yaml's default encoder (4-space indentation, sorted keys), behind guard lines that fail the
 * install when a name prefix makes the child name invalid.
 */
final class ChildTemplate {
    private ChildTemplate() {
    }

    /** Argo CD derives the Helm release name of a child from its Application name; Helm caps those at 53. */
    static final int MAX_NAME = 53;
    static final String PARENT_DEFAULT = "aicr-stack";

    /** What varies between children. {@code repo} is "" for path-based (local chart) children. */
    record Child(String name, String namespace, int syncWave, boolean cascadeDelete, String overrideKey,
                 String dir, String chart, String repo, String version) {
        boolean pathBased() {
            return repo.isEmpty();
        }
    }

    static String render(Child c) {
        StringBuilder sb = new StringBuilder();
        sb.append(guard(c.name()));
        sb.append("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                    annotations:
                        argocd.argoproj.io/sync-wave: "%d"
                """.formatted(c.syncWave()));
        if (c.cascadeDelete()) {
            sb.append("""
                        finalizers:
                            - resources-finalizer.argocd.argoproj.io
                    """);
        }
        sb.append("""
                    name: '{{ (.Values.deployer | default dict).namePrefix | default "" }}%s'
                    namespace: argocd
                spec:
                    destination:
                        namespace: %s
                        server: '{{ (.Values.deployer | default dict).destinationServer | default "https://kubernetes.default.svc" }}'
                    project: '{{ (.Values.deployer | default dict).project | default "default" }}'
                    source:
                """.formatted(c.name(), scalar(c.namespace())));
        if (c.pathBased()) {
            sb.append("""
                            helm:
                                values: |-
                                    {{- $dynamic := index .Values %s | default dict -}}
                                    {{- toYaml $dynamic | nindent 16 }}
                            path: %s
                            repoURL: '{{ required "repoURL is required: pass --set repoURL=<parent namespace> (e.g., oci://<registry>/<path>) — do NOT include the chart name; this template appends .Chart.Name to assemble the full OCI artifact reference" .Values.repoURL | trimSuffix "/" }}/{{ .Chart.Name }}'
                            targetRevision: '{{ .Values.targetRevision | default .Chart.Version }}'
                    """.formatted(quote(c.overrideKey()), scalar(c.dir())));
        } else {
            sb.append("""
                            chart: %s
                            helm:
                                values: |-
                                    {{- $static := (.Files.Get "static/%s.yaml") | fromYaml | default dict -}}
                                    {{- $dynamic := index .Values %s | default dict -}}
                                    {{- mustMergeOverwrite $static $dynamic | toYaml | nindent 16 }}
                            repoURL: %s
                            targetRevision: %s
                    """.formatted(scalar(c.chart()), c.name(), quote(c.overrideKey()), scalar(c.repo()),
                    scalar(c.version())));
        }
        sb.append("""
                    syncPolicy:
                        automated:
                            prune: true
                            selfHeal: true
                        syncOptions:
                            - CreateNamespace=true
                            - ServerSideApply=true
                """);
        return sb.toString();
    }

    /** Three Helm template lines that fail the install on an invalid child name. */
    static String guard(String name) {
        return "{{- $childName := printf \"%s%s\" ((.Values.deployer | default dict).namePrefix | default \"\") "
                + quote(name) + " -}}\n"
                + "{{- if gt (len $childName) " + MAX_NAME + " }}{{ fail (printf \"deployer.namePrefix produces child "
                + "Application name %q (%d chars): child Application names are capped at " + MAX_NAME + " characters "
                + "because Argo CD derives the Helm release name from the Application name for Helm-rendered children\" "
                + "$childName (len $childName)) }}{{ end -}}\n"
                + "{{- if eq $childName (.Values.appName | default " + quote(PARENT_DEFAULT) + " | toString) }}{{ fail "
                + "(printf \"child Application name %q collides with the parent Application name: choose a different "
                + "deployer.namePrefix or appName\" $childName) }}{{ end -}}\n";
    }

    /** A string as the YAML encoder would write it as a mapping value (plain when safe, quoted otherwise). */
    static String scalar(String s) {
        String doc = YamlWriter.write(Map.of("k", s), true);
        return doc.substring(3, doc.length() - 1);
    }
}
