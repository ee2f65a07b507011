// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Magics become the calls IJava makes of them. */
class MagicTransformerTest {

    private final MagicTransformer t = new MagicTransformer();

    @Test
    void lineMagicsAtTheStartOfALineBecomeStatements() {
        assertEquals(
                "lineMagic(\"maven\", List.of(\"a:b:1.0\", \"c:d:2\"));{};\nint x = 1;",
                t.transform("%maven a:b:1.0 c:d:2\nint x = 1;"));
        assertEquals(
                "int x = 1;\nlineMagic(\"jars\", List.of(\"lib/*.jar\"));{};", // indented too, as in IJava
                t.transform("int x = 1;\n  %jars lib/*.jar"));
    }

    @Test
    void aLineMagicAfterAnEqualsSignGivesItsValue() {
        assertEquals(
                "List<String> added =lineMagic(\"jars\", List.of(\"x.jar\"));{};",
                t.transform("List<String> added = %jars x.jar"));
    }

    @Test
    void quotesGroupArgumentsAndAreEscapedInTheCall() {
        assertEquals(
                "lineMagic(\"classpath\", List.of(\"my dir/a b\", \"say\\\"x\\\"\", \"c\"));{};",
                t.transform("%classpath \"my dir/a b\" say\\\"x\\\" c"));
    }

    @Test
    void percentSignsThatAreNotMagicsStay() {
        String code = "String s = \"100 %maven a:b:1\";\nint r = 7 % 3;";
        assertEquals(code, t.transform(code));
        assertEquals("System.out.printf(\"%d%n\", 5);", t.transform("System.out.printf(\"%d%n\", 5);"));
    }

    @Test
    void aCellMagicTakesTheWholeCell() {
        assertEquals(
                "cellMagic(\"loadFromPOM\", List.of(\"compile\"), \"<dependency>\\n</dependency>\");{};",
                t.transform("%%loadFromPOM compile\n<dependency>\n</dependency>"));
    }

    @Test
    void literalsEscapeControlCharacters() {
        assertEquals("\"a\\tb\\r\\n\\u0001\\\"\"", MagicTransformer.literal("a\tb\r\n\u0001\""));
    }
}
