// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResultsTableTest {

    private static final ResultsTable TABLE = ResultsTable.withHeader("result", "ACC")
            .withRow("novel head", "0.9000")
            .withRow("k-means", "0.71");

    @Test
    void textAlignsFirstColumnLeftAndOthersRight() {
        assertEquals(
                "result         ACC\n" + "------------------\n" + "novel head  0.9000\n" + "k-means       0.71\n",
                TABLE.text());
    }

    @Test
    void markdownIsAGithubTable() {
        assertEquals("| result | ACC |\n|---|---:|\n| novel head | 0.9000 |\n| k-means | 0.71 |\n", TABLE.markdown());
    }

    @Test
    void rowsAreAddedToACopy() {
        ResultsTable more = TABLE.withRow("x", "1");
        assertEquals(2, TABLE.rows().size());
        assertEquals(3, more.rows().size());
    }

    @Test
    void rowWithTheWrongNumberOfCellsIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TABLE.withRow("only one"));
        assertTrue(e.getMessage().contains("row 2 has 1 cells; expected 2"), e.getMessage());
    }
}
