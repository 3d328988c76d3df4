package aicr.bundle;

import aicr.attest.BundleAttester;
import aicr.attest.BundleProvenance;
import aicr.bundle.tree.BundleTree;
import aicr.recipe.ComponentRef;
import aicr.recipe.RecipeResult;
import aicr.sigstore.signing.SigstoreEndpoints;
import aicr.sigstore.signing.Signing;
import aicr.sigstore.signing.TokenSources;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --attest}: the bundle command's signing options, checked before the bundle is built,
 * and the provenance facts of the built bundle. The signing itself is {@link BundleAttester}'s.
 */
final class Attestation {
    private Attestation() {
    }

    static BundleAttester prepare(BundleFlags f, ConfigFile.BundleSpec config) {
        ConfigFile.BundleSpec c = config == null ? ConfigFile.BundleSpec.EMPTY : config;
        boolean deviceFlow = f.oidcDeviceFlow() != null ? f.oidcDeviceFlow() : c.oidcDeviceFlow();
        Signing.Options o = new Signing.Options(f.signingKey(),
                new TokenSources.Options(f.identityToken(), deviceFlow),
                SigstoreEndpoints.of(pick(f.fulcioUrl(), c.fulcioUrl()), pick(f.rekorUrl(), c.rekorUrl())),
                Boolean.TRUE.equals(f.assumeYes()));
        return new BundleAttester(o, pick(f.certificateIdentityRegexp(), c.certificateIdentityRegexp()));
    }

    /** Signs the tree; returns the summary note. */
    static String attest(BundleAttester attester, BundleTree tree, BundleSettings s, RecipeResult filtered) {
        List<String> components = new ArrayList<>();
        for (ComponentRef r : filtered.componentRefs()) {
            components.add(r.name());
        }
        boolean external = tree.files().keySet().stream().anyMatch(p -> p.startsWith("data/"));
        String criteria = filtered.criteria() == null ? "criteria(any)" : filtered.criteria().describe();
        return attester.attest(tree, new BundleProvenance.Facts(criteria, external, components, s.outputDir().toString(),
                s.version(), List.of(), "", false));
    }

    private static String pick(String flag, String config) {
        return flag != null ? flag : config == null || config.isEmpty() ? null : config;
    }
}
