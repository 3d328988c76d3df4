package aicr.rules;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.rules.facts.Expressions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;

/**
 * The rules of one kind, ready to run. Shipped rules were compiled at build time (see
 * {@link Precompile}) and load here by instantiating their generated model classes; nothing
 * is compiled at run time unless --rules directories are given, and then only their files
 * (checked by {@link SafetyCheck}, compiled, and cached on disk by {@link RuleCache}). A
 * --rules file whose id is the id of a shipped file replaces that file; other files add rules.
 */
public final class RuleBase {
    static final String SHIPPED = "aicr/rules/shipped/";

    private final RuleKind kind;
    private final KieBase kieBase;
    private final Map<String, RuleInfo> rules;
    private final Map<String, Index.FileEntry> files;
    private final List<String> tokens;
    private final Map<String, String> sources;
    private final RuleSet ruleSet;

    private RuleBase(RuleKind kind, KieBase kieBase, List<RuleInfo> rules, List<Index.FileEntry> files,
                     Map<String, String> sources, Index shipped) {
        this.kind = kind;
        this.kieBase = kieBase;
        this.rules = new LinkedHashMap<>();
        rules.forEach(r -> this.rules.put(r.id(), r));
        this.files = new LinkedHashMap<>();
        files.forEach(f -> this.files.put(f.id(), f));
        Set<String> t = new HashSet<>();
        files.forEach(f -> t.addAll(f.operators()));
        this.tokens = Expressions.order(t);
        this.sources = sources;
        this.ruleSet = ruleSet(kind, files, shipped);
    }

    /** What is in effect; the digests come from the indexes unless --rules files are in effect. */
    private static RuleSet ruleSet(RuleKind kind, List<Index.FileEntry> files, Index shipped) {
        List<Index.FileEntry> own = shipped == null ? List.of() : shipped.files();
        String shippedDigest = shipped == null ? Index.digestOf(List.of()) : shipped.digest();
        Set<String> shippedIds = new HashSet<>();
        own.forEach(f -> shippedIds.add(f.id()));
        List<String> added = new ArrayList<>();
        List<String> replaced = new ArrayList<>();
        for (Index.FileEntry f : files) {
            if (!f.shipped()) {
                (shippedIds.contains(f.id()) ? replaced : added).add(f.id());
            }
        }
        added.sort(null);
        replaced.sort(null);
        boolean onlyShipped = shipped != null && files.equals(own);
        List<String> names = files.stream().map(Index.FileEntry::path).sorted().toList();
        return new RuleSet(kind, onlyShipped ? shippedDigest : Index.digestOf(files), shippedDigest, names, added, replaced);
    }

    /** The shipped rules of {@code kind}, compiled into the application at build time. */
    public static RuleBase shipped(RuleKind kind) {
        Index index = shippedIndex(kind);
        List<Model> models = instantiate(index.models(), RuleBase.class.getClassLoader());
        return new RuleBase(kind, build(models), index.rules(), index.files(), Map.of(), index);
    }

    /** The shipped rules of {@code kind} as listed in the build's index (no rule engine is started). */
    public static List<RuleInfo> shippedRules(RuleKind kind) {
        return shippedIndex(kind).rules();
    }

    /** The digest of the shipped rule files of {@code kind} (from the build's index; nothing is compiled). */
    public static String shippedDigest(RuleKind kind) {
        return shippedIndex(kind).digest();
    }

    /** Rules compiled now from {@code files} alone (no shipped rules): {@code aicr rules test DIR}, tests. */
    public static RuleBase compile(RuleKind kind, List<RuleFile> files) {
        List<RuleFile> mine = files.stream().filter(f -> f.kind() == kind).toList();
        checkUnique(mine);
        RuleCompiler.Compiled c = RuleCompiler.compile(mine, kind.userDrlPackage());
        Index index = Index.of(mine, c.models(), false);
        List<Model> models = instantiate(c.models(), new BytesClassLoader(c.classes(), RuleBase.class.getClassLoader()));
        return new RuleBase(kind, build(models), index.rules(), index.files(), sourcesOf(mine), null);
    }

    /** As {@link #withDirectories} with one directory. */
    public static RuleBase withDirectory(RuleKind kind, Path dir, RuleCache cache) {
        return withDirectories(kind, List.of(dir), cache);
    }

    /**
     * Shipped rules plus the files of {@code dirs} (of this kind), in order: a file adds rules,
     * or replaces a shipped file (or a file of an earlier directory) with the same id. The
     * compiled files come from {@code cache} when unchanged. No directories: the shipped rules.
     */
    public static RuleBase withDirectories(RuleKind kind, List<Path> dirs, RuleCache cache) {
        if (dirs == null || dirs.isEmpty()) {
            return shipped(kind);
        }
        Index shipped = shippedIndex(kind);
        RuleCache.Module user = cache.load(kind, dirs);
        Set<String> replaced = new HashSet<>();
        for (Index.FileEntry f : user.index().files()) {
            replaced.add(f.id());
        }
        Set<String> dropped = new HashSet<>();
        List<RuleInfo> rules = new ArrayList<>();
        List<Index.FileEntry> files = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (Index.FileEntry f : shipped.files()) {
            if (!replaced.contains(f.id())) {
                files.add(f);
                names.put(f.path(), f.id());
            }
        }
        for (Index.FileEntry f : user.index().files()) {
            String other = names.put(f.path(), f.id());
            if (other != null) {
                throw RuleLoader.error(f.path(), "id", "has the name of the shipped file of " + other
                        + "; rename it (or give it the id " + other + " to replace that file)");
            }
        }
        Map<String, RuleInfo> kept = new HashMap<>();
        for (RuleInfo r : shipped.rules()) {
            if (replaced.contains(r.fileId())) {
                dropped.add(r.id());
            } else {
                rules.add(r);
                kept.put(r.id(), r);
            }
        }
        for (RuleInfo r : user.index().rules()) {
            RuleInfo clash = kept.get(r.id());
            if (clash != null) {
                throw RuleLoader.error(r.file(), "rules", "rule id \"" + r.id() + "\" already exists in " + clash.file()
                        + " (give this file the id \"" + clash.fileId() + "\" to replace that file)");
            }
            rules.add(r);
        }
        files.addAll(user.index().files());
        List<Model> models = new ArrayList<>();
        for (Model m : instantiate(shipped.models(), RuleBase.class.getClassLoader())) {
            models.add(dropped.isEmpty() ? m : new FilteredModel(m, dropped));
        }
        models.addAll(instantiate(user.index().models(), user.loader()));
        return new RuleBase(kind, build(models), rules, files, user.sources(), shipped);
    }

    public RuleKind kind() {
        return kind;
    }

    /** Every rule, shipped first, in file order. */
    public List<RuleInfo> rules() {
        return List.copyOf(rules.values());
    }

    /** The rule with that id (rule ids are the DRL rule names), or null. */
    public RuleInfo rule(String id) {
        return rules.get(id);
    }

    /** Operator tokens declared by the rule files, longest first (for {@link Expressions#split}). */
    public List<String> operatorTokens() {
        return tokens;
    }

    /** The reference text of a rule file, by file id. */
    public String reference(String fileId) {
        Index.FileEntry f = files.get(fileId);
        return f == null ? null : f.reference();
    }

    /** The text of a rule file, by its path as reported ({@code rules/constraints/x.yaml}); null if unknown. */
    public String source(String file) {
        String s = sources.get(file);
        if (s != null) {
            return s;
        }
        if (!file.startsWith("rules/")) {
            return null;
        }
        try (InputStream in = RuleBase.class.getClassLoader().getResourceAsStream("aicr/" + file)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    /** The rule files in effect and their digest (what reports pin). */
    public RuleSet ruleSet() {
        return ruleSet;
    }

    /** File ids in effect, in order (shipped first). */
    public List<String> fileIds() {
        return List.copyOf(files.keySet());
    }

    /** A rule file in effect, by file id; null if unknown. */
    Index.FileEntry fileEntry(String fileId) {
        return files.get(fileId);
    }

    /** The path of a rule file in effect, by file id; null if unknown. */
    public String filePath(String fileId) {
        Index.FileEntry f = files.get(fileId);
        return f == null ? null : f.path();
    }

    /** Registry functions implemented by the files in effect ({@code implements:}, bundle-check kind). */
    public Set<String> implementedFunctions() {
        Set<String> out = new java.util.TreeSet<>();
        files.values().forEach(f -> out.addAll(f.implemented()));
        return out;
    }

    /** A session with the default {@link Limits}. */
    public Session newSession() {
        return new Session(this, Limits.DEFAULT);
    }

    public Session newSession(Limits limits) {
        return new Session(this, limits);
    }

    KieBase kieBase() {
        return kieBase;
    }

    static Index shippedIndex(RuleKind kind) {
        try (InputStream in = RuleBase.class.getClassLoader().getResourceAsStream(SHIPPED + kind.id() + ".index")) {
            if (in == null) {
                throw new AicrException(ErrorCode.INTERNAL, "shipped " + kind.id()
                        + " rules are missing from this build (the rules precompile step did not run)");
            }
            return Index.read(in.readAllBytes());
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INTERNAL, "cannot read the shipped rule index", e);
        }
    }

    static Map<String, String> sourcesOf(Collection<RuleFile> files) {
        Map<String, String> out = new HashMap<>();
        files.forEach(f -> out.put(f.path(), f.source()));
        return out;
    }

    static void checkUnique(List<RuleFile> files) {
        Map<String, String> fileIds = new HashMap<>();
        Map<String, String> ruleIds = new HashMap<>();
        for (RuleFile f : files) {
            String prior = fileIds.putIfAbsent(f.id(), f.path());
            if (prior != null) {
                throw RuleLoader.error(f.path(), "id", "\"" + f.id() + "\" is also the id of " + prior);
            }
            for (RuleFile.RuleDef r : f.rules()) {
                String p = ruleIds.putIfAbsent(r.id(), f.path());
                if (p != null) {
                    throw RuleLoader.error(f.path(), r.field() + ".id", "\"" + r.id() + "\" is also a rule id in " + p);
                }
            }
        }
    }

    private static List<Model> instantiate(List<String> names, ClassLoader loader) {
        List<Model> out = new ArrayList<>();
        for (String n : names) {
            try {
                out.add((Model) Class.forName(n, true, loader).getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new AicrException(ErrorCode.INTERNAL, "cannot load compiled rules " + n, e);
            }
        }
        return out;
    }

    /** Consequences that throw are recorded by the session, not fatal to it (see {@link Session}). */
    private static KieBase build(List<Model> models) {
        return KieBaseBuilder.createKieBaseFromModel(models,
                org.kie.internal.conf.ConsequenceExceptionHandlerOption.get(Session.RecordingHandler.class));
    }
}
