package aicr.validate;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.rules.facts.Constraint;
import aicr.rules.facts.Expressions;
import aicr.rules.facts.Reading;
import aicr.snapshot.ConstraintPath;
import aicr.snapshot.Snapshot;
import aicr.snapshot.SnapshotAddresses;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns recipe constraints and a snapshot into rule facts. For each constraint it performs,
 * in the reference's order, the steps that are grammar and addressing rather than operator
 * meaning (spec §4.5): parse the name as a path, look the reading up, split the expression.
 * The first failure is recorded on the fact, wrapped as the reference wraps it.
 */
public final class ConstraintFacts {
    private ConstraintFacts() {
    }

    /** A constraint as written in the recipe (name and value are literal strings). */
    public record Input(String name, String value) {
    }

    public static List<Constraint> constraints(List<Input> inputs, Snapshot snap, List<String> tokens) {
        List<Constraint> out = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            out.add(constraint(i, inputs.get(i), snap, tokens));
        }
        return out;
    }

    static Constraint constraint(int seq, Input in, Snapshot snap, List<String> tokens) {
        ConstraintPath path;
        try {
            path = ConstraintPath.parse(in.name());
        } catch (AicrException e) {
            return failed(seq, in, Constraint.STEP_PATH, wrap(ErrorCode.INVALID_REQUEST, "invalid constraint path", e));
        }
        String key;
        try {
            key = path.resolve(snap);
        } catch (AicrException e) {
            return failed(seq, in, Constraint.STEP_LOOKUP, wrap(ErrorCode.NOT_FOUND, "value not found in snapshot", e));
        }
        Expressions.Split split;
        try {
            split = Expressions.split(in.value(), tokens);
        } catch (AicrException e) {
            return new Constraint(seq, in.name(), in.value(), null, null, key, Constraint.STEP_EXPRESSION,
                    wrap(ErrorCode.INVALID_REQUEST, "invalid constraint expression", e));
        }
        return new Constraint(seq, in.name(), in.value(), split.operator(), split.operand(), key, null, null);
    }

    private static Constraint failed(int seq, Input in, String step, String error) {
        return new Constraint(seq, in.name(), in.value(), null, null, null, step, error);
    }

    private static String wrap(ErrorCode code, String message, AicrException inner) {
        return new AicrException(code, message, inner).render();
    }

    /** Every addressable reading of the snapshot as a fact. */
    public static List<Reading> readings(Snapshot snap) {
        List<Reading> out = new ArrayList<>();
        SnapshotAddresses.forEach(snap, (key, r) -> out.add(Reading.of(key, r.text(), kind(r.value()))));
        return out;
    }

    /** The reading at {@code key} (for readings the rules never saw, e.g. reporting). */
    static String kind(Object v) {
        if (v instanceof Long) {
            return "int";
        }
        if (v instanceof BigInteger) {
            return "uint";
        }
        if (v instanceof Double) {
            return "float";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        return "string";
    }
}
