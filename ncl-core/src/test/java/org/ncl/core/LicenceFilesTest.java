// SPDX-License-Identifier: Apache-2.0
package org.ncl.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** ncl-core's jar carries the project's licence and the notice of the Fashion-MNIST data it embeds (MIT). */
class LicenceFilesTest {

    private static String read(String name) throws Exception {
        URL classes = NclModel.class.getProtectionDomain().getCodeSource().getLocation();
        URL file =
                classes.toString().endsWith(".jar") ? new URL("jar:" + classes + "!/" + name) : new URL(classes, name);
        try (var in = file.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theJarCarriesTheLicenceAndTheDataNotice() throws Exception {
        String licence = read("META-INF/LICENSE");
        assertTrue(licence.contains("Apache License") && licence.contains("Version 2.0, January 2004"), licence);
        String notice = read("META-INF/NOTICE");
        assertTrue(notice.contains("Fashion-MNIST") && notice.contains("Copyright (c) 2017 Zalando SE"), notice);
        assertTrue(notice.contains("Permission is hereby granted, free of charge"), "the MIT licence's text");
    }
}
