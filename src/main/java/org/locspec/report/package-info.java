/**
 * The papers' tables for a model zoo: {@link org.locspec.report.ZooReport#compute} measures
 * clusterability, importance and coherence of every selected zoo network ({@link
 * org.locspec.report.ZooReportOptions}) and returns a result value whose {@code toTable()} is the
 * papers' per-network table; {@link org.locspec.report.ZooReportMain} is its command ({@code
 * environment/zoo-report.sh}), which prints the table and writes {@code zoo/report.csv}.
 */
package org.locspec.report;
