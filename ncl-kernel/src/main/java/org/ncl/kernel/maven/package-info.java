// SPDX-License-Identifier: Apache-2.0
/**
 * {@code %maven} without a network: Maven Resolver (the library Maven itself resolves with) in offline mode on the
 * local Maven repository, with Maven 3's rules for scopes, exclusions, optional dependencies and version mediation,
 * and optionally a build tree (a Maven project and its modules, read from their {@code pom.xml} and
 * {@code target/classes}) that takes precedence over the repository, as Maven's reactor does.
 */
package org.ncl.kernel.maven;
