// SPDX-License-Identifier: Apache-2.0
package org.ncl.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ncl.core.options.NclOptions.ENCODER;
import static org.ncl.core.options.NclOptions.FALSE_NEGATIVES;
import static org.ncl.core.options.NclOptions.HARD_NEGATIVES;
import static org.ncl.core.options.NclOptions.NCL_WEIGHT;
import static org.ncl.core.options.NclOptions.PRETRAIN_OBJECTIVE;
import static org.ncl.core.options.NclOptions.SCL_WEIGHT;
import static org.ncl.core.options.NclOptions.SEED;
import static org.ncl.core.options.NclOptions.UNLABELED_OBJECTIVE;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncl.core.options.ContrastiveStrategy;
import org.ncl.core.options.EncoderType;
import org.ncl.core.options.FalseNegativeHandling;
import org.ncl.core.options.NclOptions;

/** {@link ContrastiveBench}'s command line and variants, and {@link ContrastiveBenchResults}' rendering (no training). */
class ContrastiveBenchTest {

    @Test
    void flagsAndOptionsParse() {
        ContrastiveBench.Settings s = ContrastiveBench.Settings.parse(new String[] {
            "/data",
            "--rows",
            "1000",
            "--seeds",
            "2",
            "--pretrain-strategies",
            "SSCL,INFONCE+ATTRACT",
            "--ablation",
            "baseline,+HNG,MOCHI",
            "--part",
            "pretrain",
            "encoder=MLP",
            "--out",
            "/tmp/x"
        });
        assertEquals(Path.of("/data"), s.dataDir());
        assertEquals(1000, s.rows());
        assertEquals(2, s.seeds());
        assertEquals("pretrain", s.part());
        assertEquals(List.of("SSCL", "INFONCE+ATTRACT"), s.pretrain());
        assertEquals(Map.of("encoder", "MLP"), s.options());
        NclOptions p = s.pretrainOptions("INFONCE+ATTRACT", 7);
        assertEquals(ContrastiveStrategy.INFONCE, p.get(PRETRAIN_OBJECTIVE));
        assertEquals(FalseNegativeHandling.ATTRACT, p.get(FALSE_NEGATIVES));
        assertEquals(7L, p.get(SEED));
        assertEquals(EncoderType.MLP, p.get(ENCODER));
        NclOptions baseline = s.ablationOptions("baseline", 1);
        assertEquals(0.0, baseline.get(NCL_WEIGHT));
        assertEquals(0.0, baseline.get(SCL_WEIGHT));
        assertFalse(baseline.get(HARD_NEGATIVES));
        NclOptions ncl = s.ablationOptions("+NCL", 1);
        assertTrue(ncl.get(NCL_WEIGHT) > 0 && ncl.get(SCL_WEIGHT) == 0 && !ncl.get(HARD_NEGATIVES));
        assertTrue(s.ablationOptions("+HNG", 1).get(HARD_NEGATIVES));
        assertEquals(ContrastiveStrategy.MOCHI, s.ablationOptions("MOCHI", 1).get(UNLABELED_OBJECTIVE));
        assertEquals(
                FalseNegativeHandling.ELIMINATE,
                s.ablationOptions("NCL+ELIMINATE", 1).get(FALSE_NEGATIVES));
    }

    @Test
    void badArgumentsNameTheProblemAndExitWith2() throws Exception {
        assertThrows(
                IllegalArgumentException.class, () -> ContrastiveBench.Settings.parse(new String[] {"--rows", "0"}));
        IllegalArgumentException site = assertThrows(
                IllegalArgumentException.class,
                () -> ContrastiveBench.Settings.parse(new String[] {"--pretrain-strategies", "HNG"}));
        assertTrue(
                site.getMessage().contains("HNG") && site.getMessage().contains("pretrainObjective"),
                site.getMessage());
        IllegalArgumentException unknown = assertThrows(
                IllegalArgumentException.class,
                () -> ContrastiveBench.Settings.parse(new String[] {"--ablation", "SIMCLR"}));
        assertTrue(unknown.getMessage().contains("unknown strategy 'SIMCLR'"), unknown.getMessage());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ContrastiveBench.run(
                new String[] {"--seeds", "x"},
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--seeds expects a positive integer"), err.toString());
    }

    @Test
    void resultsRenderAsMarkdownAndJson() {
        ContrastiveBenchResults.Stat acc = ContrastiveBenchResults.Stat.of(List.of(0.5, 0.7));
        assertEquals(0.6, acc.mean(), 1e-12);
        assertEquals(Math.sqrt(0.02), acc.std(), 1e-12);
        assertEquals("0.6000 ± 0.1414", acc.format());
        assertEquals("0.5000", ContrastiveBenchResults.Stat.of(List.of(0.5)).format());
        ContrastiveBenchResults r = new ContrastiveBenchResults(
                "2026-01-01T00:00:00Z",
                List.of("--seeds", "2"),
                Map.of("rows", "1000"),
                Map.of("encoder", "MLP"),
                List.of(new ContrastiveBenchResults.PretrainRow("SSCL", acc, acc, acc, 512.0, 100.0)),
                List.of(new ContrastiveBenchResults.AblationRow(
                        "+HNG", ContrastiveBench.setting("+HNG"), acc, acc, acc, acc, 1)),
                2,
                2,
                "17",
                12.0);
        String md = r.markdown();
        assertTrue(md.contains("| SSCL | 0.6000 ± 0.1414 |"), md);
        assertTrue(md.contains("| +HNG | defaults (unlabeledObjective=NCL, hardNegatives=true) | 0.6000 ± 0.1414"), md);
        assertTrue(md.contains("ContrastiveBench --seeds 2"), md);
        JsonObject json = JsonParser.parseString(r.toJson()).getAsJsonObject();
        assertEquals(
                0.6,
                json.getAsJsonArray("ablation")
                        .get(0)
                        .getAsJsonObject()
                        .getAsJsonObject("acc")
                        .get("mean")
                        .getAsDouble(),
                1e-12);
        assertEquals(
                1,
                json.getAsJsonArray("ablation")
                        .get(0)
                        .getAsJsonObject()
                        .get("collapsedEpochs")
                        .getAsInt());
    }
}
