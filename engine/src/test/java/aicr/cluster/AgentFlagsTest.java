package aicr.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import aicr.errors.AicrException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentFlagsTest {
    @TempDir
    Path tmp;

    @Test
    void tolerationsFollowTheReferenceGrammar() {
        assertEquals(List.of(Toleration.ALL), Toleration.parse(List.of()));
        assertEquals(List.of(new Toleration("k", "Equal", "v", "NoSchedule"), new Toleration("k2", "Exists", "", "NoExecute"),
                Toleration.ALL), Toleration.parse(List.of("k=v:NoSchedule", "k2:NoExecute", "*")));
        assertEquals("k=v:NoSchedule", new Toleration("k", "Equal", "v", "NoSchedule").serialized());
        assertEquals("*", Toleration.ALL.serialized());
        assertThrows(AicrException.class, () -> Toleration.parse(List.of("k=v")));
        assertThrows(AicrException.class, () -> Toleration.parse(List.of("k=v:Never")));
    }

    @Test
    void resourceListsAreCheckedLikeQuantities() {
        assertEquals(Map.of("cpu", "500m", "memory", "1Gi"), AgentFlags.resources(" cpu=500m, ,memory=1Gi "));
        assertEquals(Map.of(), AgentFlags.resources(""));
        assertEquals(Map.of("nvidia.com/gpu", "4", "x", "1e3", "y", "-0"), AgentFlags.resources("nvidia.com/gpu=4,x=1e3,y=-0"));
        for (String bad : List.of("cpu", "=1", "cpu=", "cpu=1x", "cpu=-1", "cpu=1,cpu=2", "cpu=--1")) {
            assertThrows(AicrException.class, () -> AgentFlags.resources(bad), bad);
        }
    }

    @Test
    void nodeSelectorsSplitAtTheFirstEquals() {
        assertEquals(Map.of("a", "b=c"), AgentFlags.nodeSelectors(List.of("a=b=c")));
        assertThrows(AicrException.class, () -> AgentFlags.nodeSelectors(List.of("nokey")));
    }

    @Test
    void kubeconfigResolutionOrder() throws Exception {
        Path flag = Files.writeString(tmp.resolve("flag"), "x");
        Path env = Files.writeString(tmp.resolve("env"), "x");
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve(".kube"));
        Path dflt = Files.writeString(home.resolve(".kube/config"), "x");
        Map<String, String> all = Map.of("KUBECONFIG", env.toString(), "HOME", home.toString());
        assertEquals(flag, Kubeconfig.resolve(flag.toString(), all).file());
        assertEquals(env, Kubeconfig.resolve(null, all).file());
        assertEquals(env, Kubeconfig.resolve("  ", Map.of("KUBECONFIG", "/nope:" + env, "HOME", home.toString())).file(),
                "a KUBECONFIG list takes its first existing file");
        assertEquals(dflt, Kubeconfig.resolve(null, Map.of("HOME", home.toString())).file());
        AicrException none = assertThrows(AicrException.class, () -> Kubeconfig.resolve(null, Map.of("HOME", tmp.toString())));
        assertEquals("[INTERNAL] failed to get in-cluster config: unable to load in-cluster configuration, "
                + "KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined", none.render());
        AicrException missing = assertThrows(AicrException.class, () -> Kubeconfig.resolve("/nonexistent", Map.of()));
        assertEquals("[INTERNAL] failed to build kube config: stat /nonexistent: no such file or directory", missing.render());
    }
}
