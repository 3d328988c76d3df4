package aicr.rules;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * Compiles rule files with the executable model into plain class files. Used at build time
 * for the shipped rules and at run time (then cached) for --rules directories. A compile
 * error is traced back to the file, rule and part (when/then) that caused it, because
 * Drools reports errors against generated Java classes.
 */
final class RuleCompiler {
    private RuleCompiler() {
    }

    /**
     * Generated classes (resource name → bytes) and the names of the model classes to
     * instantiate; {@code drl} maps each rule file to the DRL it was rendered as.
     */
    record Compiled(Map<String, byte[]> classes, List<String> models, Map<String, String> drl) {
    }

    /** How many compilations ran in this JVM (tests check that the cache avoids them). */
    static final java.util.concurrent.atomic.AtomicInteger COMPILATIONS = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Checks every file with {@link SafetyCheck} first — nothing of a file is compiled, let
     * alone run, before all its code passed — then compiles them together with their guarded
     * consequences.
     */
    static Compiled compile(List<RuleFile> files, String pkg) {
        COMPILATIONS.incrementAndGet();
        Map<String, Map<String, String>> guarded = new LinkedHashMap<>();
        for (RuleFile f : files) {
            guarded.put(f.path(), SafetyCheck.check(f));
        }
        Map<String, String> drl = new LinkedHashMap<>();
        for (RuleFile f : files) {
            drl.put(f.path(), DrlRenderer.render(f, pkg, guarded.get(f.path())).text());
        }
        List<String> errors = build(drl, pkg, null);
        if (errors != null) {
            throw locate(files, pkg, errors);
        }
        return build2(drl, pkg);
    }

    private static Compiled build2(Map<String, String> drl, String pkg) {
        List<Object> out = new ArrayList<>();
        build(drl, pkg, out);
        InternalKieModule km = (InternalKieModule) out.get(0);
        Map<String, byte[]> classes = new LinkedHashMap<>();
        List<String> models = new ArrayList<>();
        for (String name : km.getFileNames()) {
            if (name.endsWith(".class") && name.startsWith(pkg.replace('.', '/') + "/")) {
                classes.put(name, km.getBytes(name));
            } else if (name.endsWith("/drools-model")) {
                for (String line : new String(km.getBytes(name), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                    line = line.strip();
                    if (!line.isEmpty() && !line.startsWith("Drools-Model-Version")) {
                        models.add(line);
                    }
                }
            }
        }
        return new Compiled(classes, models, drl);
    }

    /** Builds; returns the error texts (null when it compiled) and, if {@code sink} is given, the module. */
    private static List<String> build(Map<String, String> drl, String pkg, List<Object> sink) {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId rid = ks.newReleaseId("aicr.rules", pkg.replace('.', '-'), "1");
        kfs.generateAndWritePomXML(rid);
        int i = 0;
        for (String text : drl.values()) {
            kfs.write("src/main/resources/" + pkg.replace('.', '/') + "/r" + (i++) + ".drl", text);
        }
        KieBuilder kb = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<Message> errs = kb.getResults().getMessages(Message.Level.ERROR);
        if (!errs.isEmpty()) {
            List<String> out = new ArrayList<>();
            errs.forEach(m -> out.add(m.getText()));
            return out;
        }
        if (sink != null) {
            sink.add(kb.getKieModule());
        }
        return null;
    }

    /** Finds the first file, rule and part that fails on its own, for a one-line error. */
    private static AicrException locate(List<RuleFile> files, String pkg, List<String> allErrors) {
        for (RuleFile f : files) {
            List<String> errs = build(Map.of(f.path(), DrlRenderer.render(f, pkg)), pkg, null);
            if (errs == null) {
                continue;
            }
            for (RuleFile.RuleDef r : f.rules()) {
                List<String> one = build(Map.of(f.path(), DrlRenderer.renderOne(f, r, pkg, false)), pkg, null);
                if (one == null) {
                    continue;
                }
                boolean whenOk = build(Map.of(f.path(), DrlRenderer.renderOne(f, r, pkg, true)), pkg, null) == null;
                return RuleLoader.error(f.path(), r.field() + (whenOk ? ".then" : ".when"), "rule " + r.id() + ": "
                        + clean(one.get(0)) + " (line " + (whenOk ? r.thenLine() : r.whenLine()) + ")");
            }
            return RuleLoader.error(f.path(), "rules", clean(errs.get(0)));
        }
        return new AicrException(ErrorCode.INVALID_REQUEST,
                "rule files do not compile together: " + clean(allErrors.get(0)));
    }

    /**
     * The compiler's complaint without generated file names, line numbers or source dumps
     * (they point into generated code the rule author never wrote).
     */
    static String clean(String text) {
        String t = text.strip();
        int nl = t.indexOf('\n');
        String first = nl > 0 ? t.substring(0, nl) : t;
        // Java-compile errors of the executable model: "…LambdaConsequence….java (27:1234) : message"
        int sep = first.lastIndexOf(") : ");
        if (sep > 0 && first.contains(".java")) {
            first = first.substring(sep + 4);
        }
        first = first.replaceAll("\\[ERR \\d+\\] ", "").replaceAll("Line \\d+:\\d+ ", "");
        first = first.replaceAll("in rule \"([^\"]*)\"", "in rule $1");
        return first.strip();
    }
}
