// SPDX-License-Identifier: Apache-2.0
/**
 * Executing the project's Jupyter notebooks (written for the IJava kernel) without Jupyter: a JShell-based runner
 * that honours IJava's class-path magics against the project's class path and stores each cell's outputs in the
 * notebook ({@link org.ncl.examples.notebook.NotebookRunner}). The notebooks show NCL (Zhong et al., "Neighborhood
 * Contrastive Learning for Novel Class Discovery", CVPR 2021) through the Tribuo and Weka APIs.
 */
package org.ncl.examples.notebook;
