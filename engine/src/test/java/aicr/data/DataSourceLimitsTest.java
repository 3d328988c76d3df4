package aicr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A --data directory is bounded in files and bytes: a bundle holds its files in memory. */
class DataSourceLimitsTest {
    @TempDir
    Path tmp;

    @Test
    void tooManyFilesAreRefused() throws Exception {
        Files.writeString(tmp.resolve("registry.yaml"), "kind: ComponentRegistry\ncomponents: []\n");
        Path many = Files.createDirectories(tmp.resolve("many"));
        for (int i = 0; i < DataSource.MAX_FILES; i++) {
            Files.createFile(many.resolve("f" + i));
        }
        AicrException e = assertThrows(AicrException.class, () -> DataSource.withExternal(tmp));
        assertEquals(8, e.exitCode());
        assertTrue(e.render().contains("external data directory holds more than 10000 files or 67108864 bytes"), e.render());
    }

    @Test
    void tooManyBytesInAllAreRefused() throws Exception {
        Files.writeString(tmp.resolve("registry.yaml"), "kind: ComponentRegistry\ncomponents: []\n");
        for (int i = 0; i < 7; i++) {
            try (RandomAccessFile f = new RandomAccessFile(tmp.resolve("big" + i).toFile(), "rw")) {
                f.setLength(DataSource.MAX_FILE_SIZE); // sparse: no disk used
            }
        }
        AicrException e = assertThrows(AicrException.class, () -> DataSource.withExternal(tmp));
        assertTrue(e.render().contains("holds more than"), e.render());
    }
}
