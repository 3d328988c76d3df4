package aicr.bundle.options;

import static aicr.gocompat.GoStrings.quote;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Checks on names and URLs that end up in Kubernetes objects (DNS-1123 names, https endpoints). */
public final class Validators {
    private Validators() {
    }

    private static final String DNS1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS1123_SUBDOMAIN = DNS1123_LABEL + "(\\." + DNS1123_LABEL + ")*";
    private static final Pattern SUBDOMAIN = Pattern.compile("^" + DNS1123_SUBDOMAIN + "$");
    private static final Pattern LABEL = Pattern.compile("^" + DNS1123_LABEL + "$");

    /**
     * A component name or namespace of a bundled component: a DNS-1123 label (what Kubernetes
     * accepts as a namespace and Helm as a release name). They become folder names and words of
     * the generated shell scripts, so nothing else may pass. An empty namespace is allowed (the
     * reference accepts it: the release goes to the current context's namespace).
     */
    public static void componentIdentity(String name, String namespace) {
        if (!isLabel(name)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid component name " + quote(name) + ": " + LABEL_RULE);
        }
        if (!namespace.isEmpty() && !isLabel(namespace)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid namespace " + quote(namespace)
                    + " of component " + quote(name) + ": " + LABEL_RULE);
        }
    }

    private static final String LABEL_RULE = "must be a DNS-1123 label (at most 63 lower case letters, digits or '-', "
            + "starting and ending with a letter or digit)";

    static boolean isLabel(String v) {
        return v.length() <= 63 && LABEL.matcher(v).matches();
    }

    /** Kubernetes' IsDNS1123Subdomain messages; empty when valid. */
    public static List<String> dns1123SubdomainErrors(String v) {
        List<String> errs = new ArrayList<>();
        if (v.length() > 253) {
            errs.add("must be no more than 253 characters");
        }
        if (!SUBDOMAIN.matcher(v).matches()) {
            errs.add("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
                    + "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
                    + "validation is '" + DNS1123_SUBDOMAIN + "')");
        }
        return errs;
    }

    /** Parent Application name: "" means the deployer default. */
    public static void appName(String name) {
        if (name.isEmpty()) {
            return;
        }
        List<String> errs = dns1123SubdomainErrors(name);
        if (!errs.isEmpty()) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid app name " + quote(name)
                    + ": must be a DNS-1123 subdomain (" + String.join("; ", errs) + ")");
        }
    }

    /**
     * An absolute {@code https://} URL with a host name and no user info, as Go's url.Parse reads
     * it ("" is allowed and means "use the default").
     */
    public static void httpsUrl(String label, String raw) {
        if (raw.isEmpty()) {
            return;
        }
        if (!isHttpsUrl(raw)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid " + label + " " + quote(raw)
                    + ": must be an absolute https:// URL with a hostname and without embedded credentials");
        }
    }

    static boolean isHttpsUrl(String raw) {
        int colon = raw.indexOf(':');
        if (colon <= 0 || !raw.substring(0, colon).toLowerCase(Locale.ROOT).equals("https")) {
            return false;
        }
        String rest = raw.substring(colon + 1);
        if (!rest.startsWith("//")) {
            return false;
        }
        String authority = rest.substring(2);
        int end = authority.length();
        for (char c : new char[]{'/', '?', '#'}) {
            int i = authority.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        authority = authority.substring(0, end);
        if (authority.indexOf('@') >= 0) {
            return false;
        }
        String host = authority;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close > 1;
        }
        int portColon = host.lastIndexOf(':');
        if (portColon >= 0) {
            host = host.substring(0, portColon);
        }
        return !host.isEmpty();
    }
}
