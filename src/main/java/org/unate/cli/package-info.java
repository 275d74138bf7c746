/** The {@code unate} command line (picocli): thin commands over the library's packages. */
package org.unate.cli;
