package aicr.bundle.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aicr.errors.AicrException;
import org.junit.jupiter.api.Test;

class SafePathTest {
    @Test
    void joinsInsideTheBase() {
        assertEquals("c/templates/components/x/m.yaml", SafePath.join("c/templates", "components/x/./m.yaml"));
        assertEquals("c/templates/m.yaml", SafePath.join("c/templates", "a/../m.yaml"));
    }

    @Test
    void refusesEscapes() {
        assertEquals("[INVALID_REQUEST] path component \"../../x\" escapes base directory",
                assertThrows(AicrException.class, () -> SafePath.join("c/templates", "../../x")).render());
        assertEquals("[INVALID_REQUEST] path component \"/etc/passwd\" is absolute and escapes base directory",
                assertThrows(AicrException.class, () -> SafePath.join("c", "/etc/passwd")).render());
        assertThrows(AicrException.class, () -> SafePath.checked("../x"));
        assertThrows(AicrException.class, () -> SafePath.checked("a//b"));
    }

    @Test
    void singleElements() {
        assertTrue(SafePath.isSingleElement("cert-manager"));
        assertFalse(SafePath.isSingleElement("../evil"));
        assertFalse(SafePath.isSingleElement("a\\b"));
        assertFalse(SafePath.isSingleElement(".."));
        assertEquals("m.yaml", SafePath.baseName("components/x/../m.yaml"));
    }
}
