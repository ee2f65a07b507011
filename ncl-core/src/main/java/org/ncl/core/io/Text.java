// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.io;

/**
 * Text that came from a file, made safe to show: control characters (C0, DEL, C1 and the Unicode line and
 * bidirectional-format controls a terminal or a log viewer would act on) are written as Java escapes
 * ({@code \n}, {@code \u001b}), and a backslash as {@code \\}, so an escaped text is never mistaken for the
 * escape of another.
 */
public final class Text {

    private Text() {}

    /** Whether {@code s} holds a character {@link #escape} would escape (a backslash aside). */
    public static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code s} with its control characters and backslashes escaped; null stays "null". */
    public static String escape(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isControl(c) && c != '\\') {
                if (b != null) {
                    b.append(c);
                }
                continue;
            }
            if (b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b == null ? s : b.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20
                || (c >= 0x7f && c <= 0x9f)
                || c == '\u2028'
                || c == '\u2029'
                || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200e'
                || c == '\u200f';
    }
}
