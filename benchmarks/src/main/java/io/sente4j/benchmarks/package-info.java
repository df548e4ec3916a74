/** JMH benchmarks of the packers against their baselines; see BENCHMARKS.md for how to run them. */
package io.sente4j.benchmarks;
