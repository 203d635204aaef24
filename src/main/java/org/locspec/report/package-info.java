/**
 * The papers' tables for a model zoo: clusterability, importance and coherence per network
 * ({@link org.locspec.report.ZooReport}, the command behind {@code environment/zoo-report.sh}).
 */
package org.locspec.report;
