// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.data;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every CSV reader of the project (the core's {@link CsvReader}, the command-line tool's prediction reader,
 * the Tribuo data source) does the same way with the start of a file and its header line, so that no reader
 * silently reads a column under another name or picks one of two columns of the same name:
 *
 * <ul>
 *   <li>{@link #withoutBom(Reader)}: a UTF-8 byte order mark before the first character is dropped before the
 *       CSV parser sees it (so that a quoted first column name is still parsed as quoted).</li>
 *   <li>{@link #columns(List, String, long)}: column names are trimmed and matched by name; a name that occurs
 *       twice is an error naming it, never "the first one wins".</li>
 * </ul>
 */
public final class CsvHeader {

    /** The byte order mark as a character (U+FEFF), as it appears after decoding UTF-8. */
    public static final char BOM = '\uFEFF';

    private CsvHeader() {}

    /**
     * A reader of the same text without a leading byte order mark. The returned reader closes {@code reader}
     * when it is closed.
     *
     * @throws IOException if the first character cannot be read
     */
    public static Reader withoutBom(Reader reader) throws IOException {
        PushbackReader in = new PushbackReader(reader, 1);
        int first = in.read();
        if (first >= 0 && first != BOM) {
            in.unread(first);
        }
        return in;
    }

    /**
     * The header's names, trimmed, with a leading byte order mark dropped from the first (for text that did not
     * go through {@link #withoutBom(Reader)}).
     */
    public static List<String> names(List<String> header) {
        List<String> out = new ArrayList<>(header.size());
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (c == 0 && !name.isEmpty() && name.charAt(0) == BOM) {
                name = name.substring(1);
            }
            out.add(name.trim());
        }
        return out;
    }

    /**
     * The 0-based column of every name of a header (as given by {@link #names(List)}), in header order. Columns
     * with an empty name are left out (callers that need every column named check that themselves).
     *
     * @param source the file's name, for the message
     * @param line the header's 1-based line, for the message
     * @throws IllegalArgumentException if a name occurs twice: it names the column and both positions
     */
    public static Map<String, Integer> columns(List<String> names, String source, long line) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int c = 0; c < names.size(); c++) {
            String name = names.get(c);
            if (name.isEmpty()) {
                continue;
            }
            Integer previous = columns.putIfAbsent(name, c);
            if (previous != null) {
                throw new IllegalArgumentException(source + ": line " + line + ": duplicate column name \"" + name
                        + "\" (columns " + (previous + 1) + " and " + (c + 1) + "); every column needs its own name");
            }
        }
        return Collections.unmodifiableMap(columns);
    }
}
