package aicr.bundle.template;

import aicr.bundle.template.Lexer.Item;
import aicr.bundle.template.Lexer.Type;
import aicr.bundle.template.Node.ActionNode;
import aicr.bundle.template.Node.BoolNode;
import aicr.bundle.template.Node.BranchKind;
import aicr.bundle.template.Node.BranchNode;
import aicr.bundle.template.Node.BreakNode;
import aicr.bundle.template.Node.ChainNode;
import aicr.bundle.template.Node.CommandNode;
import aicr.bundle.template.Node.ContinueNode;
import aicr.bundle.template.Node.DotNode;
import aicr.bundle.template.Node.ElseNode;
import aicr.bundle.template.Node.EndNode;
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
import aicr.gocompat.GoNumbers;
import aicr.gocompat.GoStrconv;
import aicr.gocompat.GoStrings;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser with the same grammar, lookahead and error messages as Go's
 * text/template/parse. The lookahead discipline (next/peek/backup over a three-token buffer) is
 * kept because Go reports parse errors at the line of the most recently read token, so matching
 * the line numbers means reading tokens in the same order.
 */
final class Parser {

    private final String parseName;
    private final Lexer lexer;
    private final Set<String> funcs;
    private final Map<String, ListNode> treeSet;

    private Parser(String parseName, String text, Set<String> funcs, Map<String, ListNode> treeSet) {
        this.parseName = parseName;
        this.lexer = new Lexer(text);
        this.funcs = funcs;
        this.treeSet = treeSet;
    }

    /** Parses text; the top-level template and every define/block land in treeSet by name. */
    static void parse(String name, String text, Set<String> funcs, Map<String, ListNode> treeSet) {
        Parser p = new Parser(name, text, funcs, treeSet);
        Tree top = p.new Tree(name);
        top.parseTop();
        top.add();
    }

    /** Deepest nesting of control structures and parentheses (the bound every document is held to). */
    static final int MAX_NESTING = 256;

    /** Parse state of one template (the top level, or a define/block body), as Go's Tree. */
    private final class Tree {
        private String name;
        private ListNode root;
        private final Item[] token = new Item[3];
        private int peekCount;
        private final List<String> vars = new ArrayList<>(List.of("$"));
        private int rangeDepth;
        private int actionLine;
        /** Open control structures and parentheses: each is a level of recursion here and when executed. */
        private int nesting;

        Tree(String name) {
            this.name = name;
        }

        // ------------------------------------------------------------ token buffer

        private Item next() {
            if (peekCount > 0) {
                peekCount--;
            } else {
                token[0] = lexer.nextItem();
            }
            return token[peekCount];
        }

        private void backup() {
            peekCount++;
        }

        private void backup2(Item t1) {
            token[1] = t1;
            peekCount = 2;
        }

        private void backup3(Item t2, Item t1) {
            token[1] = t1;
            token[2] = t2;
            peekCount = 3;
        }

        private Item peek() {
            if (peekCount > 0) {
                return token[peekCount - 1];
            }
            peekCount = 1;
            token[0] = lexer.nextItem();
            return token[0];
        }

        private Item nextNonSpace() {
            Item t;
            do {
                t = next();
            } while (t.type() == Type.SPACE);
            return t;
        }

        private Item peekNonSpace() {
            Item t = nextNonSpace();
            backup();
            return t;
        }

        // ------------------------------------------------------------ errors

        private TemplateException errorf(String msg) {
            int line = token[0] == null ? 1 : token[0].line();
            return new TemplateException(TemplateException.Kind.PARSE,
                    "template: " + parseName + ":" + line + ": " + msg);
        }

        private Item expect(Type expected, String context) {
            Item t = nextNonSpace();
            if (t.type() != expected) {
                throw unexpected(t, context);
            }
            return t;
        }

        private Item expectOneOf(Type e1, Type e2, String context) {
            Item t = nextNonSpace();
            if (t.type() != e1 && t.type() != e2) {
                throw unexpected(t, context);
            }
            return t;
        }

        private TemplateException unexpected(Item t, String context) {
            if (t.type() == Type.ERROR) {
                String extra = "";
                if (actionLine != 0 && actionLine != t.line()) {
                    extra = " in action started at " + parseName + ":" + actionLine;
                    if (t.val().endsWith(" action")) {
                        extra = extra.substring(" in action".length()); // avoid "action in action"
                    }
                }
                return errorf(t.val() + extra);
            }
            return errorf("unexpected " + t + " in " + context);
        }

        // ------------------------------------------------------------ trees

        /** Registers this tree; an empty body never replaces a non-empty one (Go's rule). */
        void add() {
            ListNode existing = treeSet.get(name);
            if (existing == null || isEmptyTree(existing)) {
                treeSet.put(name, root);
                return;
            }
            if (!isEmptyTree(root)) {
                throw errorf("template: multiple definition of template " + GoStrings.quote(name));
            }
        }

        /** The top level: like itemList, but also accepts define clauses, and runs to EOF. */
        void parseTop() {
            List<Node> nodes = new ArrayList<>();
            int listPos = peek().pos();
            while (peek().type() != Type.EOF) {
                if (peek().type() == Type.LEFT_DELIM) {
                    Item delim = next();
                    if (nextNonSpace().type() == Type.DEFINE) {
                        Tree def = new Tree("definition"); // named once the name is read
                        def.parseDefinition();
                        continue;
                    }
                    backup2(delim);
                }
                Node n = textOrAction();
                if (n instanceof EndNode || n instanceof ElseNode) {
                    throw errorf("unexpected " + n);
                }
                nodes.add(n);
            }
            root = new ListNode(listPos, List.copyOf(nodes));
        }

        /** {{define "name"}} ... {{end}}; the define keyword has been read. */
        private void parseDefinition() {
            String context = "define clause";
            Item nameTok = expectOneOf(Type.STRING, Type.RAW_STRING, context);
            name = unquote(nameTok);
            expect(Type.RIGHT_DELIM, context);
            ListResult r = itemList();
            if (!(r.end instanceof EndNode)) {
                throw errorf("unexpected " + r.end + " in " + context);
            }
            root = r.list;
            add();
        }

        private record ListResult(ListNode list, Node end) {
        }

        /** textOrAction* up to {{end}} or {{else}}, which is returned separately. */
        private ListResult itemList() {
            if (++nesting > MAX_NESTING) {
                throw errorf("nesting exceeds " + MAX_NESTING + " levels");
            }
            try {
                return items();
            } finally {
                nesting--;
            }
        }

        private ListResult items() {
            int listPos = peekNonSpace().pos();
            List<Node> nodes = new ArrayList<>();
            while (peekNonSpace().type() != Type.EOF) {
                Node n = textOrAction();
                if (n instanceof EndNode || n instanceof ElseNode) {
                    return new ListResult(new ListNode(listPos, List.copyOf(nodes)), n);
                }
                nodes.add(n);
            }
            throw errorf("unexpected EOF");
        }

        private Node textOrAction() {
            Item t = nextNonSpace();
            switch (t.type()) {
                case TEXT:
                    return new TextNode(t.pos(), t.val());
                case LEFT_DELIM:
                    actionLine = t.line();
                    try {
                        return action();
                    } finally {
                        actionLine = 0;
                    }
                default:
                    throw unexpected(t, "input");
            }
        }

        private Node action() {
            Item t = nextNonSpace();
            switch (t.type()) {
                case BLOCK:
                    return blockControl();
                case BREAK:
                    return breakControl(t);
                case CONTINUE:
                    return continueControl(t);
                case ELSE:
                    return elseControl();
                case END:
                    return new EndNode(expect(Type.RIGHT_DELIM, "end").pos());
                case IF:
                    return branch(BranchKind.IF);
                case RANGE:
                    return branch(BranchKind.RANGE);
                case TEMPLATE:
                    return templateControl();
                case WITH:
                    return branch(BranchKind.WITH);
                default:
                    break;
            }
            backup();
            Item first = peek();
            // variables declared here persist until the enclosing {{end}}
            return new ActionNode(first.pos(), first.line(), pipeline("command", Type.RIGHT_DELIM));
        }

        private Node breakControl(Item kw) {
            Item t = nextNonSpace();
            if (t.type() != Type.RIGHT_DELIM) {
                throw unexpected(t, "{{break}}");
            }
            if (rangeDepth == 0) {
                throw errorf("{{break}} outside {{range}}");
            }
            return new BreakNode(kw.pos(), kw.line());
        }

        private Node continueControl(Item kw) {
            Item t = nextNonSpace();
            if (t.type() != Type.RIGHT_DELIM) {
                throw unexpected(t, "{{continue}}");
            }
            if (rangeDepth == 0) {
                throw errorf("{{continue}} outside {{range}}");
            }
            return new ContinueNode(kw.pos(), kw.line());
        }

        private Node elseControl() {
            Item p = peekNonSpace();
            // "else if" / "else with": return the else now and leave the keyword pending
            if (p.type() == Type.IF || p.type() == Type.WITH) {
                return new ElseNode(p.pos(), p.line());
            }
            Item t = expect(Type.RIGHT_DELIM, "else");
            return new ElseNode(t.pos(), t.line());
        }

        private BranchNode branch(BranchKind kind) {
            String context = kind.word;
            int mark = vars.size();
            try {
                PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
                if (kind == BranchKind.RANGE) {
                    rangeDepth++;
                }
                ListResult r = itemList();
                if (kind == BranchKind.RANGE) {
                    rangeDepth--;
                }
                ListNode elseList = null;
                if (r.end instanceof ElseNode) {
                    // {{if a}}x{{else if b}}y{{end}} is {{if a}}x{{else}}{{if b}}y{{end}}{{end}}
                    if (kind == BranchKind.IF && peek().type() == Type.IF) {
                        next();
                        elseList = new ListNode(r.end.pos(), List.of(branch(BranchKind.IF)));
                    } else if (kind == BranchKind.WITH && peek().type() == Type.WITH) {
                        next();
                        elseList = new ListNode(r.end.pos(), List.of(branch(BranchKind.WITH)));
                    } else {
                        ListResult e = itemList();
                        if (!(e.end instanceof EndNode)) {
                            throw errorf("expected end; found " + e.end);
                        }
                        elseList = e.list;
                    }
                }
                return new BranchNode(kind, pipe.pos(), pipe.line(), pipe, r.list, elseList);
            } finally {
                popVars(mark);
            }
        }

        private Node blockControl() {
            String context = "block clause";
            Item t = nextNonSpace();
            String blockName = templateName(t, context);
            PipeNode pipe = pipeline(context, Type.RIGHT_DELIM);
            Tree block = new Tree(blockName);
            ListResult r = block.itemList();
            if (!(r.end instanceof EndNode)) {
                throw errorf("unexpected " + r.end + " in " + context);
            }
            block.root = r.list;
            block.add();
            return new TemplateNode(t.pos(), t.line(), blockName, pipe);
        }

        private Node templateControl() {
            String context = "template clause";
            Item t = nextNonSpace();
            String tmplName = templateName(t, context);
            PipeNode pipe = null;
            if (nextNonSpace().type() != Type.RIGHT_DELIM) {
                backup();
                pipe = pipeline(context, Type.RIGHT_DELIM);
            }
            return new TemplateNode(t.pos(), t.line(), tmplName, pipe);
        }

        private String templateName(Item t, String context) {
            if (t.type() == Type.STRING || t.type() == Type.RAW_STRING) {
                return unquote(t);
            }
            throw unexpected(t, context);
        }

        private String unquote(Item t) {
            try {
                return GoStrconv.unquote(t.val());
            } catch (GoStrconv.SyntaxError e) {
                throw errorf("invalid syntax");
            }
        }

        // ------------------------------------------------------------ pipelines

        private PipeNode pipeline(String context, Type end) {
            Item first = peekNonSpace();
            boolean isAssign = false;
            List<VariableNode> decl = new ArrayList<>();
            List<CommandNode> cmds = new ArrayList<>();
            decls:
            while (true) {
                Item v = peekNonSpace();
                if (v.type() != Type.VARIABLE) {
                    break;
                }
                next();
                // "$x foo" needs three tokens of lookahead to tell an argument from a declaration
                Item afterVariable = peek();
                Item nx = peekNonSpace();
                if (nx.type() == Type.ASSIGN || nx.type() == Type.DECLARE) {
                    isAssign = nx.type() == Type.ASSIGN;
                    nextNonSpace();
                    decl.add(newVariable(v.pos(), v.val()));
                    vars.add(v.val());
                } else if (nx.type() == Type.CHAR && nx.val().equals(",")) {
                    nextNonSpace();
                    decl.add(newVariable(v.pos(), v.val()));
                    vars.add(v.val());
                    if (context.equals("range") && decl.size() < 2) {
                        Type pt = peekNonSpace().type();
                        if (pt == Type.VARIABLE || pt == Type.RIGHT_DELIM || pt == Type.RIGHT_PAREN) {
                            continue decls; // the second variable of "range $i, $e :="
                        }
                        throw errorf("range can only initialize variables");
                    }
                    throw errorf("too many declarations in " + context);
                } else if (afterVariable.type() == Type.SPACE) {
                    backup3(v, afterVariable);
                } else {
                    backup2(v);
                }
                break;
            }
            while (true) {
                Item t = nextNonSpace();
                if (t.type() == end) {
                    PipeNode pipe = new PipeNode(first.pos(), first.line(), isAssign, List.copyOf(decl),
                            List.copyOf(cmds));
                    checkPipeline(pipe, context);
                    return pipe;
                }
                switch (t.type()) {
                    case BOOL, CHAR_CONSTANT, COMPLEX, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING,
                            VARIABLE, LEFT_PAREN -> {
                        backup();
                        cmds.add(command());
                    }
                    default -> throw unexpected(t, context);
                }
            }
        }

        private void checkPipeline(PipeNode pipe, String context) {
            if (pipe.cmds().isEmpty()) {
                throw errorf("missing value for " + context);
            }
            // only the first command of a pipeline may be a non-executable operand
            for (int i = 1; i < pipe.cmds().size(); i++) {
                Node a = pipe.cmds().get(i).args().get(0);
                if (a instanceof BoolNode || a instanceof DotNode || a instanceof NilNode
                        || a instanceof NumberNode || a instanceof StringNode) {
                    throw errorf("non executable command in pipeline stage " + (i + 1));
                }
            }
        }

        private void popVars(int n) {
            while (vars.size() > n) {
                vars.remove(vars.size() - 1);
            }
        }

        private CommandNode command() {
            int pos = peekNonSpace().pos();
            List<Node> args = new ArrayList<>();
            while (true) {
                peekNonSpace(); // skip leading spaces
                Node operand = operand();
                if (operand != null) {
                    args.add(operand);
                }
                Item t = next();
                if (t.type() == Type.SPACE) {
                    continue;
                }
                if (t.type() == Type.RIGHT_DELIM || t.type() == Type.RIGHT_PAREN) {
                    backup();
                } else if (t.type() != Type.PIPE) {
                    throw unexpected(t, "operand");
                }
                break;
            }
            if (args.isEmpty()) {
                throw errorf("empty command");
            }
            return new CommandNode(pos, List.copyOf(args));
        }

        /** A term possibly followed by field accesses. */
        private Node operand() {
            Node node = term();
            if (node == null) {
                return null;
            }
            if (peek().type() == Type.FIELD) {
                int chainPos = peek().pos();
                List<String> fields = new ArrayList<>();
                while (peek().type() == Type.FIELD) {
                    fields.add(next().val().substring(1));
                }
                // fields on a field or variable extend it; a literal cannot have fields
                if (node instanceof FieldNode f) {
                    List<String> all = new ArrayList<>(f.ident());
                    all.addAll(fields);
                    return new FieldNode(chainPos, List.copyOf(all));
                }
                if (node instanceof VariableNode v) {
                    List<String> all = new ArrayList<>(v.ident());
                    all.addAll(fields);
                    return new VariableNode(chainPos, List.copyOf(all));
                }
                if (node instanceof BoolNode || node instanceof StringNode || node instanceof NumberNode
                        || node instanceof NilNode || node instanceof DotNode) {
                    throw errorf("unexpected . after term " + GoStrings.quote(node.toString()));
                }
                return new ChainNode(chainPos, node, List.copyOf(fields));
            }
            return node;
        }

        private Node term() {
            Item t = nextNonSpace();
            switch (t.type()) {
                case IDENTIFIER:
                    if (!funcs.contains(t.val())) {
                        throw errorf("function " + GoStrings.quote(t.val()) + " not defined");
                    }
                    return new IdentifierNode(t.pos(), t.val());
                case DOT:
                    return new DotNode(t.pos());
                case NIL:
                    return new NilNode(t.pos());
                case VARIABLE:
                    return useVar(t.pos(), t.val());
                case FIELD:
                    return new FieldNode(t.pos(), List.of(t.val().substring(1)));
                case BOOL:
                    return new BoolNode(t.pos(), t.val().equals("true"));
                case CHAR_CONSTANT, COMPLEX, NUMBER:
                    return newNumber(t);
                case LEFT_PAREN:
                    if (++nesting > MAX_NESTING) {
                        throw errorf("nesting exceeds " + MAX_NESTING + " levels");
                    }
                    try {
                        return pipeline("parenthesized pipeline", Type.RIGHT_PAREN);
                    } finally {
                        nesting--;
                    }
                case STRING, RAW_STRING:
                    return new StringNode(t.pos(), t.val(), unquote(t));
                default:
                    backup();
                    return null;
            }
        }

        private VariableNode newVariable(int pos, String name) {
            return new VariableNode(pos, List.copyOf(Arrays.asList(name.split("\\.", -1))));
        }

        private Node useVar(int pos, String name) {
            VariableNode v = newVariable(pos, name);
            if (!vars.contains(v.ident().get(0))) {
                throw errorf("undefined variable " + GoStrings.quote(v.ident().get(0)));
            }
            return v;
        }

        private NumberNode newNumber(Item t) {
            String text = t.val();
            if (t.type() == Type.CHAR_CONSTANT) {
                try {
                    int r = GoStrconv.unquoteCharConstant(text);
                    return new NumberNode(t.pos(), text, true, r, true, true, r);
                } catch (GoStrconv.SyntaxError e) {
                    throw errorf("invalid syntax");
                } catch (GoStrconv.MalformedCharException e) {
                    throw errorf("malformed character constant: " + text);
                }
            }
            if (t.type() == Type.COMPLEX || text.endsWith("i")) {
                // complex constants have no use in manifests; reject them instead of modelling them
                throw errorf("illegal number syntax: " + GoStrings.quote(text));
            }
            BigInteger u = GoNumbers.parseUint(text, 0);
            boolean isUint = u != null;
            BigInteger i = GoNumbers.parseInt(text, 0);
            boolean isInt = i != null;
            long int64 = isInt ? i.longValue() : 0;
            if (isInt && int64 == 0) {
                isUint = true; // "-0"
            }
            boolean isFloat = false;
            double f = 0;
            if (isInt) {
                isFloat = true;
                f = int64;
            } else if (isUint) {
                isFloat = true;
                f = u.doubleValue();
            } else {
                Double pf = GoNumbers.parseFloat(text);
                if (pf != null) {
                    if (!containsAny(text, ".eEpP")) {
                        throw errorf("integer overflow: " + GoStrings.quote(text));
                    }
                    isFloat = true;
                    f = pf;
                    // a float literal with an integral value is also an int (1.0, 1e3)
                    if (f >= -0x1p63 && f < 0x1p63 && (double) (long) f == f) {
                        isInt = true;
                        int64 = (long) f;
                    }
                    if (f >= 0 && f < 0x1p64 && Math.floor(f) == f) {
                        isUint = true;
                    }
                }
            }
            if (!isInt && !isUint && !isFloat) {
                throw errorf("illegal number syntax: " + GoStrings.quote(text));
            }
            return new NumberNode(t.pos(), text, isInt, int64, isUint, isFloat, f);
        }
    }

    static boolean containsAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether a tree holds nothing but whitespace text (then a later definition may replace it). */
    static boolean isEmptyTree(Node n) {
        if (n == null) {
            return true;
        }
        if (n instanceof ListNode l) {
            for (Node c : l.nodes()) {
                if (!isEmptyTree(c)) {
                    return false;
                }
            }
            return true;
        }
        if (n instanceof TextNode t) {
            return isGoSpaceOnly(t.text());
        }
        return false;
    }

    private static boolean isGoSpaceOnly(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i)) && !Character.isSpaceChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
