package aicr.bundle.vendor;

import aicr.io.Struct;
import aicr.io.YamlWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code provenance.yaml}: which chart tarballs a bundle vendors, from where, with their digests. */
public final class Provenance {
    private Provenance() {
    }

    public static final String FILE = "provenance.yaml";

    public static String render(List<VendorRecord> records) {
        List<VendorRecord> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparing(VendorRecord::name));
        List<Object> charts = new ArrayList<>();
        for (VendorRecord r : sorted) {
            Struct s = new Struct().with("chart", r.chart()).with("name", r.name());
            if (!r.pullerVersion().isEmpty()) {
                s.put("pullerVersion", r.pullerVersion());
            }
            s.with("repository", r.repository()).with("sha256", r.sha256()).with("tarballName", r.tarballName())
                    .with("version", r.version());
            charts.add(s);
        }
        return YamlWriter.write(new Struct().with("apiVersion", "aicr.run/v1alpha2").with("kind", "BundleProvenance")
                .with("vendoredCharts", charts), true);
    }
}
