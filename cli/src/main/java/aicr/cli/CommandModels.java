package aicr.cli;

import picocli.CommandLine;

/**
 * Builds the picocli model of the root command and of one subcommand at a time.
 *
 * <p>At run time the implementation is {@code GeneratedCommandModels}, Java code written at
 * build time by {@link CommandModelGenerator} from the annotations: it builds the same model
 * through picocli's programmatic API, so a call pays for no annotation scanning, reflection or
 * dynamic proxies (the largest part of a CLI call's start-up before it). The annotations stay
 * the single source of truth: a new command or option needs no other change.
 */
interface CommandModels {
    /** The root command ({@code aicr}) without subcommands. */
    CommandLine root();

    /** The named subcommand of {@link AicrCommand#ORDER}, with its own subcommands. */
    CommandLine subcommand(String name);

    /** The generated models; the annotations read at run time when the build has not generated them (IDE runs). */
    static CommandModels get() {
        try {
            return (CommandModels) Class.forName("aicr.cli.GeneratedCommandModels").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return REFLECTIVE;
        }
    }

    /** The models picocli builds from the annotations at run time (and the generator's input). */
    CommandModels REFLECTIVE = new CommandModels() {
        @Override
        public CommandLine root() {
            return new CommandLine(new AicrCommand());
        }

        @Override
        public CommandLine subcommand(String name) {
            return new CommandLine(AicrCommand.SUBCOMMANDS.get(name).get());
        }
    };
}
