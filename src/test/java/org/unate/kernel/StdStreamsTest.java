package org.unate.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Output routing: UTF-8 sequences are never split between messages. */
class StdStreamsTest {

    @Test
    void completeUtf8Prefix() {
        byte[] euro = "a€".getBytes(StandardCharsets.UTF_8); // 1 + 3 bytes
        assertEquals(4, StdStreams.completeUtf8Prefix(euro, 4));
        assertEquals(1, StdStreams.completeUtf8Prefix(euro, 3));
        assertEquals(1, StdStreams.completeUtf8Prefix(euro, 2));
        assertEquals(1, StdStreams.completeUtf8Prefix(euro, 1));
        assertEquals(0, StdStreams.completeUtf8Prefix(euro, 0));
    }

    @Test
    void routerHoldsBackAPartialCharacter() {
        StringBuilder got = new StringBuilder();
        StdStreams.Router r = new StdStreams.Router(new PrintStream(PrintStream.nullOutputStream()));
        r.attach(got::append);
        byte[] b = "x€y".getBytes(StandardCharsets.UTF_8);
        r.write(b, 0, 3);
        r.flush();
        assertEquals("x", got.toString());
        r.write(b, 3, b.length - 3);
        r.flush();
        assertEquals("x€y", got.toString());
    }
}
