// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel;

import io.github.spencerpark.jupyter.kernel.magic.CellMagicParseContext;
import io.github.spencerpark.jupyter.kernel.magic.LineMagicParseContext;
import io.github.spencerpark.jupyter.kernel.magic.MagicParser;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns magics into Java calls, with IJava's syntax: a cell that starts with {@code %%name args} becomes
 * {@code cellMagic("name", List.of(args), body)}; a line magic {@code %name args} at the start of a line or right
 * after {@code =} (as in {@code List<String> jars = %jars lib/*.jar}) becomes {@code lineMagic("name",
 * List.of(args))}, unless it stands inside a string literal. Arguments are split at blanks, double quotes group them.
 */
final class MagicTransformer {

    private static final Pattern UNESCAPED_QUOTE = Pattern.compile("(?<!\\\\)\"");

    private final MagicParser parser = new MagicParser("(?<=(?:^|=))\\s*%", "%%");

    /** The cell with its magics replaced by calls. */
    String transform(String cell) {
        CellMagicParseContext c = parser.parseCellMagic(cell);
        if (c != null) {
            return "cellMagic(" + literal(c.getMagicCall().getName()) + ", "
                    + list(c.getMagicCall().getArgs()) + ", "
                    + literal(c.getMagicCall().getBody()) + ");{};";
        }
        return parser.transformLineMagics(cell, this::line);
    }

    private String line(LineMagicParseContext ctx) {
        boolean inString = false;
        Matcher m = UNESCAPED_QUOTE.matcher(ctx.getLinePrefix());
        while (m.find()) {
            inString = !inString;
        }
        if (inString) {
            return ctx.getRaw();
        }
        return "lineMagic(" + literal(ctx.getMagicCall().getName()) + ", "
                + list(ctx.getMagicCall().getArgs()) + ");{};";
    }

    private static String list(List<String> args) {
        return args.stream().map(MagicTransformer::literal).collect(Collectors.joining(", ", "List.of(", ")"));
    }

    /** A Java string literal holding {@code s}. */
    static String literal(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
