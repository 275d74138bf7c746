package org.unate.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code eval} holds metrics and statistics only: it must not import the packages that run experiments or present them
 * ({@code experiment}, {@code property}, {@code model}, {@code report}, {@code cli}), so that {@code experiment} can use
 * it without a cycle.
 */
class EvalDependenciesTest {
    @Test
    void evalImportsNoRunLogic() throws Exception {
        List<String> bad = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/unate/eval"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.matches("import (static )?org\\.unate\\.(experiment|property|model|report|cli)\\..*")) {
                        bad.add(f.getFileName() + ": " + line);
                    }
                }
            }
        }
        assertEquals(List.of(), bad);
    }
}
