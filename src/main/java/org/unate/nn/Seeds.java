package org.unate.nn;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Derives independent, stable seeds from a master seed and a name (a layer, a purpose). */
public final class Seeds {
    private Seeds() {
    }

    /**
     * A seed for {@code name} under {@code master}. It depends only on the two arguments (not on the order in which
     * layers are built), so adding a layer does not change the initial weights of the others.
     */
    public static long derive(long master, String name) {
        long h = 0xcbf29ce484222325L; // FNV-1a 64
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return new SplittableRandom(master ^ Long.rotateLeft(h, 17)).nextLong();
    }
}
