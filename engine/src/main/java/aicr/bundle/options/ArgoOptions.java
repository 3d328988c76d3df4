package aicr.bundle.options;

import static aicr.gocompat.GoStrings.quote;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.gocompat.GoStrings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Argo CD Application options from {@code --set deployer:<key>=<value>} (argocd and
 * argocd-helm only). Empty strings mean "the deployer's default".
 */
public record ArgoOptions(String namePrefix, String destinationServer, String project, boolean cascadeDelete) {
    public static final ArgoOptions DEFAULTS = new ArgoOptions("", "", "", false);
    public static final String DEFAULT_DESTINATION = "https://kubernetes.default.svc";
    public static final String DEFAULT_PROJECT = "default";

    private static final Pattern NAME_PREFIX = Pattern.compile("^[a-z0-9][a-z0-9-]*$");

    public String destinationOrDefault() {
        return destinationServer.isEmpty() ? DEFAULT_DESTINATION : destinationServer;
    }

    public String projectOrDefault() {
        return project.isEmpty() ? DEFAULT_PROJECT : project;
    }

    /** Parses the {@code deployer:} entries; keys are processed in sorted order, as the reference does. */
    public static ArgoOptions parse(Map<String, String> entries) {
        String prefix = "";
        String server = "";
        String project = "";
        boolean cascade = false;
        for (Map.Entry<String, String> e : new TreeMap<>(entries).entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "namePrefix" -> {
                    namePrefix(v);
                    prefix = v;
                }
                case "destinationServer" -> {
                    destinationServer(v);
                    server = v;
                }
                case "project" -> {
                    if (v.isEmpty()) {
                        throw invalid("invalid deployer project \"\": must not be empty");
                    }
                    project(v);
                    project = v;
                }
                case "cascadeDelete" -> {
                    try {
                        cascade = GoStrings.parseBool(v);
                    } catch (AicrException ex) {
                        throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid deployer cascadeDelete value "
                                + quote(v) + ": must be a boolean", new IllegalArgumentException(ex.getMessage()));
                    }
                }
                default -> throw invalid("unknown deployer option " + quote(e.getKey())
                        + ": valid keys are cascadeDelete, destinationServer, namePrefix, project");
            }
        }
        return new ArgoOptions(prefix, server, project, cascade);
    }

    static void namePrefix(String p) {
        if (!p.isEmpty() && !NAME_PREFIX.matcher(p).matches()) {
            throw invalid("invalid deployer namePrefix " + quote(p)
                    + ": must be lowercase alphanumeric with hyphens, starting with an alphanumeric character");
        }
    }

    static void destinationServer(String raw) {
        Validators.httpsUrl("deployer destinationServer", raw);
        if (!raw.isEmpty() && !raw.startsWith("https://")) {
            throw invalid("invalid deployer destinationServer " + quote(raw) + ": scheme must be lowercase https://");
        }
        for (char c : raw.toCharArray()) {
            if (c == '\'' || c == '"' || c == ' ' || c == '@' || Character.isISOControl(c)) {
                throw invalid("invalid deployer destinationServer " + quote(raw)
                        + ": must not contain quotes, spaces, control characters, or '@'");
            }
        }
    }

    static void project(String v) {
        List<String> errs = Validators.dns1123SubdomainErrors(v);
        if (!errs.isEmpty()) {
            throw invalid("invalid deployer project " + quote(v) + ": " + errs.get(0));
        }
    }

    private static AicrException invalid(String m) {
        return new AicrException(ErrorCode.INVALID_REQUEST, m);
    }
}
