/**
 * Crystal value types and element data: {@link org.unate.crystal.Lattice} (rows = lattice vectors, angstrom),
 * {@link org.unate.crystal.Site} (element, fractional coordinates as the source wrote them, label),
 * {@link org.unate.crystal.Structure} (a lattice and its sites in source order), {@link org.unate.crystal.Element}
 * (identity, Z = 1..118), {@link org.unate.crystal.ElementData} (physical properties for featurizers, with named
 * sources) and {@link org.unate.crystal.CrystalRecord} (a dataset entry: id, structure, labels).
 *
 * <p>Everything here is immutable. Reading files lives in {@link org.unate.crystal.io}.
 */
package org.unate.crystal;
