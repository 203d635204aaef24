/**
 * The papers' tables for a model zoo: {@link org.locspec.report.ZooReport#compute} measures
 * clusterability, importance and coherence of every selected zoo network ({@link
 * org.locspec.report.ZooReportOptions}) and returns a result value whose {@code toTable()} is the
 * papers' per-network table; {@link org.locspec.report.ZooReportMain} is its command ({@code
 * environment/zoo-report.sh}), which prints the table and writes {@code zoo/report.csv}.
 *
 * <p>The papers' importance and coherence tables for one network: {@link
 * org.locspec.report.PartitionGrid} makes its four partitions (weight and activation graph, global
 * and local clustering), {@link org.locspec.report.ImportanceGrid} and {@link
 * org.locspec.report.CoherenceGrid} run an analysis on each and combine several networks (seeds)
 * per partition kind.
 */
package org.locspec.report;
