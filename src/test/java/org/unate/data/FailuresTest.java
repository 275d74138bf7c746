package org.unate.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailuresTest {
    private static ConnectException connect(Throwable cause) {
        ConnectException e = new ConnectException();
        e.initCause(cause);
        return e;
    }

    @Test
    void aRefusedConnectionOfTheHttpClientIsNamedNotNull() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        IOException e;
        try {
            client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/")).build(),
                    HttpResponse.BodyHandlers.discarding());
            throw new AssertionError("nothing should listen on 127.0.0.1:1");
        } catch (IOException x) {
            e = x;
        }
        String d = Failures.describe(e);
        assertTrue(d.startsWith("java.net.ConnectException"), d);
        assertTrue(d.endsWith("(connection refused: nothing listens at that address, or a firewall rejects it)"), d);
        assertFalse(d.contains("null"), d);
        assertTrue(Failures.isUnreachable(e));
        assertEquals(d, Failures.message(e), "a null message is replaced by the description");
    }

    @Test
    void chainsAreJoinedWithoutRepeatsAndWithAHint() {
        assertEquals("java.net.ConnectException, caused by java.nio.channels.UnresolvedAddressException "
                        + "(the host name does not resolve: no network or no DNS)",
                Failures.describe(connect(connect(new UnresolvedAddressException()))));
        assertEquals("java.net.ConnectException, caused by java.nio.channels.ClosedChannelException "
                        + "(connection refused: nothing listens at that address, or a firewall rejects it)",
                Failures.describe(connect(new ClosedChannelException())));
        IllegalStateException inner = new IllegalStateException("disk full");
        assertEquals("java.io.IOException: cannot write x, caused by java.lang.IllegalStateException: disk full",
                Failures.describe(new IOException("cannot write x", inner)));
        // a wrapper whose message is its cause's text does not repeat it
        assertEquals("java.io.UncheckedIOException: java.io.IOException: java.lang.IllegalStateException: disk full",
                Failures.describe(new java.io.UncheckedIOException(new IOException(inner.toString()))));
        assertEquals("java.lang.NullPointerException", Failures.describe(new NullPointerException()));
        assertFalse(Failures.isUnreachable(new IOException("disk full")));
        assertEquals("disk full", Failures.message(new IOException("disk full")));
    }

    @Test
    void aCyclicCauseEnds() {
        IOException a = new IOException("a");
        IOException b = new IOException("b", a);
        a.initCause(b);
        assertEquals("java.io.IOException: a, caused by java.io.IOException: b", Failures.describe(a));
    }
}
