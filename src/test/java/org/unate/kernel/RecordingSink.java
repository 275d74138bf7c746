package org.unate.kernel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records everything a session sends, for assertions. */
final class RecordingSink implements OutputSink {

    record Shown(MimeBundle bundle, String id) {
    }

    final StringBuffer out = new StringBuffer();
    final StringBuffer err = new StringBuffer();
    final List<Shown> displays = Collections.synchronizedList(new ArrayList<>());
    final List<Shown> updates = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void stdout(String text) {
        out.append(text);
    }

    @Override
    public void stderr(String text) {
        err.append(text);
    }

    @Override
    public void display(MimeBundle bundle, String displayId) {
        displays.add(new Shown(bundle, displayId));
    }

    @Override
    public void updateDisplay(MimeBundle bundle, String displayId) {
        updates.add(new Shown(bundle, displayId));
    }

    void clear() {
        out.setLength(0);
        err.setLength(0);
        displays.clear();
        updates.clear();
    }
}
