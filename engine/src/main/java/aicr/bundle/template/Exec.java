package aicr.bundle.template;

import aicr.bundle.template.Funcs.Func;
import aicr.bundle.template.Funcs.FuncError;
import aicr.bundle.template.Funcs.Param;
import aicr.bundle.template.Node.ActionNode;
import aicr.bundle.template.Node.BoolNode;
import aicr.bundle.template.Node.BranchKind;
import aicr.bundle.template.Node.BranchNode;
import aicr.bundle.template.Node.BreakNode;
import aicr.bundle.template.Node.ChainNode;
import aicr.bundle.template.Node.CommandNode;
import aicr.bundle.template.Node.ContinueNode;
import aicr.bundle.template.Node.DotNode;
import aicr.bundle.template.Node.FieldNode;
import aicr.bundle.template.Node.IdentifierNode;
import aicr.bundle.template.Node.ListNode;
import aicr.bundle.template.Node.NilNode;
import aicr.bundle.template.Node.NumberNode;
import aicr.bundle.template.Node.PipeNode;
import aicr.bundle.template.Node.StringNode;
import aicr.bundle.template.Node.TemplateNode;
import aicr.bundle.template.Node.TextNode;
import aicr.bundle.template.Node.VariableNode;
import aicr.gocompat.GoStrconv;
import aicr.gocompat.GoStrings;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Executes a parse tree with Go text/template semantics.
 *
 * <p>Values are plain Java objects, with two conventions that stand for distinctions Go makes
 * through reflection: {@code null} is an invalid reflect.Value ("no value", printed as
 * {@code <no value>}), and {@link Iface} marks a value read out of a map or list, whose static
 * type is {@code interface {}}. The wrapper matters for error messages
 * ({@code can't evaluate field x in type interface {}}) and for a key that is present with a nil
 * value ({@code nil pointer evaluating interface {}.x}). A pipeline's result is always unwrapped,
 * as Go does.
 */
final class Exec {

    /** A value held in an interface{}: an element of a map or list. value may be null (nil interface). */
    record Iface(Object value) {
    }

    /** Go's missingVal: "no final argument from a previous pipeline command". */
    static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<missing>";
        }
    };

    /** Go allows 100000 nested template calls; a Java stack runs out well before that. */
    private static final int MAX_EXEC_DEPTH = 1000;

    /**
     * Most characters one execution may produce (64 Mi). Templates come from users too
     * ({@code aicr snapshot --template}): ten levels of templates each calling the next ten times
     * would otherwise build text until memory ran out.
     */
    static final int MAX_OUTPUT = 64 * 1024 * 1024;

    private static final class ControlFlow extends RuntimeException {
        ControlFlow() {
            super(null, null, false, false);
        }
    }

    private static final ControlFlow BREAK = new ControlFlow();
    private static final ControlFlow CONTINUE = new ControlFlow();

    private final Map<String, ListNode> templates;
    private final String text;
    private final String parseName;
    private final String tmplName;
    private final StringBuilder out;
    private final int depth;
    private Node node;
    private final List<String> varNames = new ArrayList<>();
    private final List<Object> varValues = new ArrayList<>();

    private Exec(Map<String, ListNode> templates, String text, String parseName, String tmplName,
                 StringBuilder out, int depth) {
        this.templates = templates;
        this.text = text;
        this.parseName = parseName;
        this.tmplName = tmplName;
        this.out = out;
        this.depth = depth;
    }

    static void execute(Map<String, ListNode> templates, String text, String name, Object data, StringBuilder out) {
        Exec s = new Exec(templates, text, name, name, out, 0);
        s.push("$", data);
        ListNode root = templates.get(name);
        if (root == null) {
            throw s.errorf(GoStrings.quote(name) + " is an incomplete or empty template");
        }
        try {
            s.walk(data, root);
        } catch (StackOverflowError e) {
            throw s.errorf("exceeded maximum template depth (100000)");
        }
    }

    // ---------------------------------------------------------------- errors and variables

    private TemplateException errorf(String msg) {
        String full;
        if (node == null) {
            full = "template: " + tmplName + ": " + msg;
        } else {
            full = "template: " + location(node.pos()) + ": executing " + GoStrings.quote(tmplName) + " at <" + node
                    + ">: " + msg;
        }
        return new TemplateException(TemplateException.Kind.EXECUTE, full);
    }

    /** name:line:col, the column being a byte offset within the line, as Go's ErrorContext. */
    private String location(int pos) {
        int lineStart = text.lastIndexOf('\n', pos - 1) + 1;
        int line = 1;
        for (int i = 0; i < lineStart; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        int col = lineStart == 0 ? GoStrconv.utf8Length(text.subSequence(0, pos))
                : GoStrconv.utf8Length(text.subSequence(lineStart, pos));
        return parseName + ":" + line + ":" + col;
    }

    private void at(Node n) {
        node = n;
    }

    private void push(String name, Object value) {
        varNames.add(name);
        varValues.add(value);
    }

    private int mark() {
        return varNames.size();
    }

    private void pop(int mark) {
        for (int i = varNames.size() - 1; i >= mark; i--) {
            varNames.remove(i);
            varValues.remove(i);
        }
    }

    private void setVar(String name, Object value) {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(name)) {
                varValues.set(i, value);
                return;
            }
        }
        throw errorf("undefined variable: " + name);
    }

    private void setTopVar(int n, Object value) {
        varValues.set(varValues.size() - n, value);
    }

    private Object varValue(String name) {
        for (int i = varNames.size() - 1; i >= 0; i--) {
            if (varNames.get(i).equals(name)) {
                return varValues.get(i);
            }
        }
        throw errorf("undefined variable: " + name);
    }

    // ---------------------------------------------------------------- walking

    private void walk(Object dot, Node n) {
        at(n);
        if (n instanceof TextNode t) {
            emit(t.text());
        } else if (n instanceof ActionNode a) {
            // declarations are not printed; the variables live until the enclosing end
            Object val = evalPipeline(dot, a.pipe());
            if (a.pipe().decl().isEmpty()) {
                printValue(a, val);
            }
        } else if (n instanceof ListNode l) {
            for (Node c : l.nodes()) {
                walk(dot, c);
            }
        } else if (n instanceof BranchNode b) {
            if (b.kind() == BranchKind.RANGE) {
                walkRange(dot, b);
            } else {
                walkIfOrWith(b, dot);
            }
        } else if (n instanceof TemplateNode t) {
            walkTemplate(dot, t);
        } else if (n instanceof BreakNode) {
            throw BREAK;
        } else if (n instanceof ContinueNode) {
            throw CONTINUE;
        } else {
            throw errorf("unknown node: " + n);
        }
    }

    private void printValue(Node n, Object v) {
        at(n);
        if (v instanceof Iface i) {
            v = i.value();
        }
        emit(v == null ? "<no value>" : GoFmt.sprintValue(v));
    }

    private void emit(String s) {
        if ((long) out.length() + s.length() > MAX_OUTPUT) {
            throw errorf("output exceeds " + MAX_OUTPUT + " characters");
        }
        out.append(s);
    }

    private void walkIfOrWith(BranchNode b, Object dot) {
        int mark = mark();
        try {
            Object val = evalPipeline(dot, b.pipe());
            if (isTrue(val)) {
                walk(b.kind() == BranchKind.WITH ? val : dot, b.list());
            } else if (b.elseList() != null) {
                walk(dot, b.elseList());
            }
        } finally {
            pop(mark);
        }
    }

    /** Go's truth: false, 0, nil, and empty strings, maps and lists are false; structs are true. */
    static boolean isTrue(Object v) {
        if (v instanceof Iface i) {
            v = i.value();
        }
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (GoFmt.isInt(v)) {
            return ((Number) v).longValue() != 0;
        }
        if (v instanceof BigInteger bi) {
            return bi.signum() != 0;
        }
        if (v instanceof Double || v instanceof Float) {
            return ((Number) v).doubleValue() != 0;
        }
        return true;
    }

    private void walkRange(Object dot, BranchNode r) {
        at(r);
        int outer = mark();
        try {
            Object val = evalPipeline(dot, r.pipe());
            int mark = mark();
            PipeNode pipe = r.pipe();
            boolean ran = false;
            if (val instanceof List<?> l) {
                for (int i = 0; i < l.size(); i++) {
                    ran = true;
                    oneIteration(pipe, r.list(), mark, (long) i, new Iface(l.get(i)));
                }
            } else if (val instanceof Map<?, ?> m) {
                for (String k : sortedKeys(m)) {
                    ran = true;
                    oneIteration(pipe, r.list(), mark, k, new Iface(m.get(k)));
                }
            } else if (GoFmt.isInt(val) || val instanceof BigInteger) {
                if (pipe.decl().size() > 1) {
                    throw errorf("can't use " + GoFmt.sprintValue(val) + " to iterate over more than one variable");
                }
                long n = val instanceof BigInteger b ? b.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue()
                        : ((Number) val).longValue();
                for (long i = 0; i < n; i++) {
                    ran = true;
                    oneIteration(pipe, r.list(), mark, null, i);
                }
            } else if (val != null) {
                throw errorf("range can't iterate over " + GoFmt.sprintValue(val));
            }
            if (!ran && r.elseList() != null) {
                walk(dot, r.elseList());
            }
        } catch (ControlFlow c) {
            if (c != BREAK) {
                throw c;
            }
        } finally {
            pop(outer);
        }
    }

    private void oneIteration(PipeNode pipe, ListNode list, int mark, Object index, Object elem) {
        List<VariableNode> decl = pipe.decl();
        if (!decl.isEmpty()) {
            if (pipe.isAssign()) {
                // with two variables the index comes first; with one, it is the element
                setVar(decl.get(0).ident().get(0), decl.size() > 1 ? index : elem);
            } else {
                setTopVar(1, elem);
            }
        }
        if (decl.size() > 1) {
            if (pipe.isAssign()) {
                setVar(decl.get(1).ident().get(0), elem);
            } else {
                setTopVar(2, index);
            }
        }
        try {
            walk(elem, list);
        } catch (ControlFlow c) {
            if (c != CONTINUE) {
                throw c;
            }
        } finally {
            pop(mark);
        }
    }

    private void walkTemplate(Object dot, TemplateNode t) {
        at(t);
        ListNode root = templates.get(t.name());
        if (root == null) {
            throw errorf("template " + GoStrings.quote(t.name()) + " not defined");
        }
        if (depth >= MAX_EXEC_DEPTH) {
            throw errorf("exceeded maximum template depth (100000)");
        }
        // variables declared by the pipeline persist in the caller
        Object newDot = evalPipeline(dot, t.pipe());
        Exec callee = new Exec(templates, text, parseName, t.name(), out, depth + 1);
        // no dynamic scoping: the callee sees only $
        callee.push("$", newDot);
        callee.walk(newDot, root);
    }

    // ---------------------------------------------------------------- evaluation

    private Object evalPipeline(Object dot, PipeNode pipe) {
        if (pipe == null) {
            return null;
        }
        at(pipe);
        Object value = MISSING;
        for (CommandNode cmd : pipe.cmds()) {
            value = evalCommand(dot, cmd, value); // the previous value is this one's final argument
            if (value instanceof Iface i) {
                value = i.value(); // an interface{} result is replaced by what it holds
            }
        }
        for (VariableNode v : pipe.decl()) {
            if (pipe.isAssign()) {
                setVar(v.ident().get(0), value);
            } else {
                push(v.ident().get(0), value);
            }
        }
        return value;
    }

    private void notAFunction(List<Node> args, Object fin) {
        if ((args != null && args.size() > 1) || fin != MISSING) {
            throw errorf("can't give argument to non-function " + args.get(0));
        }
    }

    private Object evalCommand(Object dot, CommandNode cmd, Object fin) {
        Node first = cmd.args().get(0);
        if (first instanceof FieldNode f) {
            return evalFieldNode(dot, f, cmd.args(), fin);
        }
        if (first instanceof ChainNode c) {
            return evalChainNode(dot, c, cmd.args(), fin);
        }
        if (first instanceof IdentifierNode id) {
            return evalFunction(dot, id, cmd, cmd.args(), fin);
        }
        if (first instanceof PipeNode p) {
            // a parenthesized pipeline takes no arguments
            notAFunction(cmd.args(), fin);
            return evalPipeline(dot, p);
        }
        if (first instanceof VariableNode v) {
            return evalVariableNode(dot, v, cmd.args(), fin);
        }
        at(first);
        notAFunction(cmd.args(), fin);
        if (first instanceof BoolNode b) {
            return b.value();
        }
        if (first instanceof DotNode) {
            return dot;
        }
        if (first instanceof NilNode) {
            throw errorf("nil is not a command");
        }
        if (first instanceof NumberNode n) {
            return idealConstant(n);
        }
        if (first instanceof StringNode s) {
            return s.text();
        }
        throw errorf("can't evaluate command " + GoStrings.quote(first.toString()));
    }

    /** A number literal where no type is expected: float if written like one, else int. */
    private Object idealConstant(NumberNode n) {
        at(n);
        String t = n.text();
        boolean hexInt = t.length() > 2 && t.charAt(0) == '0' && (t.charAt(1) == 'x' || t.charAt(1) == 'X')
                && !Parser.containsAny(t, "pP");
        boolean runeInt = !t.isEmpty() && t.charAt(0) == '\'';
        if (n.isFloat() && !hexInt && !runeInt && Parser.containsAny(t, ".eEpP")) {
            return n.float64();
        }
        if (n.isInt()) {
            return n.int64();
        }
        if (n.isUint()) {
            throw errorf(t + " overflows int");
        }
        return null;
    }

    private Object evalFieldNode(Object dot, FieldNode field, List<Node> args, Object fin) {
        at(field);
        return evalFieldChain(dot, dot, field, field.ident(), args, fin);
    }

    private Object evalChainNode(Object dot, ChainNode chain, List<Node> args, Object fin) {
        at(chain);
        if (chain.node() instanceof NilNode) {
            throw errorf("indirection through explicit nil in " + chain);
        }
        Object pipe = evalArg(dot, null, chain.node());
        return evalFieldChain(dot, pipe, chain, chain.field(), args, fin);
    }

    private Object evalVariableNode(Object dot, VariableNode v, List<Node> args, Object fin) {
        at(v);
        Object value = varValue(v.ident().get(0));
        if (v.ident().size() == 1) {
            notAFunction(args, fin);
            return value;
        }
        return evalFieldChain(dot, value, v, v.ident().subList(1, v.ident().size()), args, fin);
    }

    private Object evalFieldChain(Object dot, Object receiver, Node n, List<String> ident, List<Node> args,
                                  Object fin) {
        int last = ident.size() - 1;
        for (int i = 0; i < last; i++) {
            receiver = evalField(ident.get(i), null, MISSING, receiver);
        }
        return evalField(ident.get(last), args, fin, receiver);
    }

    private Object evalField(String fieldName, List<Node> args, Object fin, Object receiver) {
        if (receiver == null) {
            return null; // a field of "no value" is "no value" (missingkey=default)
        }
        String typ = GoFmt.typeName(receiver);
        Object r = receiver;
        if (r instanceof Iface i) {
            if (i.value() == null) {
                throw errorf("nil pointer evaluating " + typ + "." + fieldName);
            }
            r = i.value();
        }
        boolean hasArgs = (args != null && args.size() > 1) || fin != MISSING;
        if (r instanceof GoStruct s && s.fields().containsKey(fieldName)) {
            if (hasArgs) {
                throw errorf(fieldName + " has arguments but cannot be invoked as function");
            }
            return s.fields().get(fieldName);
        }
        if (r instanceof Map<?, ?> m) {
            if (hasArgs) {
                throw errorf(fieldName + " is not a method but has arguments");
            }
            if (!m.containsKey(fieldName)) {
                return null;
            }
            return new Iface(m.get(fieldName));
        }
        throw errorf("can't evaluate field " + fieldName + " in type " + typ);
    }

    private Object evalFunction(Object dot, IdentifierNode id, Node cmd, List<Node> args, Object fin) {
        at(id);
        Func f = Funcs.lookup(id.ident());
        if (f == null) {
            throw errorf(GoStrings.quote(id.ident()) + " is not a defined function");
        }
        return evalCall(dot, f, cmd, args, fin);
    }

    private Object evalCall(Object dot, Func f, Node n, List<Node> args, Object fin) {
        List<Node> argNodes = args == null ? List.of() : args.subList(1, args.size());
        String name = f.name();
        int numIn = argNodes.size() + (fin != MISSING ? 1 : 0);
        Param[] fixed = f.fixed();
        int numFixed = argNodes.size();
        if (f.variadic() != null) {
            numFixed = fixed.length;
            if (numIn < numFixed) {
                throw errorf("wrong number of args for " + name + ": want at least " + fixed.length + " got "
                        + argNodes.size());
            }
        } else if (numIn != fixed.length) {
            throw errorf("wrong number of args for " + name + ": want " + fixed.length + " got " + numIn);
        }

        // and/or evaluate their arguments lazily and return the deciding one
        if (f.builtin() && (name.equals("and") || name.equals("or"))) {
            boolean isOr = name.equals("or");
            Object v = null;
            for (Node a : argNodes) {
                v = evalArg(dot, Param.VALUE, a);
                if (isTrue(v) == isOr) {
                    return v;
                }
            }
            if (fin != MISSING) {
                v = validateType(fin, Param.VALUE);
            }
            return v;
        }

        Object[] argv = new Object[numIn];
        int i = 0;
        for (; i < numFixed && i < argNodes.size(); i++) {
            argv[i] = evalArg(dot, fixed[i], argNodes.get(i));
        }
        if (f.variadic() != null) {
            for (; i < argNodes.size(); i++) {
                argv[i] = evalArg(dot, f.variadic(), argNodes.get(i));
            }
        }
        if (fin != MISSING) {
            Param t;
            if (f.variadic() != null) {
                t = numIn - 1 < numFixed ? fixed[numIn - 1] : f.variadic();
            } else {
                t = fixed[fixed.length - 1];
            }
            argv[i] = validateType(fin, t);
        }
        if (f.builtin() && name.equals("call")) {
            String callee = argNodes.isEmpty() ? "<" + GoFmt.typeName(unwrap(fin)) + " Value>" : argNodes.get(0).toString();
            at(n);
            Object fn = unwrap(argv[0]);
            throw errorf("error calling call: " + (fn == null ? "call of nil"
                    : "non-function " + callee + " of type " + GoFmt.typeName(fn)));
        }
        try {
            return f.impl().call(argv);
        } catch (FuncError e) {
            at(n);
            throw errorf("error calling " + name + ": " + e.getMessage());
        }
    }

    private static Object unwrap(Object v) {
        return v instanceof Iface i ? i.value() : v;
    }

    /**
     * Checks a computed value against a parameter type, as Go's validateType: a missing value is
     * nil for interface-like parameters and an error otherwise; an interface{} value is looked
     * through once.
     */
    private Object validateType(Object value, Param typ) {
        if (typ == null) {
            return value;
        }
        if (value == null) {
            if (typ == Param.ANY || typ == Param.VALUE) {
                return null;
            }
            throw errorf("invalid value; expected " + typ.goName);
        }
        switch (typ) {
            case VALUE:
                return value;
            case ANY:
                return unwrap(value);
            default:
                break;
        }
        Object v = value;
        if (v instanceof Iface i) {
            if (i.value() == null) {
                throw errorf("wrong type for value; expected " + typ.goName + "; got interface {}");
            }
            v = i.value();
        }
        if (typ == Param.INT && GoFmt.isInt(v)) {
            return ((Number) v).longValue();
        }
        if (typ == Param.STRING && v instanceof String) {
            return v;
        }
        throw errorf("wrong type for value; expected " + typ.goName + "; got " + GoFmt.typeName(v));
    }

    private Object evalArg(Object dot, Param typ, Node n) {
        at(n);
        if (n instanceof DotNode) {
            return validateType(dot, typ);
        }
        if (n instanceof NilNode) {
            if (typ == Param.ANY || typ == Param.VALUE) {
                return null;
            }
            throw errorf("cannot assign nil to " + typ.goName);
        }
        if (n instanceof FieldNode f) {
            return validateType(evalFieldNode(dot, f, List.of(n), MISSING), typ);
        }
        if (n instanceof VariableNode v) {
            return validateType(evalVariableNode(dot, v, null, MISSING), typ);
        }
        if (n instanceof PipeNode p) {
            return validateType(evalPipeline(dot, p), typ);
        }
        if (n instanceof IdentifierNode id) {
            return validateType(evalFunction(dot, id, id, null, MISSING), typ);
        }
        if (n instanceof ChainNode c) {
            return validateType(evalChainNode(dot, c, null, MISSING), typ);
        }
        if (typ == null) {
            throw errorf("can't handle " + n + " for arg of type <nil>");
        }
        switch (typ) {
            case INT:
                if (n instanceof NumberNode num && num.isInt()) {
                    return num.int64();
                }
                throw errorf("expected integer; found " + n);
            case STRING:
                if (n instanceof StringNode s) {
                    return s.text();
                }
                throw errorf("expected string; found " + n);
            default:
                return evalEmptyInterface(dot, n);
        }
    }

    private Object evalEmptyInterface(Object dot, Node n) {
        at(n);
        if (n instanceof BoolNode b) {
            return b.value();
        }
        if (n instanceof NumberNode num) {
            return idealConstant(num);
        }
        if (n instanceof StringNode s) {
            return s.text();
        }
        throw errorf("can't handle assignment of " + n + " to empty interface argument");
    }

    // ---------------------------------------------------------------- ordering

    /** Map keys in Go's sorted order (byte order of the UTF-8 strings, i.e. code point order). */
    static List<String> sortedKeys(Map<?, ?> m) {
        List<String> keys = new ArrayList<>(m.size());
        for (Object k : m.keySet()) {
            keys.add(String.valueOf(k));
        }
        keys.sort(Exec::compareStrings);
        return keys;
    }

    static int compareStrings(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // surrogates (code points above U+FFFF) sort after all other BMP chars in UTF-8
                boolean xs = Character.isSurrogate(x);
                boolean ys = Character.isSurrogate(y);
                if (xs != ys) {
                    return xs ? 1 : -1;
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }
}
