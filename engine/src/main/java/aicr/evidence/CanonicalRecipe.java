package aicr.evidence;

import aicr.criteria.Criteria;
import aicr.io.Values;
import aicr.io.YamlReader;
import aicr.io.YamlWriter;
import aicr.recipe.RecipeResult;
import aicr.sigstore.Digests;
import java.nio.charset.StandardCharsets;

/**
 * The recipe as evidence binds it: the hydrated recipe's YAML with every mapping's keys sorted
 * and no comments, written with 4-space indentation (spec §7.2). Its sha256 is the evidence
 * subject and what {@code aicr evidence digest} prints.
 */
public final class CanonicalRecipe {
    private CanonicalRecipe() {
    }

    public static byte[] bytes(RecipeResult recipe) {
        Object tree = Values.of(YamlReader.parse(YamlWriter.write(recipe.toStruct(), false)));
        return YamlWriter.write(tree, true, 4).getBytes(StandardCharsets.UTF_8);
    }

    public static String digest(RecipeResult recipe) {
        return Digests.sha256Hex(bytes(recipe));
    }

    /** Non-{@code any} accelerator, service, os, intent, platform joined by {@code -}; {@code recipe} if none. */
    public static String name(Criteria c) {
        if (c == null) {
            return "recipe";
        }
        StringBuilder b = new StringBuilder();
        for (String v : new String[]{c.accelerator(), c.service(), c.os(), c.intent(), c.platform()}) {
            if (v != null && !v.isEmpty() && !v.equals(Criteria.ANY)) {
                b.append(b.length() == 0 ? "" : "-").append(v);
            }
        }
        return b.length() == 0 ? "recipe" : b.toString();
    }
}
