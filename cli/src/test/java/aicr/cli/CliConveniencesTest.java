package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.io.JsonReader;
import aicr.io.Values;
import aicr.io.YamlReader;
import aicr.server.ServerConfig;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Help and version, shell completion (in a real bash), the agent skill file, mirror list, JSON logs, serve flags. */
class CliConveniencesTest {
    @TempDir
    Path tmp;

    /** The CLI in a fresh JVM with the given environment additions (PATH, HOME). */
    static CliRunner.Result process(Map<String, String> env, String... args) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", cp, "aicr.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Path out = Files.createTempFile("aicr-out", ".txt");
        Path err = Files.createTempFile("aicr-err", ".txt");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            return new CliRunner.Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void bareAicrPrintsHelpOnStdoutAndVersionAliases() {
        CliRunner.Result r = CliRunner.run();
        assertEquals(0, r.exitCode());
        assertTrue(r.stdout().startsWith("Usage: aicr"), r.stdout());
        assertTrue(r.stdout().contains("serve") && r.stdout().contains("mirror") && r.stdout().contains("completion"));
        assertFalse(r.stdout().contains("cds-train"));
        assertEquals("", r.stderr());
        for (String flag : List.of("-v", "-V", "--version")) {
            CliRunner.Result v = CliRunner.run(flag);
            assertEquals(0, v.exitCode());
            assertTrue(v.stdout().startsWith("aicr version "), v.stdout());
        }
    }

    @Test
    void bashCompletionCompletesSubcommandsFlagsAndValues() throws Exception {
        CliRunner.Result r = CliRunner.run("completion", "bash");
        assertEquals(0, r.exitCode(), r.stderr());
        Path script = Files.writeString(tmp.resolve("aicr.bash"), r.stdout());
        String probe = "source <(cat " + script + ")\n"
                + "complete -p aicr\n"
                + "c() { COMP_WORDS=(\"$@\"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMP_LINE=\"$*\"; COMP_POINT=${#COMP_LINE};"
                + " COMPREPLY=(); _complete_aicr aicr \"${COMP_WORDS[$COMP_CWORD]}\" 2>/dev/null; echo \"$1 ${COMP_WORDS[*]:1}|${COMPREPLY[*]}\"; }\n"
                + "c aicr re\nc aicr ser\nc aicr recipe --acc\nc aicr recipe --service ''\nc aicr serve --rate\n"
                + "c aicr bundle -\nc aicr mirror l\nc aicr skill --agent ''\n";
        Process p = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", probe).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("-F _complete_aicr aicr"), out);
        assertTrue(out.contains("aicr re|recipe\n"), out);
        assertTrue(out.contains("aicr ser|serve\n"), out);
        assertTrue(out.contains("aicr recipe --acc|--accelerator\n"), out);
        assertTrue(out.contains("aicr recipe --service |aks bcm eks gke kind lke metal3 ocp oke\n"), out);
        assertTrue(out.contains("aicr serve --rate|--rate-limit --rate-limit-burst\n"), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("aicr bundle -|") && l.contains("--deployer") && l.contains("--recipe")), out);
        assertTrue(out.contains("aicr mirror l|list\n"), out);
        assertTrue(out.contains("aicr skill --agent |claude-code codex\n"), out);
    }

    @Test
    void zshAndFishScripts() {
        CliRunner.Result zsh = CliRunner.run("completion", "zsh");
        assertEquals(0, zsh.exitCode());
        assertTrue(zsh.stdout().contains("bashcompinit") && zsh.stdout().contains("complete -F _complete_aicr"));
        CliRunner.Result fish = CliRunner.run("completion", "fish");
        assertEquals(0, fish.exitCode());
        assertTrue(fish.stdout().contains("complete -c aicr -n '__fish_use_subcommand' -a 'recipe'"), fish.stdout());
        assertTrue(fish.stdout().contains("-l service -r -a 'aks bcm eks gke kind lke metal3 ocp oke'"), fish.stdout());
        assertFalse(fish.stdout().contains("cds-train"));
        assertEquals(1, CliRunner.run("completion", "powershell").exitCode());
    }

    @Test
    void skillFileDescribesTheCommandTree() throws Exception {
        CliRunner.Result r = CliRunner.run("skill", "--agent", "claude-code", "--stdout");
        assertEquals(0, r.exitCode(), r.stderr());
        String s = r.stdout();
        assertTrue(s.startsWith("---\nname: aicr\ndescription: |\n"), s);
        for (String want : List.of("### `aicr recipe`", "#### `aicr recipe list`", "### `aicr serve`", "### `aicr mirror`",
                "`--accelerator ACCEL` (also `--gpu`)", "`--debug`", "`--log-json`",
                "- service: `aks`, `bcm`, `eks`", "One of `helm`".isEmpty() ? "" : "`--deployer NAME`")) {
            assertTrue(s.contains(want), "missing " + want + "\n" + s);
        }
        assertFalse(s.contains("cds-train") || s.contains("aicr skill") || s.contains("aicr completion"), s);
        assertEquals(2, CliRunner.run("skill", "--agent", "vim", "--stdout").exitCode());
        assertEquals(s, CliRunner.run("skill", "--agent", "codex", "--stdout").stdout(), "same content for both agents");
    }

    @Test
    void skillFileIsWrittenUnderHomeAndNotOverwrittenWithoutForce() throws Exception {
        Map<String, String> env = Map.of("HOME", tmp.toString());
        CliRunner.Result r = process(env, "skill", "--agent", "codex");
        assertEquals(0, r.exitCode(), r.stderr());
        Path file = tmp.resolve(".codex/skills/aicr/SKILL.md");
        assertTrue(r.stdout().contains("Skill file written to " + file), r.stdout());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Files.writeString(file, "mine");
        r = process(env, "skill", "--agent", "codex");
        assertEquals(2, r.exitCode());
        assertTrue(r.stderr().contains("already exists") && r.stderr().contains("--force"), r.stderr());
        assertEquals("mine", Files.readString(file), "left unchanged");
        assertEquals(0, process(env, "skill", "--agent", "codex", "--force").exitCode());
        assertTrue(Files.readString(file).startsWith("---\nname: aicr"));
        Path claude = tmp.resolve(".claude/skills/aicr");
        Files.createDirectories(claude);
        Files.createSymbolicLink(claude.resolve("SKILL.md"), tmp.resolve("elsewhere"));
        assertEquals(2, process(env, "skill", "--agent", "claude-code", "--force").exitCode(), "a symlink is refused");
        assertFalse(Files.exists(tmp.resolve("elsewhere")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void mirrorListWithoutHelmListsChartsAndWarns() throws Exception {
        Path emptyPath = Files.createDirectories(tmp.resolve("nohelm"));
        CliRunner.Result r = process(Map.of("PATH", emptyPath.toString()), "mirror", "list", "-r",
                BundleFixtures.GOLDEN.resolve("recipe.yaml").toString(), "-f", "json");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("helm not found on PATH"), r.stderr());
        Map<String, Object> doc = (Map<String, Object>) Values.of(JsonReader.parse(r.stdout()));
        List<Object> charts = (List<Object>) doc.get("charts");
        assertTrue(charts.stream().anyMatch(c -> ((Map<String, Object>) c).get("chart").equals("gpu-operator")), r.stdout());
        List<Object> comps = (List<Object>) doc.get("components");
        Map<String, Object> gpu = (Map<String, Object>) comps.stream()
                .filter(c -> ((Map<String, Object>) c).get("component").equals("gpu-operator")).findFirst().orElseThrow();
        assertTrue(gpu.get("warnings").toString().contains("helm binary not found"), gpu.toString());
        assertEquals(List.of("images", "charts", "components", "metadata"), new ArrayList<>(doc.keySet()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void mirrorListRendersChartsWithHelm() throws Exception {
        // a stand-in for the helm CLI: records its arguments and renders one Deployment per chart
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path log = tmp.resolve("helm-args.txt");
        Path helm = Files.writeString(bin.resolve("helm"), "#!/bin/sh\necho \"$@\" >> " + log + "\n"
                + "printf 'apiVersion: apps/v1\\nkind: Deployment\\nspec:\\n  template:\\n    spec:\\n      containers:\\n"
                + "        - image: registry.example/%s:1.0\\n' \"$3\"\n");
        Files.setPosixFilePermissions(helm, PosixFilePermissions.fromString("rwxr-xr-x"));
        CliRunner.Result r = process(Map.of("PATH", bin + File.pathSeparator + "/usr/bin:/bin"), "mirror", "list",
                "--service", "eks", "--accelerator", "h100", "--intent", "training", "--os", "ubuntu", "-f", "zarf",
                "--set", "gpuoperator:driver.enabled=false");
        assertEquals(0, r.exitCode(), r.stderr());
        Map<String, Object> zarf = Values.mapOf(YamlReader.parse(r.stdout()));
        assertEquals("ZarfPackageConfig", zarf.get("kind"));
        Map<String, Object> comp = (Map<String, Object>) ((List<Object>) zarf.get("components")).get(0);
        List<Object> images = (List<Object>) comp.get("images");
        assertTrue(images.contains("registry.example/gpu-operator:1.0"), images.toString());
        String args = Files.readString(log);
        assertTrue(args.contains("template release-gpu-operator gpu-operator --repo https://helm.ngc.nvidia.com/nvidia"), args);
        assertTrue(args.contains("--kube-version 1.32.4") && args.contains("--include-crds=false"), args);
        assertEquals(2, CliRunner.run("mirror", "list", "-r", "x.yaml", "-f", "xml").exitCode());
    }

    @Test
    void jsonLogLinesCarryModuleAndVersion() {
        CliRunner.Result r = CliRunner.run("--log-json", "recipe", "--service", "eks", "-o", "/dev/null");
        assertEquals(0, r.exitCode(), r.stderr());
        String line = r.stderr().lines().filter(l -> l.contains("recipe generation completed")).findFirst().orElseThrow();
        Map<String, Object> m = Values.mapOf(JsonReader.parse(line));
        assertEquals("aicr", m.get("module"));
        assertEquals(aicr.BuildInfo.VERSION, m.get("version"));
        assertEquals("INFO", m.get("level"));
        assertTrue(m.get("components") instanceof Double, "numbers stay numbers: " + line);
        aicr.log.Log.configure(false, false);
    }

    @Test
    void debugTellsPhasesOverlaysAndRuleSessions() {
        CliRunner.Result r = CliRunner.run("--debug", "recipe", "--service", "eks", "--accelerator", "h100", "--os", "ubuntu",
                "--intent", "training", "-o", "/dev/null");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stderr().contains("recipe phase done: phase=catalog"), r.stderr());
        assertTrue(r.stderr().contains("overlays matched: criteria=criteria(service=eks, accelerator=h100, intent=training, os=ubuntu)"
                + " applied=base, monitoring-hpa, h100-any, eks, eks-training, h100-eks-training, h100-eks-ubuntu-training"), r.stderr());
        CliRunner.Result v = CliRunner.run("--debug", "validate", "-r", RulesCliTest.RECIPE, "-s", RulesCliTest.SNAPSHOT,
                "--no-cluster", "-o", tmp.resolve("r.json").toString());
        assertTrue(v.stderr().contains("rule session fired: rules=CONSTRAINT"), v.stderr());
        aicr.log.Log.configure(false, false);
    }

    @Test
    void serveFlagsOverrideTheEnvironment() {
        ServeCommand cmd = new ServeCommand();
        new CommandLine(cmd).parseArgs("--port", "9001", "--rate-limit", "0", "--allowed-services", "eks", "--allowed-os", "");
        ServerConfig env = ServerConfig.fromEnv(Map.of("PORT", "7000", "SHUTDOWN_TIMEOUT_SECONDS", "12",
                "AICR_ALLOWED_SERVICES", "gke", "AICR_ALLOWED_OS", "ubuntu", "AICR_ALLOWED_INTENTS", "training"));
        ServerConfig c = cmd.config(env);
        assertEquals(9001, c.port());
        assertEquals(12, c.shutdownTimeout().toSeconds());
        assertFalse(c.rateLimited());
        assertEquals(List.of("eks"), c.allowLists().get(aicr.criteria.Dimension.SERVICE));
        assertEquals(List.of(), c.allowLists().get(aicr.criteria.Dimension.OS), "an empty flag clears the list");
        assertEquals(List.of("training"), c.allowLists().get(aicr.criteria.Dimension.INTENT));
        CliRunner.Result bad = CliRunner.run("serve", "--allowed-accelerators", "h900", "--port", "0");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.stderr().contains("invalid --allowed-accelerators"), bad.stderr());
    }
}
