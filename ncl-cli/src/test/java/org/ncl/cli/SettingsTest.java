// SPDX-License-Identifier: Apache-2.0
package org.ncl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ncl.core.options.NclOptions;
import org.ncl.core.options.Setting;
import picocli.CommandLine;

/** Every core setting is reachable from the command line by its name. */
class SettingsTest {

    @Test
    void everyCoreSettingIsReachableFromTheCommandLine() {
        CommandLine cl = new CommandLine(new Settings());
        NclOptions changed = NclOptions.builder(3)
                .set(NclOptions.HNG_KEPT, 17)
                .set(NclOptions.SEED, 5L)
                .build();
        for (Setting<?> s : NclOptions.settings()) {
            String text = changed.toMap().get(s.name());
            Settings settings = new Settings();
            Map<String, String> given = settings.given(List.of(s.name() + "=" + text), cl);
            assertEquals(text, Settings.build(3, given, cl).toMap().get(s.name()), s.name());
        }
    }
}
