package aicr.capture;

import aicr.bundle.template.GoStruct;
import aicr.bundle.template.GoTemplate;
import aicr.bundle.template.TemplateException;
import aicr.errors.AicrException;
import aicr.errors.ErrorCode;
import aicr.io.InputSource;
import aicr.io.Output;
import aicr.snapshot.Item;
import aicr.snapshot.Measurement;
import aicr.snapshot.Snapshot;
import aicr.snapshot.Subtype;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code aicr snapshot --template FILE}: the snapshot rendered through a Go text/template (the
 * engine the bundle uses). The data has the reference's shape: {@code .Kind}, {@code .APIVersion},
 * {@code .Metadata}, {@code .Fingerprint}, {@code .Measurements} with {@code .Type} and
 * {@code .Subtypes} ({@code .Name}, {@code .Data}, {@code .Context}, {@code .Items}); readings are
 * their plain values. Methods on values ({@code .Type.String}) and Sprig functions beyond the
 * engine's set are not available.
 */
final class SnapshotTemplate {
    private SnapshotTemplate() {
    }

    /** The template must exist before anything is collected (URLs are fetched when used). */
    static void check(String path) {
        if (path.startsWith("http://") || path.startsWith("https://")) {
            return;
        }
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            throw new AicrException(ErrorCode.NOT_FOUND, "template file not found: " + path);
        }
        if (Files.isDirectory(p)) {
            throw new AicrException(ErrorCode.INVALID_REQUEST, "template path is a directory, not a file: " + path);
        }
        if (!Files.isRegularFile(p)) {
            // checked before collecting: reading a FIFO would block only after the Job has run
            throw new AicrException(ErrorCode.INVALID_REQUEST,
                    "template path is not a regular file (a FIFO, device or socket cannot be read as input): " + path);
        }
    }

    static void write(String templatePath, Snapshot snap, String output, PrintStream stdout) {
        String text = InputSource.decode(InputSource.read(templatePath), templatePath);
        String rendered;
        try {
            rendered = GoTemplate.parse(Path.of(templatePath).getFileName().toString(), text).execute(data(snap));
        } catch (TemplateException e) {
            throw new AicrException(ErrorCode.INTERNAL, e.kind() == TemplateException.Kind.PARSE
                    ? "failed to parse template" : "failed to execute template", e);
        }
        Output.write(output, rendered, stdout);
    }

    /** The template's dot: Go field names, the header's fields promoted as in the reference's struct. */
    static GoStruct data(Snapshot snap) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("Kind", snap.kind());
        header.put("APIVersion", snap.apiVersion());
        header.put("Metadata", new LinkedHashMap<String, Object>(snap.metadata()));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("Header", new GoStruct("header.Header", header));
        fields.putAll(header);
        fields.put("Fingerprint", aicr.io.Values.copy(aicr.snapshot.Fingerprint.of(snap).toStruct()));
        List<Object> ms = new ArrayList<>();
        for (Measurement m : snap.measurements()) {
            List<Object> subs = new ArrayList<>();
            for (Subtype st : m.subtypes()) {
                List<Object> items = new ArrayList<>();
                for (Item i : st.items()) {
                    Map<String, Object> f = new LinkedHashMap<>();
                    f.put("Context", new LinkedHashMap<String, Object>(i.context()));
                    f.put("Data", values(i.data()));
                    items.add(new GoStruct("measurement.ItemEntry", f));
                }
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("Name", st.name());
                f.put("Data", values(st.data()));
                f.put("Context", new LinkedHashMap<String, Object>(st.context()));
                f.put("Items", items);
                subs.add(new GoStruct("measurement.Subtype", f));
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("Type", m.type());
            f.put("Subtypes", subs);
            ms.add(new GoStruct("measurement.Measurement", f));
        }
        fields.put("Measurements", ms);
        return new GoStruct("snapshotter.Snapshot", fields);
    }

    private static Map<String, Object> values(Map<String, aicr.snapshot.Reading> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        data.forEach((k, v) -> out.put(k, v == null ? null : v.value()));
        return out;
    }
}
