package aicr.collector;

import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.log.Log;
import aicr.snapshot.Measurement;
import aicr.snapshot.Reading;
import aicr.snapshot.Subtype;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code OS} measurement (spec §2.4): kernel command line ({@code grub}), every sysctl
 * under {@code /proc/sys} except networking ({@code sysctl}), loaded modules ({@code kmod}) and
 * os-release ({@code release}), read in that order; a part that fails is logged and left out.
 */
final class OsCollector implements Collector {
    private final HostRoot root;

    OsCollector(HostRoot root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "os";
    }

    @Override
    public Duration budget() {
        return Duration.ofSeconds(10);
    }

    private interface Part {
        Subtype collect();
    }

    @Override
    public Measurement collect() {
        Log.info("collecting OS configuration");
        Map<String, Part> parts = new LinkedHashMap<>();
        parts.put("grub", this::grub);
        parts.put("sysctl", this::sysctl);
        parts.put("kmod", this::kmod);
        parts.put("release", this::release);
        List<Subtype> subtypes = new ArrayList<>();
        for (Map.Entry<String, Part> p : parts.entrySet()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new AicrException(ErrorCode.TIMEOUT, "OS collection cancelled");
            }
            try {
                subtypes.add(p.getValue().collect());
            } catch (AicrException e) {
                Log.warn("failed to collect " + p.getKey() + " - skipping", "collector", p.getKey(), "error", e.render());
            }
        }
        return new Measurement("OS", subtypes);
    }

    private static Subtype subtype(String name, Map<String, Reading> data) {
        return new Subtype(name, data, Map.of(), List.of());
    }

    /** {@code /proc/cmdline}: space-separated tokens, {@code k=v} or a bare flag (""); {@code root} dropped. */
    Subtype grub() {
        Map<String, String> params;
        try {
            params = LineReader.map(LineReader.lines(root.path("/proc/cmdline"), " ", true), "=", "", false);
        } catch (AicrException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to read GRUB params from /proc/cmdline", e);
        }
        Map<String, Reading> data = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (!k.equals("root")) {
                data.put(k, Reading.of(v));
            }
        });
        return subtype("grub", data);
    }

    /**
     * {@code /proc/sys}, walked in name order: one reading per file keyed by its host path, or,
     * for a file of several "name value..." lines, one reading per line keyed
     * {@code <path>/<name>}. Networking, directories, links and unreadable files are skipped.
     */
    Subtype sysctl() {
        Map<String, Reading> data = new LinkedHashMap<>();
        walk(root.path("/proc/sys"), "/proc/sys", 0, new long[]{0, 0}, data);
        data.keySet().removeIf(k -> k.startsWith("/proc/sys/dev/cdrom/"));
        return subtype("sysctl", data);
    }

    /** Deepest directory level walked under {@code /proc/sys} (a real one is about 6 deep). */
    static final int MAX_SYSCTL_DEPTH = 32;
    /** Most entries walked under {@code /proc/sys} (a real one has a few thousand). */
    static final int MAX_SYSCTL_ENTRIES = 100_000;
    /** Most characters of sysctl values kept (a real {@code /proc/sys} holds well under 1 MiB). */
    static final long MAX_SYSCTL_CHARS = 16L * 1024 * 1024;

    /**
     * @param host the host path of {@code dir}, the prefix of every key
     * @param seen entries walked and characters kept so far: a host tree that is too deep or too
     *     large ends the part with one warning instead of exhausting the stack, memory or time
     */
    private void walk(Path dir, String host, int depth, long[] seen, Map<String, Reading> data) {
        if (depth > MAX_SYSCTL_DEPTH) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "/proc/sys nests deeper than " + MAX_SYSCTL_DEPTH + " levels");
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (++seen[0] > MAX_SYSCTL_ENTRIES) {
                    throw new AicrException(ErrorCode.INVALID_REQUEST, "/proc/sys holds more than " + MAX_SYSCTL_ENTRIES + " entries");
                }
                entries.add(p);
            }
        } catch (IOException e) {
            Log.debug("skipping unreadable sysctl path", "path", host, "error", String.valueOf(e.getMessage()));
            return;
        }
        // Go's WalkDir order: entries sorted by name, bytewise
        entries.sort((a, b) -> compareBytes(a.getFileName().toString(), b.getFileName().toString()));
        for (Path p : entries) {
            if (Thread.currentThread().isInterrupted()) {
                throw new AicrException(ErrorCode.TIMEOUT, "sysctl collection cancelled");
            }
            String path = host + "/" + p.getFileName();
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                continue;
            }
            if (a.isSymbolicLink()) {
                continue;
            }
            if (a.isDirectory()) {
                if (!path.startsWith("/proc/sys/net")) {
                    walk(p, path, depth + 1, seen, data);
                }
                continue;
            }
            if (!a.isRegularFile() || path.startsWith("/proc/sys/net")) {
                continue;
            }
            List<String> lines;
            try {
                lines = LineReader.lines(p, "\n", true);
            } catch (AicrException e) {
                continue;
            }
            for (String l : lines) {
                seen[1] += l.length();
            }
            if (seen[1] > MAX_SYSCTL_CHARS) {
                throw new AicrException(ErrorCode.INVALID_REQUEST, "/proc/sys values exceed " + MAX_SYSCTL_CHARS + " characters");
            }
            if (lines.size() > 1 && keyValueLines(path, lines, data)) {
                continue;
            }
            data.put(path, Reading.of(String.join("\n", lines)));
        }
    }

    /** Every line "name value...": one reading per line; false (nothing added) otherwise. */
    private static boolean keyValueLines(String host, List<String> lines, Map<String, Reading> data) {
        Map<String, Reading> tmp = new LinkedHashMap<>();
        for (String line : lines) {
            List<String> f = LineReader.fields(line);
            if (f.size() < 2) {
                return false;
            }
            tmp.put(host + "/" + f.get(0), Reading.of(String.join(" ", f.subList(1, f.size()))));
        }
        data.putAll(tmp);
        return true;
    }

    /** {@code /proc/modules}: the first field of each line, as true. */
    Subtype kmod() {
        List<String> lines;
        try {
            lines = LineReader.lines(root.path("/proc/modules"), "\n", true);
        } catch (AicrException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to read kernel modules from /proc/modules", e);
        }
        Map<String, Reading> data = new LinkedHashMap<>();
        for (String line : lines) {
            List<String> f = LineReader.fields(line);
            if (!f.isEmpty()) {
                data.put(f.get(0), new Reading(Boolean.TRUE));
            }
        }
        return subtype("kmod", data);
    }

    /** {@code /etc/os-release}, else {@code /usr/lib/os-release}: KEY=VALUE, quotes stripped, empty values dropped. */
    Subtype release() {
        String file = root.exists("/etc/os-release") ? "/etc/os-release" : "/usr/lib/os-release";
        Map<String, String> params;
        try {
            params = LineReader.map(LineReader.lines(root.path(file), "\n", true), "=", "\"'", true);
        } catch (AicrException e) {
            throw new AicrException(ErrorCode.INTERNAL, "failed to read os release from " + file, e);
        }
        Map<String, Reading> data = new LinkedHashMap<>();
        params.forEach((k, v) -> data.put(k, Reading.of(v)));
        return subtype("release", data);
    }

    /** Byte order of the UTF-8 encodings (Go's string comparison). */
    static int compareBytes(String a, String b) {
        byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    }
}
