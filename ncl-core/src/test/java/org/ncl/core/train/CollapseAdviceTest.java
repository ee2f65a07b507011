// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.ncl.core.options.NclOptions;

/** The advice of the collapse warnings suggests only settings that differ from the ones in use. */
class CollapseAdviceTest {

    @Test
    void neverSuggestsTheSettingAlreadyInUse() {
        String defaults = DiscoveryStage.collapseAdvice(NclOptions.builder(5).build());
        assertFalse(defaults.contains("pseudoLabels=ADAPTIVE"), defaults); // ADAPTIVE is the default
        assertFalse(defaults.contains("entropyWeight"), defaults);
        assertEquals(
                "hardNegatives=false (or a later hngStartEpoch than 3) or a lower learningRate than 0.1", defaults);

        String reference = DiscoveryStage.collapseAdvice(NclOptions.builder(5)
                .set("pseudoLabels", "COSINE")
                .set("entropyWeight", "0")
                .set("hardNegatives", "false")
                .build());
        assertEquals("pseudoLabels=ADAPTIVE or entropyWeight=1 or a lower learningRate than 0.1", reference);
        assertTrue(!reference.contains("hardNegatives"), reference);
    }
}
