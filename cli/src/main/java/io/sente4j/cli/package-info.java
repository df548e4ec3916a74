/** The {@code sente4j} command line: {@code packers}, {@code transcode} and {@code frame}. */
package io.sente4j.cli;
