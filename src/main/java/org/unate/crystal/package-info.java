/** Crystal structures: immutable lattices, sites and structures, the element table, and dataset records. */
package org.unate.crystal;
