package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The error cases of golden/bundle/COMMANDS.txt: same exit code as the reference (except the
 * documented difference marked below), a one-line
 * message naming the problem, no stack trace, and nothing written (the reference leaves an
 * empty or partial output directory behind in several of these cases; we never do).
 */
class BundleErrorTest {
    @TempDir
    Path tmp;

    /** Exit code, fragment of the error line, flags ({recipe} {inputs} {errors} {tmp} placeholders). */
    static Stream<Arguments> cases() {
        return Stream.of(
                c(3, "[NOT_FOUND] recipe file not found: ", "-r {tmp}/nope.yaml"),
                c(2, "--recipe is required (or set spec.bundle.input.recipe in --config)", ""),
                c(2, "invalid --deployer value: [INVALID_REQUEST] invalid deployer type \"kubectl\": must be one of "
                        + "[argocd argocd-helm flux helm helmfile]", "-r {recipe} -d kubectl"),
                c(2, "invalid format \"foo=bar\": expected 'component:path' or 'component:path=value'", "-r {recipe} --set foo=bar"),
                c(2, "invalid format \"gpuoperator:foo\": --set requires 'bundler:path=value'", "-r {recipe} --set gpuoperator:foo"),
                c(2, "invalid format \"gpuoperator:foo=\": value cannot be empty", "-r {recipe} --set gpuoperator:foo="),
                c(2, "invalid path segment \"foo[0]\" in \"gpuoperator:foo[0]=1\"", "-r {recipe} --set gpuoperator:foo[0]=1"),
                c(2, "path segment \"version\" exists but is not a map (type: string)",
                        "-r {recipe} --set gpuoperator:driver.version.x=1"),
                c(2, "invalid --set enabled value: strconv.ParseBool: parsing \"maybe\": invalid syntax",
                        "-r {recipe} --set gpuoperator:enabled=maybe"),
                c(2, "unknown component \"nosuch\" in dynamic declaration: not found in component registry",
                        "-r {recipe} --dynamic nosuch:foo"),
                c(2, "dynamic declarations are not supported with deployer \"argocd\"; use deployer \"argocd-helm\" instead",
                        "-r {recipe} -d argocd --dynamic certmanager:replicaCount"),
                c(2, "--readiness-hooks is not supported with --deployer \"flux\"; supported deployers: helm, argocd, argocd-helm",
                        "-r {recipe} -d flux --readiness-hooks"),
                c(2, "--set deployer:<key> options are only supported with --deployer argocd or argocd-helm (got \"helm\")",
                        "-r {recipe} --set deployer:namePrefix=a-"),
                c(2, "unknown deployer option \"foo\": valid keys are cascadeDelete, destinationServer, namePrefix, project",
                        "-r {recipe} -d argocd --set deployer:foo=bar"),
                c(2, "invalid deployer namePrefix \"UP\": must be lowercase alphanumeric with hyphens",
                        "-r {recipe} -d argocd --set deployer:namePrefix=UP"),
                c(2, "invalid deployer destinationServer \"http://x\": must be an absolute https:// URL with a hostname",
                        "-r {recipe} -d argocd --set deployer:destinationServer=http://x"),
                c(2, "invalid deployer cascadeDelete value \"maybe\": must be a boolean",
                        "-r {recipe} -d argocd --set deployer:cascadeDelete=maybe"),
                c(2, "deployer options do not support --set-json/--set-file; use --set deployer:<key>=<value>",
                        "-r {recipe} -d argocd --set-json deployer:project=\"x\""),
                c(2, "--flux-namespace is only valid with --deployer flux", "-r {recipe} --flux-namespace x"),
                c(2, "--app-name is only valid with --deployer argocd or --deployer argocd-helm", "-r {recipe} --app-name x"),
                c(2, "invalid app name \"Bad_Name\": must be a DNS-1123 subdomain", "-r {recipe} -d argocd --app-name Bad_Name"),
                c(2, "\"enabled\" is the component enable/disable toggle and must be set with --set (e.g. --set "
                        + "gpuoperator:enabled=false), not --set-json/--set-file", "-r {recipe} --set-json gpuoperator:enabled=false"),
                c(2, "invalid --set-json \"gpuoperator:driver={bad\"", "-r {recipe} --set-json gpuoperator:driver={bad"),
                c(3, "cannot open --set-file value file: {tmp}/nonexist.yaml", "-r {recipe} --set-file gpuoperator:driver={tmp}/nonexist.yaml"),
                c(2, "dynamic declaration does not accept '=value'", "-r {recipe} --dynamic certmanager:replicaCount=2"),
                c(2, "--dynamic declaration gpu-operator:devicePlugin.enabled targets the GPU allocation-policy key "
                        + "\"devicePlugin.enabled\"", "-r {recipe} --dynamic gpuoperator:devicePlugin.enabled"),
                c(2, "--nodes must be >= 0", "-r {recipe} --nodes -1"),
                c(2, "invalid taint effect \"Bad\", expected NoSchedule, PreferNoSchedule, or NoExecute",
                        "-r {recipe} --system-node-toleration a=b:Bad"),
                c(2, "invalid format \"novalue\", expected key=value", "-r {recipe} --system-node-selector novalue"),
                c(2, "invalid format \"nocolon\", expected key=value:effect or key:effect", "-r {recipe} --workload-gate nocolon"),
                c(2, "flag --deployer can only be specified once", "-r {recipe} -d helm -d flux"),
                c(1, "Unknown option: '--bogus'", "-r {recipe} --bogus"),
                c(2, "invalid fulcio URL \"http://f\": must be an absolute https:// URL", "-r {recipe} --fulcio-url http://f"),
                c(2, "--signing-key is mutually exclusive with --identity-token",
                        "-r {recipe} --attest --signing-key awskms://x --identity-token t"),
                c(8, "[INTERNAL] bundle attestation failed: [INVALID_REQUEST] invalid identity token: unable to get subject "
                        + "from identity token", "-r {recipe} --attest --identity-token t"),
                c(2, "unsupported --signing-key \"awskms:///alias/x\": aicr-j signs with a local PEM private key file",
                        "-r {recipe} --attest --signing-key awskms:///alias/x"),
                c(3, "signing key file not found: {tmp}/none.pem", "-r {recipe} --attest --signing-key {tmp}/none.pem"),
                c(2, "invalid key {tmp}/bad.pem: no PEM block found", "-r {recipe} --attest --signing-key {tmp}/bad.pem"),
                c(8, "[INTERNAL] failed to deserialize object from", "-r {errors}/bad.yaml"),
                // the reference exits 8 ("failed to read file: read /tmp: is a directory"); a directory given
                // as a file is invalid input here, exit 2 like every file input (docs/security.md)
                c(2, "[INVALID_REQUEST] " + "{tmp}: is a directory, not a file", "-r {tmp}"),
                c(2, "component \"my-app\" is disabled by the recipe and cannot be re-enabled with --set my-app:enabled=true",
                        "-r {inputs}/mini-mixed-prepost.yaml --data {inputs}/mydata --set myapp:enabled=true"),
                c(8, "failed to initialize data provider", "-r {recipe} --data {tmp}/empty"),
                c(2, "manifest \"components/my-app/cm.yaml\" (referenced by component \"my-app\") not found in this binary's "
                        + "embedded data", "-r {inputs}/mini-manifest-only.yaml"),
                c(2, "unsupported component type \"Kustomize\" for component \"kapp\"", "-r {kustomize-recipe} -d flux"),
                c(2, "component \"kapp\" not found in registry", "-r {kustomize-recipe} -d argocd-helm"),
                c(8, "render manifest components/my-app/upper.yaml for my-app: [INVALID_REQUEST] failed to parse manifest "
                        + "template: template: manifest:4: function \"upper\" not defined",
                        "-r {errors}/undefined-function.yaml --data {errors}/upperdata"),
                c(2, "invalid component name \"../evil\": must not contain path separators or parent directory references",
                        "-r {errors}/evil-name.yaml"),
                c(2, "recipe has incoherent component ref(s): Helm component \"cert-manager\" has no chart version",
                        "-r {errors}/no-version.yaml"),
                c(2, "recipe must contain at least one component reference", "-r {errors}/no-components.yaml"),
                c(2, "\"deployer\" is reserved", "-r {errors}/deployer-name.yaml"),
                c(2, "component \"a-readiness\" uses the reserved \"-readiness\" suffix", "-r {errors}/readiness-suffix.yaml"));
    }

    private static Arguments c(int exit, String fragment, String flags) {
        return Arguments.of(exit, fragment, flags);
    }

    @ParameterizedTest(name = "exit {0}: {2}")
    @MethodSource("cases")
    void failsLikeTheReference(int exit, String fragment, String flags) throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(tmp.resolve("bad.pem"), "not a key\n");
        Path out = tmp.resolve("out");
        List<String> args = new ArrayList<>(List.of("bundle"));
        for (String a : BundleFixtures.args(flags, tmp)) {
            args.add(a.replace("{tmp}", tmp.toString()).replace("{errors}", BundleFixtures.INPUTS.resolve("errors").toString()));
        }
        args.addAll(List.of("-o", out.toString()));
        CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
        assertEquals(exit, r.exitCode(), r.stderr());
        String expected = fragment.replace("{tmp}", tmp.toString());
        String errorLine = r.stderr().lines().filter(l -> l.contains("command failed") || l.startsWith("Error:"))
                .findFirst().orElse("");
        assertTrue(errorLine.contains(expected), "expected '" + expected + "' in: " + r.stderr());
        assertFalse(r.stderr().contains("\tat "), "no stack trace without --debug");
        assertEquals("", r.stdout());
        assertFalse(Files.exists(out), "nothing may be left behind");
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".out.aicr-")), "no staging directory left");
        }
    }
}
