// SPDX-License-Identifier: Apache-2.0
package org.ncl.core.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The declarations of {@link NclOptions}: each setting is complete (description, default or explicitly required,
 * version), named consistently, and everything derived from the declarations agrees with them (the setting list,
 * text round trip, help, the reference recipe, and the settings that model files of the first format lack).
 */
class SettingDeclarationsTest {

    @Test
    void everySettingIsDeclaredCompletely() {
        List<String> required = new ArrayList<>();
        for (Setting<?> s : NclOptions.settings()) {
            checkDeclaration(s, required);
        }
        assertEquals(List.of("numNovelClasses"), required, "only the number of novel classes has no default");
    }

    private static <T> void checkDeclaration(Setting<T> s, List<String> required) {
        {
            assertFalse(s.description().isBlank(), s.name() + " has no description");
            assertTrue(s.description().endsWith("."), s.name() + ": a description is a sentence: " + s.description());
            assertFalse(s.since().isBlank(), s.name() + " has no version");
            if (s.required()) {
                required.add(s.name());
            } else {
                assertNotNull(s.defaultValue(), s.name());
                assertEquals(
                        s.defaultValue(), s.check(s.defaultValue()), s.name() + ": the default breaks its own rules");
                assertEquals(
                        s.defaultValue(),
                        s.parse(s.defaultText()),
                        s.name() + ": the default's text form does not round-trip");
            }
            if (s.hasReference()) {
                assertEquals(s.referenceValue(), s.check(s.referenceValue()), s.name());
            }
            if (s.addedLater()) {
                assertEquals(s.whenAbsent(), s.check(s.whenAbsent()), s.name());
            }
            assertTrue(s.help().startsWith(s.name() + " ("), s.help());
            assertTrue(s.help().contains(s.description()), s.help());
        }
    }

    @Test
    void everyDeclarationIsAPublicConstantNamedAfterItsSetting() throws Exception {
        List<Setting<?>> constants = new ArrayList<>();
        for (Field f : NclOptions.class.getDeclaredFields()) {
            if (f.getType() == Setting.class) {
                assertTrue(
                        Modifier.isPublic(f.getModifiers())
                                && Modifier.isStatic(f.getModifiers())
                                && Modifier.isFinal(f.getModifiers()),
                        f.getName());
                Setting<?> s = (Setting<?>) f.get(null);
                assertEquals(s.name().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT), f.getName());
                constants.add(s);
            }
        }
        assertEquals(Set.copyOf(constants), Set.copyOf(NclOptions.settings()), "every constant is a declared setting");
        assertEquals(
                NclOptions.settings().size(), Set.copyOf(NclOptions.names()).size(), "names are unique");
    }

    @Test
    void theReferenceRecipeIsEveryDeclaredReferenceValue() {
        NclOptions r = NclOptions.referenceBuilder(4).build();
        for (Setting<?> s : NclOptions.settings()) {
            Object expected = s == NclOptions.NUM_NOVEL_CLASSES ? Integer.valueOf(4) : s.referenceValue();
            assertEquals(expected, r.get(s), s.name());
        }
    }

    /** Model files of the first format lack exactly the settings declared as added later. */
    @Test
    void settingsAddedLaterAreThoseTheFirstModelFilesLack() throws IOException {
        JsonObject manifest = manifest("/org/ncl/core/golden/tabular-v1-without-entropyWeight.ncl");
        Set<String> saved = manifest.getAsJsonObject("options").keySet();
        for (Setting<?> s : NclOptions.settings()) {
            assertEquals(
                    !saved.contains(s.name()),
                    s.addedLater(),
                    s.name()
                            + (s.addedLater()
                                    ? " is declared as added later but the first files have it"
                                    : " is missing from the first files: declare the value that reproduces them"));
        }
    }

    private static JsonObject manifest(String resource) throws IOException {
        try (InputStream in = SettingDeclarationsTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            ZipInputStream zip = new ZipInputStream(in);
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals("manifest.json")) {
                    return JsonParser.parseString(new String(zip.readAllBytes(), StandardCharsets.UTF_8))
                            .getAsJsonObject();
                }
            }
        }
        throw new IOException(resource + " has no manifest.json");
    }
}
