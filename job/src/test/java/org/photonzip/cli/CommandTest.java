package org.photonzip.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs photonzip's production command line (its exit-code mapper included) in-process, keeping what it printed. */
abstract class CommandTest {
    /** What the last {@link #run} printed to standard output and to standard error. */
    protected StringWriter out = new StringWriter();

    protected StringWriter err = new StringWriter();

    protected int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = Photonzip.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
