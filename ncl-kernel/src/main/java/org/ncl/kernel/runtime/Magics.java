// SPDX-License-Identifier: Apache-2.0
package org.ncl.kernel.runtime;

import java.util.List;

/**
 * The calls magics turn into, as in IJava: {@code %maven a:b:1.0} in a cell runs {@code lineMagic("maven",
 * List.of("a:b:1.0"))}, so {@code List<String> added = %jars lib/*.jar} works too.
 */
public final class Magics {

    private Magics() {}

    /** Runs the line magic {@code name}; its value, cast to what the caller expects. */
    @SuppressWarnings("unchecked")
    public static <T> T lineMagic(String name, List<String> args) {
        try {
            return (T) Session.current().lineMagic(name, args);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("%" + name + ": " + e.getMessage(), e);
        }
    }

    /** Runs the cell magic {@code name} on {@code body}; its value, cast to what the caller expects. */
    @SuppressWarnings("unchecked")
    public static <T> T cellMagic(String name, List<String> args, String body) {
        try {
            return (T) Session.current().cellMagic(name, args, body);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("%%" + name + ": " + e.getMessage(), e);
        }
    }
}
