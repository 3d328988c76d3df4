package aicr.bundle.deployer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SourceNamesTest {
    @Test
    void sanitizesUrls() {
        assertEquals("ghcr-io-nvidia-nodewright-charts", SourceNames.sanitize("oci://ghcr.io/nvidia/nodewright/charts", "x"));
        assertEquals("github-com-your-org-your-repo", SourceNames.sanitize("https://github.com/YOUR_ORG/YOUR_REPO.git", "x"));
        assertEquals("charts-example-com", SourceNames.sanitize("http://charts.example.com/", "x"));
        assertEquals("default-repo", SourceNames.sanitize("https://", "default-repo"));
        assertEquals(63, SourceNames.sanitize("https://" + "a".repeat(80), "x").length());
        assertEquals("a".repeat(62), SourceNames.sanitize("https://" + "a".repeat(62) + "-b", "x"));
    }
}
