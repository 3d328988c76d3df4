package aicr.bundle.argocdhelm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChartVersionTest {
    @ParameterizedTest
    @CsvSource(value = {"dev|0.0.0-dev", "v1.2.3|1.2.3", "1.2.3-rc.1+b5|1.2.3-rc.1+b5", "''|0.1.0", "v|0.1.0",
        "2026.07|0.0.0-2026.7", "1.2|0.0.0-1.2", "my build_01|0.0.0-my.build.1"}, delimiter = '|')
    void alwaysSemver(String in, String out) {
        String v = ChartVersion.of(in.equals("''") ? "" : in);
        assertEquals(out, v);
        assertTrue(ChartVersion.isSemver(v));
    }
}
