package org.unate.crystal.io;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Paths of the committed test files under src/test/resources/crystal. */
final class TestFiles {
    private TestFiles() {
    }

    static Path path(String name) {
        URL u = TestFiles.class.getResource("/crystal/" + name);
        if (u == null) {
            throw new IllegalStateException("test resource crystal/" + name + " is missing");
        }
        try {
            return Path.of(u.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
