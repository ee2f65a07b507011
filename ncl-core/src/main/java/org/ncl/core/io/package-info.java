/**
 * Model persistence: one versioned zip file per model, written atomically
 * ({@link org.ncl.core.io.ModelFile}).
 */
package org.ncl.core.io;
