package aicr.bundle.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigTest {
    @TempDir
    Path tmp;

    private Optional<Credentials> lookup(String json, String registry) throws Exception {
        Files.writeString(tmp.resolve("config.json"), json);
        return new DockerConfig(tmp.resolve("config.json"), new CredentialHelpers(List.of(), Duration.ofSeconds(1)))
                .lookup(registry);
    }

    @Test
    void authsKeysMatchByHostWithOrWithoutSchemeAndPath() {
        assertTrue(DockerConfig.sameRegistry("ghcr.io", "ghcr.io"));
        assertTrue(DockerConfig.sameRegistry("https://ghcr.io/v2/", "ghcr.io"));
        assertTrue(DockerConfig.sameRegistry("http://localhost:5000", "localhost:5000"));
        assertFalse(DockerConfig.sameRegistry("localhost:5000", "localhost:5001"));
        assertFalse(DockerConfig.sameRegistry("ghcr.io.evil.example", "ghcr.io"));
        assertTrue(DockerConfig.sameRegistry("https://index.docker.io/v1/", "docker.io"));
    }

    @Test
    void authEntryKinds() throws Exception {
        assertEquals(Optional.of(Credentials.basic("u", "p:w")), lookup("{\"auths\":{\"r.io\":{\"auth\":\"dTpwOnc=\"}}}", "r.io"));
        assertEquals(Optional.of(Credentials.identityToken("t")), lookup("{\"auths\":{\"r.io\":{\"identitytoken\":\"t\"}}}", "r.io"));
        assertEquals(Optional.empty(), lookup("{\"auths\":{\"other.io\":{\"auth\":\"dTpw\"}}}", "r.io"));
        assertEquals(Optional.empty(), new DockerConfig(tmp.resolve("absent.json"),
                new CredentialHelpers(List.of(), Duration.ofSeconds(1))).lookup("r.io"));
    }

    @Test
    void brokenConfigIsAnInvalidRequestNamingTheFile() {
        AicrException e = assertThrows(AicrException.class, () -> lookup("{\"auths\":", "r.io"));
        assertEquals(ErrorCode.INVALID_REQUEST, e.code());
        assertTrue(e.getMessage().startsWith("invalid Docker config " + tmp.resolve("config.json")), e.getMessage());
        e = assertThrows(AicrException.class, () -> lookup("{\"auths\":{\"r.io\":{\"auth\":\"%%%\"}}}", "r.io"));
        assertEquals("invalid Docker config " + tmp.resolve("config.json") + ": auths[\"r.io\"].auth is not base64",
                e.getMessage());
    }
}
