package aicr.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad rule files fail with one line naming the file and the field, never generated code. */
class RuleErrorsTest {

    static String file(String rules) {
        return """
                id: test.family
                kind: constraint
                severity: error
                summary: s
                reference: r
                rules:
                """ + rules;
    }

    private static String compileError(String text) {
        AicrException e = assertThrows(AicrException.class,
                () -> RuleBase.compile(RuleKind.CONSTRAINT, List.of(RuleLoader.parse("my/x.yaml", text))));
        return e.render();
    }

    private static String loadError(String text) {
        return assertThrows(AicrException.class, () -> RuleLoader.parse("my/x.yaml", text)).render();
    }

    @Test
    void badConsequenceNamesThen() {
        String msg = compileError(file("""
                  - id: test.family.a
                    when: [ { given: Constraint, as: $c } ]
                    then: insert(new Reslt());
                """));
        assertTrue(msg.startsWith("[INVALID_REQUEST] my/x.yaml: rules[0].then: "), msg);
        assertTrue(msg.contains("Reslt"), msg);
        assertTrue(!msg.contains("Lambda") && !msg.contains(".java"), msg);
    }

    @Test
    void badConditionNamesWhen() {
        String msg = compileError(file("""
                  - id: test.family.a
                    when: [ { given: Constraint, as: $c, having: [ 'nosuchfield == 1' ] } ]
                    then: insert(Verdict.error($c, null, "x"));
                """));
        assertTrue(msg.startsWith("[INVALID_REQUEST] my/x.yaml: rules[0].when: "), msg);
    }

    @Test
    void secondRuleIsLocated() {
        String msg = compileError(file("""
                  - id: test.family.a
                    when: [ { given: Constraint, as: $c } ]
                    then: insert(Verdict.error($c, null, "x"));
                  - id: test.family.b
                    when: [ { given: NoSuchFact, as: $c } ]
                    then: insert(Verdict.error($c, null, "x"));
                """));
        assertTrue(msg.startsWith("[INVALID_REQUEST] my/x.yaml: rules[1].when: "), msg);
    }

    @Test
    void unknownPatternKeyIsASchemaError() {
        String msg = compileError(file("""
                  - id: test.family.a
                    when: [ { given: Constraint, as: $c, havin: [ 'x' ] } ]
                    then: insert(Verdict.error($c, null, "x"));
                """));
        assertTrue(msg.startsWith("[INVALID_REQUEST] my/x.yaml: rules[0].when"), msg);
        assertTrue(msg.contains("havin"), msg);
    }

    @Test
    void schemaErrors() {
        assertEquals("[INVALID_REQUEST] my/x.yaml: rules[0].id: must be the file id \"test.family\" or start with "
                + "\"test.family.\" (line 7)", loadError(file("""
                  - id: other.a
                    when: [ { given: Constraint } ]
                    then: x
                """)));
        assertEquals("[INVALID_REQUEST] my/x.yaml: severity: must be error, warning or info, not \"fatal\" (line 3)",
                loadError(file("  - {id: test.family, when: [ {given: Constraint} ], then: x}\n")
                        .replace("severity: error", "severity: fatal")));
        assertEquals("[INVALID_REQUEST] my/x.yaml: rules[0].then: required: the consequence (Java statements) (line 7)", loadError(file("""
                  - id: test.family
                    when: [ { given: Constraint } ]
                """)));
        assertEquals("[INVALID_REQUEST] my/x.yaml: rules[0].salience: must be an integer (line 8)", loadError(file("""
                  - id: test.family
                    salience: high
                    when: [ { given: Constraint } ]
                    then: x
                """)));
        assertTrue(loadError(file("  - {id: test.family, when: [ {given: Constraint} ], then: x}\nextra: 1\n"))
                .startsWith("[INVALID_REQUEST] my/x.yaml: extra: unknown field"));
        assertEquals("[INVALID_REQUEST] my/x.yaml: operators[0]: an operator token must be non-empty, without spaces, "
                + "and must not start with a letter, digit or quote (line 6)",
                loadError(file("  - {id: test.family, when: [ {given: Constraint} ], then: x}\n")
                        .replace("reference: r\n", "reference: r\noperators: [in]\n")));
        assertTrue(loadError("id: [").startsWith("[INVALID_REQUEST] my/x.yaml: (document): not valid YAML"));
    }
}
