package aicr.bundle;

import static aicr.gocompat.GoStrings.quote;

import aicr.bundle.options.ComponentPath;
import aicr.bundle.options.TypedOverride;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.InputSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code --set-file} and {@code --set-json}: decoded values, files first so that JSON wins on the same path. */
final class TypedFlagValues {
    private TypedFlagValues() {
    }

    static final long MAX_FILE_BYTES = 1024 * 1024;

    static List<TypedOverride> parse(List<String> files, List<String> json) {
        List<TypedOverride> out = new ArrayList<>();
        for (String spec : files == null ? List.<String>of() : files) {
            out.add(decode(spec, "--set-file", TypedFlagValues::readFile));
        }
        for (String spec : json == null ? List.<String>of() : json) {
            out.add(decode(spec, "--set-json", TypedFlagValues::readJson));
        }
        for (TypedOverride t : out) {
            if (t.path().equals("enabled")) {
                throw invalid("\"enabled\" is the component enable/disable toggle and must be set with --set (e.g. --set "
                        + t.component() + ":enabled=false), not --set-json/--set-file");
            }
        }
        return out;
    }

    private static TypedOverride decode(String spec, String flag, java.util.function.Function<String, Object> reader) {
        ComponentPath cp = ComponentPath.parse(spec);
        if (!cp.hasValue()) {
            throw invalid("invalid format " + quote(spec) + ": " + flag + " requires 'component:path=value'");
        }
        Object v;
        try {
            v = reader.apply(cp.value());
        } catch (AicrException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid " + flag + " " + quote(spec), e);
        }
        return new TypedOverride(cp.component(), cp.path(), v);
    }

    /** JSON as Go's encoding/json decodes it into an interface (JsonReader: every number a float64). */
    static Object readJson(String raw) {
        return aicr.io.Values.of(aicr.io.JsonReader.parse(raw));
    }

    static Object readFile(String path) {
        Path p = Path.of(path);
        if (Files.notExists(p)) { // not !exists: a link loop is invalid input, not a missing file
            throw new AicrException(ErrorCode.NOT_FOUND, "cannot open --set-file value file: " + path,
                    new java.io.IOException("stat " + path + ": no such file or directory"));
        }
        if (!Files.isRegularFile(p)) {
            throw invalid("--set-file value path must be a regular file: " + path);
        }
        byte[] data;
        try {
            if (Files.size(p) > MAX_FILE_BYTES) {
                throw invalid("--set-file value file " + quote(path) + " exceeds " + MAX_FILE_BYTES + " bytes");
            }
            data = InputSource.readFile(p, path, MAX_FILE_BYTES);
        } catch (java.io.IOException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "cannot open --set-file value file: " + path, e);
        }
        try {
            return aicr.io.Values.of(aicr.io.YamlReader.parse(InputSource.decode(data, path)));
        } catch (RuntimeException e) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "invalid YAML/JSON in --set-file value file: " + path, e);
        }
    }

    private static AicrException invalid(String m) {
        return new AicrException(ErrorCode.INVALID_REQUEST, m);
    }
}
