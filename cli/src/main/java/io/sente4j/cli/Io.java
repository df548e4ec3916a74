package io.sente4j.cli;

import io.sente4j.core.PackerRegistry;
import java.io.InputStream;
import java.io.PrintStream;

/** The streams and packers one run of the command line works with. */
record Io(InputStream in, PrintStream out, PackerRegistry packers) {}
