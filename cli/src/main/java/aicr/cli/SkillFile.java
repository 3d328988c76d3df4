package aicr.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The agent skill document, generated from the picocli model so that it always describes the
 * commands and flags of this build: front matter, a command reference (every visible command,
 * its arguments and flags, with value sets where a flag has one), then short guidance on
 * criteria, formats, the pipeline, exit codes and habits that keep an agent out of trouble.
 */
final class SkillFile {
    private SkillFile() {
    }

    /** Commands about the tool itself, not about clusters: not described to the agent. */
    private static final Set<String> LEFT_OUT = Set.of("skill", "completion", "cds-train");

    static String render(CommandSpec root, String version) {
        StringBuilder b = new StringBuilder();
        b.append("---\n")
                .append("name: aicr\n")
                .append("description: |\n")
                .append("  Drive the aicr CLI (AI Cluster Runtime, Java edition) to turn a GPU Kubernetes cluster\n")
                .append("  description into validated configuration: resolve recipes, query values, check a recipe\n")
                .append("  against a cluster snapshot, generate Helm/Argo CD/Flux/Helmfile bundles, list images\n")
                .append("  for air-gapped mirrors, or run the HTTP API. aicr reads inputs and writes files; it never\n")
                .append("  deploys to a cluster.\n")
                .append("user_invocable: true\n")
                .append("---\n\n");
        b.append("# aicr CLI (").append(version).append(")\n\n");
        b.append("## First\n\n")
                .append("Confirm which build is on the PATH, and ask it for details whenever this file is not enough:\n\n")
                .append("```bash\naicr --version\naicr <command> --help\n```\n\n");
        b.append("## Command reference\n\n");
        List<OptionSpec> global = visible(root.options());
        if (!global.isEmpty()) {
            b.append("### Global flags\n\nThese work with every command:\n\n");
            global.forEach(o -> flag(b, o));
            b.append('\n');
        }
        for (var e : root.subcommands().entrySet()) {
            CommandSpec c = e.getValue().getCommandSpec();
            if (!LEFT_OUT.contains(e.getKey()) && !c.usageMessage().hidden() && e.getKey().equals(c.name())) {
                command(b, "aicr", c, 3);
            }
        }
        criteria(b, root);
        b.append("## Output\n\n")
                .append("Documents go to stdout (or `-o FILE`); logs go to stderr, so stdout can be piped. Prefer\n")
                .append("`-t json` when you will parse a result, e.g.\n\n")
                .append("```bash\naicr recipe --service eks --accelerator h100 --intent training --os ubuntu -t json \\\n")
                .append("  | jq -r '.componentRefs[].name'\n```\n\n")
                .append("YAML is the default format. `--log-json` turns the stderr logs into one JSON object per line.\n\n");
        b.append("## Typical work\n\n")
                .append("Recipe, then bundle:\n\n")
                .append("```bash\naicr recipe --service eks --accelerator h100 --intent training --os ubuntu -o recipe.yaml\n")
                .append("aicr bundle -r recipe.yaml -o ./bundle                 # Helm folders + deploy.sh\n")
                .append("aicr bundle -r recipe.yaml -d argocd --repo https://git.example/gitops.git -o ./gitops\n```\n\n")
                .append("One value of the resolved recipe:\n\n")
                .append("```bash\naicr query --service eks --accelerator h100 --intent training --os ubuntu \\\n")
                .append("  --selector components.gpu-operator.values.driver.version\n```\n\n")
                .append("Check a recipe against a captured snapshot without a cluster:\n\n")
                .append("```bash\naicr validate -r recipe.yaml -s snapshot.yaml --no-cluster\n```\n\n")
                .append("Images and charts to mirror for an air-gapped site:\n\n")
                .append("```bash\naicr mirror list -r recipe.yaml --format hauler > hauler.yaml\n```\n\n");
        b.append("## When a command fails\n\n")
                .append("- Exit 0 is success. 1: flag syntax; 2: invalid request (bad value, incoherent recipe);\n")
                .append("  3: not found (file, selector); 5: timeout; 6: unavailable; 8: internal.\n")
                .append("- The last stderr line names the problem: `command failed: error=[CODE] message`.\n")
                .append("- An unknown criteria value is rejected; the valid ones are listed above and in `--help`.\n")
                .append("- Re-run with `--debug` to see phase timings, the overlays that matched and the rule sessions.\n\n");
        b.append("## Habits\n\n")
                .append("- Never guess criteria values; take them from the lists above or from `aicr recipe list`.\n")
                .append("- Write outputs to files with `-o` rather than redirecting mixed streams.\n")
                .append("- Bundles are written atomically: on failure nothing is left behind, so simply re-run.\n")
                .append("- aicr does not deploy; hand the generated bundle to the user's Helm, Argo CD or Flux.\n");
        return b.toString();
    }

    private static void command(StringBuilder b, String parent, CommandSpec c, int depth) {
        String full = parent + " " + c.name();
        StringBuilder head = new StringBuilder(full);
        for (PositionalParamSpec p : c.positionalParameters()) {
            if (!p.hidden()) {
                head.append(' ').append(p.paramLabel());
            }
        }
        b.append("#".repeat(Math.min(depth, 6))).append(" `").append(head).append("`\n\n");
        String[] desc = c.usageMessage().description();
        if (desc.length > 0) {
            b.append(normalize(String.join(" ", desc))).append("\n\n");
        }
        List<OptionSpec> opts = visible(c.options());
        if (!opts.isEmpty()) {
            b.append("Flags:\n\n");
            opts.forEach(o -> flag(b, o));
            b.append('\n');
        }
        for (var e : c.subcommands().entrySet()) {
            CommandSpec sub = e.getValue().getCommandSpec();
            if (!sub.usageMessage().hidden() && e.getKey().equals(sub.name())) {
                command(b, full, sub, depth + 1);
            }
        }
    }

    private static List<OptionSpec> visible(List<OptionSpec> options) {
        List<OptionSpec> out = new ArrayList<>();
        for (OptionSpec o : options) {
            if (!o.hidden() && !o.usageHelp() && !o.versionHelp()) {
                out.add(o);
            }
        }
        return out;
    }

    private static void flag(StringBuilder b, OptionSpec o) {
        String[] names = o.names();
        String longest = o.longestName();
        b.append("- `").append(longest);
        if (o.arity().max() > 0) {
            b.append(' ').append(o.paramLabel());
        }
        b.append('`');
        List<String> aliases = new ArrayList<>();
        for (String n : names) {
            if (!n.equals(longest)) {
                aliases.add("`" + n + "`");
            }
        }
        if (!aliases.isEmpty()) {
            b.append(" (also ").append(String.join(", ", aliases)).append(')');
        }
        String desc = normalize(String.join(" ", o.description()));
        if (!desc.isEmpty()) {
            b.append(": ").append(desc);
        }
        if (o.required()) {
            b.append(" Required.");
        }
        if (o.isMultiValue()) {
            b.append(" Repeatable.");
        }
        List<String> values = candidates(o);
        if (!values.isEmpty()) {
            b.append(" One of `").append(String.join("`, `", values)).append("`.");
        }
        b.append('\n');
    }

    private static List<String> candidates(OptionSpec o) {
        List<String> values = new ArrayList<>();
        if (o.completionCandidates() != null) {
            o.completionCandidates().forEach(values::add);
        }
        return values;
    }

    /** The criteria flags of {@code aicr recipe} with their value sets. */
    private static void criteria(StringBuilder b, CommandSpec root) {
        var recipe = root.subcommands().get("recipe");
        if (recipe == null) {
            return;
        }
        List<String> lines = new ArrayList<>();
        for (String name : List.of("--service", "--accelerator", "--intent", "--os", "--platform")) {
            OptionSpec o = recipe.getCommandSpec().findOption(name);
            if (o != null && !candidates(o).isEmpty()) {
                lines.add("- " + name.substring(2) + ": `" + String.join("`, `", candidates(o)) + "`");
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        b.append("## Criteria values\n\n")
                .append("A recipe is selected by these dimensions; leave one out to mean \"any\":\n\n");
        lines.forEach(l -> b.append(l).append('\n'));
        b.append('\n');
    }

    private static String normalize(String s) {
        return String.join(" ", s.trim().split("\\s+")).replace("${DEFAULT-VALUE}", "default");
    }
}
