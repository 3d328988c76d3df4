package aicr.k8s;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectAccessReviewBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Permission pre-checks with SelfSubjectAccessReviews, all asked concurrently, before anything
 * is created: a denial is UNAUTHORIZED (4) listing every missing permission; an API server that
 * cannot be reached is SERVICE_UNAVAILABLE (6).
 */
public final class Permissions {
    private Permissions() {
    }

    /** One permission: a verb on a resource (API group "" is core), in a namespace or cluster-wide (""). */
    public record Check(String verb, String group, String resource, String namespace) {
        String describe() {
            return verb + " " + resource + " (" + (namespace.isEmpty() ? "cluster-scoped" : "namespace \"" + namespace + "\"") + ")";
        }
    }

    /** Throws unless every check is allowed. */
    public static void require(KubeSession s, List<Check> checks) {
        List<java.util.function.Supplier<Boolean>> asks = new ArrayList<>();
        for (Check c : checks) {
            asks.add(() -> allowed(s, c));
        }
        List<CompletableFuture<Boolean>> answers = Concurrently.start(asks);
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < checks.size(); i++) {
            try {
                if (!answers.get(i).join()) {
                    missing.add(checks.get(i).describe());
                }
            } catch (CompletionException e) {
                // the first failure in check order decides the error, as with the reference's errgroup
                throw (AicrException) e.getCause();
            }
        }
        if (!missing.isEmpty()) {
            throw new AicrException(ErrorCode.UNAUTHORIZED, "missing required permissions: " + String.join("; ", missing));
        }
    }

    private static boolean allowed(KubeSession s, Check c) {
        SelfSubjectAccessReview review = new SelfSubjectAccessReviewBuilder().withNewSpec().withNewResourceAttributes()
                .withVerb(c.verb()).withGroup(c.group()).withResource(c.resource())
                .withNamespace(c.namespace().isEmpty() ? null : c.namespace())
                .endResourceAttributes().endSpec().build();
        try {
            SelfSubjectAccessReview r = s.client().authorization().v1().selfSubjectAccessReview().create(review);
            return r.getStatus() != null && Boolean.TRUE.equals(r.getStatus().getAllowed());
        } catch (RuntimeException e) {
            ErrorCode code = KubeErrors.isNetwork(e) ? ErrorCode.SERVICE_UNAVAILABLE : ErrorCode.INTERNAL;
            throw new AicrException(code, "failed to check permission for " + c.verb() + " " + c.resource(),
                    new AicrException(ErrorCode.INTERNAL, "failed to create SelfSubjectAccessReview",
                            new IllegalStateException(KubeErrors.describe(e, s.server()))));
        }
    }
}
