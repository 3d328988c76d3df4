package aicr.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The model the build generates from the annotations (GeneratedCommandModels) is the model
 * picocli reads from them at run time: same commands, options, help text, and the same fields
 * receive the parsed values.
 */
class GeneratedCommandModelsTest {
    private static final CommandModels GENERATED = CommandModels.get();

    @Test
    void theBuildGeneratedTheModels() {
        assertEquals("aicr.cli.GeneratedCommandModels", GENERATED.getClass().getName());
    }

    @Test
    void rootMatchesTheAnnotations() {
        assertSame(CommandModels.REFLECTIVE.root(), GENERATED.root());
    }

    @Test
    void everySubcommandMatchesTheAnnotations() {
        for (String name : AicrCommand.ORDER) {
            CommandLine reflective = CommandModels.REFLECTIVE.root();
            reflective.addSubcommand(name, CommandModels.REFLECTIVE.subcommand(name));
            CommandLine generated = GENERATED.root();
            generated.addSubcommand(name, GENERATED.subcommand(name));
            assertSame(reflective.getSubcommands().get(name), generated.getSubcommands().get(name));
        }
    }

    /** Main leaves picocli's java.sql and java.time converters out: no option may need one. */
    @Test
    void noOptionNeedsAnExcludedConverter() {
        List<String> offending = new ArrayList<>();
        List<CommandLine> todo = new ArrayList<>(List.of(Main.tree(null)));
        while (!todo.isEmpty()) {
            CommandLine cl = todo.remove(0);
            todo.addAll(cl.getSubcommands().values());
            for (ArgSpec a : cl.getCommandSpec().args()) {
                List<Class<?>> types = new ArrayList<>(List.of(a.type()));
                types.addAll(Arrays.asList(a.auxiliaryTypes()));
                for (Class<?> t : types) {
                    for (String regex : Main.CONVERTER_EXCLUDES.split(",")) {
                        if (t.getName().matches(regex)) {
                            offending.add(cl.getCommandSpec().qualifiedName() + " " + a.paramLabel() + ": " + t.getName());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), offending, "give these options a converter, or narrow Main.CONVERTER_EXCLUDES");
        assertEquals(Main.CONVERTER_EXCLUDES, System.getProperty("picocli.converters.excludes"));
    }

    @Test
    void theWholeTreeHelpIsTheSame() {
        assertEquals(Main.tree(null).getUsageMessage(CommandLine.Help.Ansi.OFF), reflectiveTree().getUsageMessage(CommandLine.Help.Ansi.OFF));
    }

    /** Every option given once: the values land in the fields the annotations name. */
    @Test
    void parsedValuesReachTheAnnotatedFields() throws Exception {
        for (String name : AicrCommand.ORDER) {
            parseEverything(GENERATED.subcommand(name));
        }
    }

    private static CommandLine reflectiveTree() {
        CommandLine root = CommandModels.REFLECTIVE.root();
        for (String name : AicrCommand.ORDER) {
            root.addSubcommand(name, CommandModels.REFLECTIVE.subcommand(name));
        }
        return root;
    }

    private static void parseEverything(CommandLine generated) throws Exception {
        CommandSpec spec = generated.getCommandSpec();
        List<String> args = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            args.add(o.longestName());
            if (o.arity().min > 0) {
                args.add(sample(o));
            }
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            if (p.arity().max > 0) {
                args.add(sample(p));
            }
        }
        generated.parseArgs(args.toArray(String[]::new));
        // picocli's own reading of the same object: what the fields now hold
        Object user = spec.userObject();
        CommandSpec readBack = CommandSpec.forAnnotatedObject(user);
        for (ArgSpec a : readBack.args()) {
            if (!(a.userObject() instanceof Field) || a.inherited() || (a instanceof OptionSpec o && (o.usageHelp() || o.versionHelp()))) {
                continue;
            }
            ArgSpec mine = a instanceof OptionSpec o ? spec.findOption(o.longestName()) : spec.positionalParameters().get(
                    readBack.positionalParameters().indexOf(a));
            assertNotNull(mine, spec.qualifiedName() + " " + a);
            Object value = a.getValue();
            assertEquals(String.valueOf((Object) mine.getValue()), String.valueOf(value), spec.qualifiedName() + " " + a);
            if (a.typeInfo().isMultiValue()) {
                assertEquals(true, value instanceof List || value.getClass().isArray(), spec.qualifiedName() + " " + a);
            } else if (a.type() != boolean.class && a.type() != Boolean.class) {
                assertEquals(sample(a), value instanceof java.nio.file.Path p ? p.toString() : String.valueOf(value),
                        spec.qualifiedName() + " " + a);
            }
        }
        for (CommandLine sub : generated.getSubcommands().values()) {
            parseEverything(sub);
        }
    }

    private static String sample(ArgSpec a) {
        Class<?> t = a.typeInfo().isMultiValue() ? a.auxiliaryTypes()[0] : a.type();
        if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            return "7.0";
        }
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            return "7";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "true";
        }
        if (t.isEnum()) {
            return t.getEnumConstants()[0].toString();
        }
        return "v";
    }

    private static void assertSame(CommandLine reflective, CommandLine generated) {
        assertEquals(describe(reflective), describe(generated));
        assertEquals(reflective.getUsageMessage(CommandLine.Help.Ansi.OFF), generated.getUsageMessage(CommandLine.Help.Ansi.OFF));
    }

    /**
     * Everything of a model that parsing, help and our commands (completion, skill) read. The
     * generated model adds a mixin's options to the command directly, so of the mixins only
     * picocli's standard help mixin is registered by name (nothing reads the others' names).
     */
    private static String describe(CommandLine cl) {
        CommandSpec s = cl.getCommandSpec();
        UsageMessageSpec u = s.usageMessage();
        StringBuilder head = new StringBuilder();
        head.append("command ").append(s.qualifiedName()).append(" aliases=").append(Arrays.toString(s.aliases()))
                .append(" version=").append(Arrays.toString(s.version())).append(" mixins=").append(s.mixins().keySet().stream().filter(k -> k.equals("mixinStandardHelpOptions")).toList())
                .append(" standardHelp=").append(s.mixinStandardHelpOptions()).append(" helpCommand=").append(s.helpCommand())
                .append(" user=").append(s.userObject().getClass().getName()).append(" scope=").append(s.scopeType())
                .append(" exit=").append(s.exitCodeOnSuccess()).append(s.exitCodeOnUsageHelp()).append(s.exitCodeOnVersionHelp())
                .append(s.exitCodeOnInvalidInput()).append(s.exitCodeOnExecutionException())
                .append(" hidden=").append(u.hidden()).append(" header=").append(Arrays.toString(u.header()))
                .append(" description=").append(Arrays.toString(u.description())).append(" footer=").append(Arrays.toString(u.footer()))
                .append(" synopsis=").append(Arrays.toString(u.customSynopsis())).append(" sort=").append(u.sortOptions())
                .append(" showDefaults=").append(u.showDefaultValues()).append('\n');
        // sorted: picocli reads options declared on methods in the order reflection lists them,
        // which the JVM does not fix (the generated model keeps the build's order)
        List<String> args = new ArrayList<>();
        for (ArgSpec a : s.args()) {
            StringBuilder b = new StringBuilder();
            b.append("  ").append(a.isOption() ? "option " + Arrays.toString(((OptionSpec) a).names()) : "positional "
                    + ((PositionalParamSpec) a).index()).append(' ').append(a).append(" type=").append(a.type().getName())
                    .append(" aux=").append(Arrays.stream(a.auxiliaryTypes()).map(Class::getName).collect(Collectors.toList()))
                    .append(" arity=").append(a.arity()).append(" required=").append(a.required()).append(" hidden=").append(a.hidden())
                    .append(" label=").append(a.paramLabel()).append(" description=").append(Arrays.toString(a.description()))
                    .append(" default=").append(a.defaultValue()).append(" initial=").append(a.hasInitialValue()).append(':')
                    .append((Object) a.initialValue()).append(" scope=").append(a.scopeType()).append(" inherited=").append(a.inherited())
                    .append(" split=").append(a.splitRegex()).append(" showDefault=").append(a.showDefaultValue())
                    .append(" candidates=").append(a.completionCandidates() == null ? null
                            : StreamSupport.stream(a.completionCandidates().spliterator(), false).collect(Collectors.toList()));
            if (a instanceof OptionSpec o) {
                b.append(" fallback=").append(o.fallbackValue()).append(" negatable=").append(o.negatable()).append(" order=")
                        .append(o.order()).append(" help=").append(o.help()).append(o.usageHelp()).append(o.versionHelp());
            }
            args.add(b.append('\n').toString());
        }
        args.stream().sorted().forEach(head::append);
        Map<String, String> subs = new TreeMap<>();
        cl.getSubcommands().forEach((name, sub) -> subs.put(name, describe(sub)));
        subs.values().forEach(head::append);
        return head.toString();
    }
}
