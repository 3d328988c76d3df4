package aicr.validate;

import aicr.rules.RuleBase;
import aicr.rules.RuleKind;
import aicr.rules.facts.Outcome;
import aicr.snapshot.Measurement;
import aicr.snapshot.Reading;
import aicr.snapshot.Snapshot;
import aicr.snapshot.Subtype;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The rule-session benchmark of bench/validate.sh: N constraints against M readings in one
 * session (default 10,000 × 100,000), on the shipped precompiled rules. Prints the time to
 * build the facts (Java steps), the session time (insert, fire, collect) of the first, cold
 * session and the median of the following warm ones, and the outcome counts (a check that
 * the work was done). Deterministic input (fixed seed).
 *
 * <p>Usage: {@code java -cp aicr.jar aicr.validate.SessionBenchmark [constraints] [readings] [runs]}
 */
public final class SessionBenchmark {
    private SessionBenchmark() {
    }

    public static void main(String[] args) {
        int nConstraints = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int nReadings = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;

        long t0 = System.nanoTime();
        RuleBase rules = RuleBase.shipped(RuleKind.CONSTRAINT);
        long tLoad = System.nanoTime() - t0;

        Snapshot snap = snapshot(nReadings);
        List<ConstraintFacts.Input> inputs = constraints(nConstraints, nReadings);
        List<Long> sessions = new ArrayList<>();
        List<Long> facts = new ArrayList<>();
        Map<Outcome, Integer> counts = null;
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            List<aicr.rules.facts.Constraint> cs = ConstraintFacts.constraints(inputs, snap, rules.operatorTokens());
            List<aicr.rules.facts.Reading> rs = ConstraintFacts.readings(snap);
            long f = System.nanoTime();
            List<aicr.rules.Finding> found;
            List<aicr.rules.Session.Failure> failures;
            try (aicr.rules.Session session = rules.newSession()) {
                found = session.insertAll(rs).insertAll(cs).fire();
                failures = session.failures();
            }
            Map<Integer, ConstraintResult> decided = new java.util.HashMap<>();
            ConstraintEvaluator.collect(cs, found, failures, decided);
            List<ConstraintResult> results = new ArrayList<>(decided.values());
            long e = System.nanoTime();
            facts.add(f - s);
            sessions.add(e - f);
            counts = new EnumMap<>(Outcome.class);
            for (ConstraintResult r : results) {
                counts.merge(r.outcome(), 1, Integer::sum);
            }
        }
        List<Long> warm = new ArrayList<>(sessions.subList(Math.min(1, sessions.size()), sessions.size()));
        warm.sort(null);
        System.out.printf("rule base load (precompiled): %d ms%n", tLoad / 1_000_000);
        System.out.printf("%,d constraints x %,d readings: session (insert + fire + collect) first %d ms, warm median %d ms"
                        + " over %d runs; building the facts (path/lookup/expression steps) first %d ms%n",
                nConstraints, nReadings, sessions.get(0) / 1_000_000,
                warm.isEmpty() ? -1 : warm.get(warm.size() / 2) / 1_000_000, warm.size(), facts.get(0) / 1_000_000);
        System.out.println("outcomes: " + counts);
    }

    /** Readings spread over OS sysctl (versions), OS release (strings) and GPU hardware (numbers). */
    static Snapshot snapshot(int n) {
        Map<String, Reading> sysctl = new LinkedHashMap<>();
        Map<String, Reading> release = new LinkedHashMap<>();
        Map<String, Reading> hardware = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            switch (i % 3) {
                case 0 -> sysctl.put("/proc/sys/k/" + i, Reading.of("6." + (i % 13) + "." + (i % 7) + "-aws"));
                case 1 -> release.put("K" + i, Reading.of(i % 2 == 0 ? "ubuntu" : "rhel"));
                default -> hardware.put("h" + i, new Reading((long) (i % 1000)));
            }
        }
        return new Snapshot("Snapshot", Snapshot.API_VERSION, Map.of(), null, List.of(
                new Measurement("OS", List.of(new Subtype("sysctl", sysctl, Map.of(), List.of()),
                        new Subtype("release", release, Map.of(), List.of()))),
                new Measurement("GPU", List.of(new Subtype("hardware", hardware, Map.of(), List.of())))));
    }

    /** A mix of every operator family, a few unparsable operands and missing readings. */
    static List<ConstraintFacts.Input> constraints(int n, int readings) {
        Random rnd = new Random(42);
        List<ConstraintFacts.Input> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            int i = rnd.nextInt(readings);
            String name = switch (i % 3) {
                case 0 -> "OS.sysctl./proc/sys/k/" + i;
                case 1 -> "OS.release.K" + i;
                default -> "GPU.hardware.h" + i;
            };
            String expr = switch (i % 3) {
                case 0 -> List.of(">= 6.8", "< 6.4", "== 6.1.0", "> 6", "<= 6.12.3").get(k % 5);
                case 1 -> List.of("ubuntu", "!= rhel", "== ubuntu", ">= 1.0").get(k % 4);
                default -> List.of("== 500", ">= 100", "!= 7", "< 999").get(k % 4);
            };
            if (k % 97 == 0) {
                name = name.replace("OS.", "OS.nosub");
            }
            out.add(new ConstraintFacts.Input(name, expr));
        }
        return out;
    }
}
