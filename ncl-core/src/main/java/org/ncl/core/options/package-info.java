// SPDX-License-Identifier: Apache-2.0
/**
 * The settings of an NCL run, each declared once ({@link org.ncl.core.options.Setting} constants of
 * {@link org.ncl.core.options.NclOptions}), and the enums they choose among. A leaf package: it depends on nothing
 * else in the project, and validation, parsing by name, the text map stored in model files and provenance, help
 * texts, the reference recipe and the adapters' configuration surfaces are all derived from its declarations.
 */
package org.ncl.core.options;
