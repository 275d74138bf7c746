package org.unate.data;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Says what went wrong in words, for exceptions whose message is null or says little on its own (the JDK's HTTP
 * client fails a refused or unresolvable connection with {@code ConnectException} whose message is null).
 */
public final class Failures {
    private static final int MAX_CAUSES = 6;

    private Failures() {
    }

    /**
     * The exception and its causes, never the bare word "null": each link as {@code type: message} or just
     * {@code type} when it has no message, joined by {@code ", caused by "} (a cause whose text the message already
     * holds is left out), and a hint in parentheses for the network failures that say nothing themselves, e.g.
     * {@code java.net.ConnectException, caused by java.nio.channels.UnresolvedAddressException (the host name does
     * not resolve: no network or no DNS)}.
     */
    public static String describe(Throwable t) {
        if (t == null) {
            return "unknown error (no exception)";
        }
        List<String> links = new ArrayList<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        String previous = null;
        for (Throwable x = t; x != null && !seen.containsKey(x) && links.size() < MAX_CAUSES; x = x.getCause()) {
            seen.put(x, true);
            String msg = x.getMessage();
            String link = msg == null || msg.isBlank() ? x.getClass().getName() : x.getClass().getName() + ": " + msg;
            if (previous != null && (previous.equals(link) || previous.contains(link))) {
                continue;  // the same type without a message again, or a cause the message already quotes
            }
            links.add(link);
            previous = link;
        }
        String hint = hint(t);
        return String.join(", caused by ", links) + (hint == null ? "" : " (" + hint + ")");
    }

    /** The message of {@code t}, or {@link #describe(Throwable)} when the message is null or blank. */
    public static String message(Throwable t) {
        String msg = t == null ? null : t.getMessage();
        return msg == null || msg.isBlank() ? describe(t) : msg;
    }

    /** True when {@code t} or a cause says the network or the host could not be reached at all. */
    public static boolean isUnreachable(Throwable t) {
        return hint(t) != null;
    }

    /** What a network failure means, judged from the whole chain; null when it is not one of those. */
    static String hint(Throwable t) {
        boolean connect = false;
        boolean closed = false;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable x = t; x != null && !seen.containsKey(x); x = x.getCause()) {
            seen.put(x, true);
            if (x instanceof UnresolvedAddressException || x instanceof UnknownHostException) {
                return "the host name does not resolve: no network or no DNS";
            }
            if (x instanceof NoRouteToHostException) {
                return "no route to the host: no network";
            }
            if (x instanceof HttpTimeoutException || x instanceof SocketTimeoutException) {
                return "timed out: no network, or the host does not answer";
            }
            connect |= x instanceof ConnectException;
            closed |= x instanceof ClosedChannelException;
        }
        if (connect) {
            return closed || t.getMessage() == null || t.getMessage().contains("refused")
                    ? "connection refused: nothing listens at that address, or a firewall rejects it"
                    : "cannot connect";
        }
        return null;
    }
}
