package aicr.cli;

import aicr.BuildInfo;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code aicr skill}: writes a coding agent's skill file describing this CLI, generated from
 * the live command tree ({@link SkillFile}), to the agent's skills directory under the home
 * directory, or prints it.
 */
@Command(name = "skill", mixinStandardHelpOptions = true,
        description = {"Generate a skill file that teaches a coding agent how to use aicr.",
                "It is written to the agent's skills directory (claude-code: ~/.claude/skills/aicr/SKILL.md,",
                "codex: ~/.codex/skills/aicr/SKILL.md). An existing file is replaced only after confirmation",
                "on a terminal, or with --force."},
        footer = {"", "Examples:", "  aicr skill --agent claude-code", "  aicr skill --agent codex --force",
                "  aicr skill --agent claude-code --stdout > SKILL.md"})
final class SkillCommand implements java.util.concurrent.Callable<Integer> {
    enum Agent {
        CLAUDE_CODE("claude-code", ".claude/skills/aicr/SKILL.md"), CODEX("codex", ".codex/skills/aicr/SKILL.md");

        final String id;
        final String relPath;

        Agent(String id, String relPath) {
            this.id = id;
            this.relPath = relPath;
        }

        static Agent parse(String s) {
            for (Agent a : values()) {
                if (a.id.equals(s)) {
                    return a;
                }
            }
            throw new AicrException(ErrorCode.INVALID_REQUEST, "unsupported agent type \"" + s
                    + "\": must be one of [claude-code codex]");
        }
    }

    static final class Agents implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.List.of("claude-code", "codex").iterator();
        }
    }

    @Option(names = "--agent", required = true, paramLabel = "AGENT", completionCandidates = Agents.class,
            description = "Target coding agent: claude-code or codex.")
    String agent;

    @Option(names = "--stdout", description = "Print the skill file instead of writing it.")
    boolean stdout;

    @Option(names = "--force", description = "Replace an existing skill file without asking.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Agent a = Agent.parse(agent);
        Log.info("generating skill file", "agent", a.id);
        String content = SkillFile.render(spec.root(), BuildInfo.VERSION);
        if (stdout) {
            Streams.out().print(content);
            Streams.out().flush();
            return 0;
        }
        Path path = home().resolve(a.relPath);
        if (Files.isSymbolicLink(path)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "refusing to overwrite symlink at skill path " + path);
        }
        if (!force && Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            java.io.Console console = System.console();
            if (console == null) {
                throw new AicrException(ErrorCode.INVALID_REQUEST,
                        "skill file already exists: " + path + " (use --force to overwrite, or remove it first)");
            }
            String answer = console.readLine("skill file already exists: %s%noverwrite? [y/N]: ", path);
            if (answer == null || !(answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"))) {
                Streams.out().println("Aborted; " + path + " left unchanged.");
                return 0;
            }
        }
        write(path, content);
        Streams.out().println("Skill file written to " + path);
        return 0;
    }

    /** $HOME first (as the reference's os.UserHomeDir), else the JVM's idea of it. */
    static Path home() {
        String h = System.getenv("HOME");
        return Path.of(h != null && !h.isEmpty() ? h : System.getProperty("user.home"));
    }

    /** Atomic replace through a private temporary file beside the target. */
    private static void write(Path path, String content) {
        try {
            Files.createDirectories(path.getParent());
            Path tmp = Files.createTempFile(path.getParent(), ".skill-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to write skill file " + path, e);
        }
    }
}
