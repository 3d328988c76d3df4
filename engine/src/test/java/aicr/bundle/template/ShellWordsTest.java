package aicr.bundle.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import aicr.errors.AicrException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellWordsTest {
    @Test
    void safeWordsStayBareSoValidScriptsDoNotChange() {
        for (String w : List.of("gpu-operator", "kube-system", "v1.2.3", "a_b", "x@y:z,w=1+2%", "")) {
            assertEquals(w, ShellWords.word(w));
            assertEquals(w, ShellWords.token("namespace", w));
        }
    }

    @Test
    void anythingElseIsOneSingleQuotedWord() throws Exception {
        assertEquals("'a b'", ShellWords.word("a b"));
        assertEquals("'x; touch /tmp/pwned'", ShellWords.word("x; touch /tmp/pwned"));
        assertEquals("'$(id)'", ShellWords.word("$(id)"));
        assertEquals("'it'\\''s'", ShellWords.word("it's"));
        // bash reads each back as exactly the original word
        for (String hostile : List.of("x; touch /tmp/pwned", "$(id)", "`id`", "it's", "a\nb", "\"q\"", "*", "~root", "a\\b")) {
            assertEquals(hostile, echo(ShellWords.word(hostile)));
        }
    }

    @Test
    void tokenRefusesWhatCannotBeQuotedInPlace() {
        AicrException e = assertThrows(AicrException.class, () -> ShellWords.token("namespace", "a\"; id; \""));
        assertEquals(2, e.exitCode());
    }

    private static String echo(String word) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "printf '%s' " + word).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
