package aicr.bundle.oci;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.JsonReader;
import aicr.io.Values;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials the way the Docker client finds them in its {@code config.json}: a
 * {@code credHelpers} entry for the registry names the helper to ask; otherwise
 * {@code credsStore} names the helper for every registry; otherwise the {@code auths} entry
 * ({@code auth} = base64 of {@code user:password}, or {@code username}/{@code password}, or an
 * {@code identitytoken}) is used. {@code auths} keys match by host name, with or without scheme
 * and path, as Docker matches them.
 */
final class DockerConfig {
    /** Docker Hub's key in config.json, whatever host name the reference uses. */
    private static final String DOCKER_HUB_KEY = "https://index.docker.io/v1/";
    /** config.json is small; a larger file is not a Docker configuration. */
    private static final long MAX_CONFIG_BYTES = 1 << 20;

    private final Path file;
    private final CredentialHelpers helpers;

    DockerConfig(Path file, CredentialHelpers helpers) {
        this.file = file;
        this.helpers = helpers;
    }

    /** {@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json}; helpers from {@code $PATH}. */
    static DockerConfig fromEnvironment() {
        String dir = System.getenv("DOCKER_CONFIG");
        Path file = dir != null && !dir.isEmpty() ? Path.of(dir, "config.json")
                : Path.of(System.getProperty("user.home"), ".docker", "config.json");
        return new DockerConfig(file, CredentialHelpers.fromEnvironment());
    }

    /**
     * The credentials for {@code registry} (host[:port]), empty when none are configured.
     *
     * @throws AicrException when the file is not valid JSON or a helper fails
     */
    Optional<Credentials> lookup(String registry) {
        Map<String, Object> cfg = read();
        if (cfg.isEmpty()) {
            return Optional.empty();
        }
        String host = isDockerHub(registry) ? DOCKER_HUB_KEY : registry;
        if (cfg.get("credHelpers") instanceof Map<?, ?> perRegistry && perRegistry.get(host) instanceof String helper
                && !helper.isEmpty()) {
            return helpers.get(helper, host, "credHelpers");
        }
        if (cfg.get("credsStore") instanceof String store && !store.isEmpty()) {
            return helpers.get(store, host, "credsStore");
        }
        return cfg.get("auths") instanceof Map<?, ?> auths ? fromAuths(auths, registry) : Optional.empty();
    }

    private Map<String, Object> read() {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            if (Files.size(file) > MAX_CONFIG_BYTES) {
                throw invalid("larger than 1 MiB");
            }
            Map<String, Object> cfg = Values.mapOf(JsonReader.parse(Files.readString(file, StandardCharsets.UTF_8)));
            if (cfg == null) {
                throw invalid("not a JSON object");
            }
            return cfg;
        } catch (IOException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "cannot read Docker config " + file, e);
        } catch (AicrException e) {
            throw e;
        } catch (RuntimeException e) {
            throw invalid(e.getMessage());
        }
    }

    private AicrException invalid(String why) {
        return new AicrException(ErrorCode.INVALID_REQUEST, "invalid Docker config " + file + ": " + why);
    }

    private Optional<Credentials> fromAuths(Map<?, ?> auths, String registry) {
        for (Map.Entry<?, ?> e : auths.entrySet()) {
            if (!(e.getKey() instanceof String key) || !(e.getValue() instanceof Map<?, ?> entry)
                    || !sameRegistry(key, registry)) {
                continue;
            }
            if (entry.get("identitytoken") instanceof String token && !token.isEmpty()) {
                return Optional.of(Credentials.identityToken(token));
            }
            if (entry.get("auth") instanceof String auth && !auth.isEmpty()) {
                String pair;
                try {
                    pair = new String(Base64.getDecoder().decode(auth), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException bad) {
                    throw invalid("auths[\"" + key + "\"].auth is not base64");
                }
                int colon = pair.indexOf(':');
                if (colon < 0) {
                    throw invalid("auths[\"" + key + "\"].auth is not base64 of user:password");
                }
                return Optional.of(Credentials.basic(pair.substring(0, colon), pair.substring(colon + 1)));
            }
            if (entry.get("username") instanceof String user && entry.get("password") instanceof String password) {
                return Optional.of(Credentials.basic(user, password));
            }
        }
        return Optional.empty();
    }

    /** Docker's rule: a key matches when its host (scheme and path stripped) is the registry. */
    static boolean sameRegistry(String key, String registry) {
        if (isDockerHub(registry)) {
            return key.equals(DOCKER_HUB_KEY) || isDockerHub(hostOf(key));
        }
        return hostOf(key).equalsIgnoreCase(registry);
    }

    private static String hostOf(String key) {
        String k = key.contains("://") ? key : "//" + key;
        try {
            URI u = URI.create(k);
            if (u.getRawAuthority() != null) {
                return u.getRawAuthority();
            }
        } catch (IllegalArgumentException notAUri) {
            // fall through to the plain split
        }
        String noScheme = key.contains("://") ? key.substring(key.indexOf("://") + 3) : key;
        int slash = noScheme.indexOf('/');
        return slash < 0 ? noScheme : noScheme.substring(0, slash);
    }

    private static boolean isDockerHub(String registry) {
        return registry.equals("docker.io") || registry.equals("index.docker.io") || registry.equals("registry-1.docker.io");
    }
}
