/**
 * Benchmarks (not tests) of LocSpec against Python peers, and {@link org.locspec.bench.Bench}, the
 * support every benchmark in {@code src/bench} shares: the repository root, the peers run with a
 * given number of threads, the load average, and the best-against-best headline. Compiled only
 * under the Maven profile {@code bench}; run them with {@code environment/bench.sh}.
 */
package org.locspec.bench;
