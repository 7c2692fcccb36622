/** Symbolic engine of gaugebias. */
package org.gaugebias.symbolic;
