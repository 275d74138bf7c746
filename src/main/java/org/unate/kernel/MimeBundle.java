package org.unate.kernel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable Jupyter MIME bundle: MIME type to payload, in insertion order.
 *
 * <p>Text payloads are {@link String}s; binary payloads (for example {@code image/png}) are base64 strings, as the
 * Jupyter message format expects.
 *
 * @param data MIME type to payload; copied
 */
public record MimeBundle(Map<String, Object> data) {

    /** MIME type of plain text. */
    public static final String TEXT_PLAIN = "text/plain";
    /** MIME type of HTML. */
    public static final String TEXT_HTML = "text/html";
    /** MIME type of PNG images (payload: base64 string). */
    public static final String IMAGE_PNG = "image/png";

    public MimeBundle {
        Objects.requireNonNull(data, "data");
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** A bundle with only {@code text/plain}. */
    public static MimeBundle ofText(String text) {
        return new MimeBundle(Map.of(TEXT_PLAIN, text));
    }

    /** The payload for {@code mimeType}, or {@code null}. */
    public Object get(String mimeType) {
        return data.get(mimeType);
    }

    /** Whether the bundle has a payload for {@code mimeType}. */
    public boolean has(String mimeType) {
        return data.containsKey(mimeType);
    }

    /** The {@code text/plain} payload, or {@code null}. */
    public String text() {
        Object t = data.get(TEXT_PLAIN);
        return t == null ? null : t.toString();
    }

    /** A bundle keeping only the given MIME types (in this bundle's order); all of them if none are given. */
    public MimeBundle only(String... mimeTypes) {
        if (mimeTypes == null || mimeTypes.length == 0) {
            return this;
        }
        Map<String, Object> kept = new LinkedHashMap<>();
        for (String m : mimeTypes) {
            if (data.containsKey(m)) {
                kept.put(m, data.get(m));
            }
        }
        return new MimeBundle(kept);
    }
}
