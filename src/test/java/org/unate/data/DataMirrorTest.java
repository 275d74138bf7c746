package org.unate.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataMirrorTest {
    @TempDir
    Path tmp;

    @Test
    void optionThenEnvironmentThenSharedBesideTheProjectThenNone() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("project"));
        Path opt = tmp.resolve("opt");
        assertEquals(new DataMirror(Optional.of(opt), "--mirror"), DataMirror.resolve(root, opt, "/env"));
        assertEquals(new DataMirror(Optional.of(Path.of("/env")), "UNATE_DATA_MIRROR"),
                DataMirror.resolve(root, null, "/env"));
        DataMirror none = DataMirror.resolve(root, null, " ");
        assertEquals(Optional.empty(), none.dir());
        assertEquals("no mirror: UNATE_DATA_MIRROR is not set and " + tmp.resolve("shared/data") + " does not exist",
                none.status());
        Path shared = Files.createDirectories(tmp.resolve("shared/data"));
        assertEquals(Optional.of(shared), DataMirror.resolve(root, null, null).dir());
        assertEquals("../shared/data beside the project", DataMirror.resolve(root, null, null).origin());
    }

    @Test
    void statesWhatIsWrongWithTheFolder() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        assertEquals("mirror " + file + " (UNATE_DATA_MIRROR) is not a folder",
                new DataMirror(Optional.of(file), "UNATE_DATA_MIRROR").whyNot("t.json"));
        Path dir = Files.createDirectories(tmp.resolve("m/embeddings"));
        DataMirror m = new DataMirror(Optional.of(tmp.resolve("m")), "--mirror");
        assertEquals("mirror " + tmp.resolve("m") + " (--mirror) has no embeddings/t.json", m.whyNot("embeddings/t.json"));
        Files.writeString(dir.resolve("t.json"), "{}");
        assertEquals(Optional.of(dir.resolve("t.json")), m.find("embeddings/t.json"));
        assertTrue(m.find("embeddings").isEmpty(), "a folder is not a dataset file");
        assertEquals("mirror " + tmp.resolve("nope") + " (given) does not exist",
                DataMirror.of(tmp.resolve("nope")).whyNot("t.json"));
    }
}
