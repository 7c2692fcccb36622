/** Safe output: files are complete or absent ({@link org.gaugebias.symbolic.io.SafeFiles}). */
package org.gaugebias.symbolic.io;
