package io.sente4j.cli;

/** A subcommand built with the run's {@link Io}; it has a constructor taking one. */
interface IoCommand {}
