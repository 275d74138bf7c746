/**
 * Reports: Tablesaw tables and XChart figures built from the library's objects and result records, and the
 * {@link org.unate.report.Scale} notebooks run at.
 */
package org.unate.report;
