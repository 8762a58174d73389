package org.photonzip.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Issue 18: some --help entries had no description. Every option and parameter of every command has one. */
class HelpDescriptionsTest {
    @Test
    void everyOptionAndParameterIsDescribed() {
        List<String> bare = new ArrayList<>();
        CommandLine root = Photonzip.commandLine();
        check(root, bare);
        root.getSubcommands().values().forEach(c -> check(c, bare));
        assertEquals(List.of(), bare, "options and parameters without a description in --help");
    }

    private static void check(CommandLine command, List<String> bare) {
        for (ArgSpec arg : command.getCommandSpec().args()) {
            if (String.join("", arg.description()).isBlank()) {
                bare.add(command.getCommandName() + " "
                        + (arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel()));
            }
        }
    }
}
