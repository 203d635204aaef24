package org.locspec.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MagicArgumentsTest {
  static final Magic MAGIC =
      new Magic() {
        @Override
        public String name() {
          return "demo";
        }

        @Override
        public String usage() {
          return "%demo GRAPH [--k K] [--local] [--seed S] [--as NAME]";
        }

        @Override
        public String help() {
          return "a magic for tests";
        }
      };

  static final MagicSyntax SYNTAX =
      MagicSyntax.builder()
          .optional("graph")
          .option("k", "K")
          .flag("local")
          .option("seed", "S")
          .option("as", "NAME")
          .build();

  static MagicArguments parse(String line) {
    return MagicArguments.parse(MAGIC, SYNTAX, MagicCall.split(line));
  }

  @Test
  void readsPositionalsOptionsAndSwitches() {
    MagicArguments a = parse("weights --k 12 --local --seed=-0 --as p2");
    assertEquals(Optional.of("weights"), a.value("graph"));
    assertEquals(Optional.of(12), a.intAtLeast("k", 2));
    assertTrue(a.has("local"));
    assertEquals(Optional.of(0L), a.seed("seed"));
    assertEquals(Optional.of("p2"), a.identifier("as"));
    assertEquals(
        Optional.of("weights"),
        a.choice("graph", List.of("Weights", "activations")).map(String::toLowerCase));
    MagicArguments none = parse("");
    assertFalse(none.has("local"));
    assertEquals(Optional.empty(), none.intAtLeast("k", 2));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--kk 3                | unknown option --kk; did you mean --k?",
        "--lokal               | unknown option --lokal; did you mean --local?",
        "--shuffles 3          | unknown option --shuffles (options: --k, --seed, --as, --local)",
        "--k                   | --k needs a value: --k K",
        "--k --local           | --k needs a value: --k K",
        "--local=yes           | --local is a switch and takes no value, got '--local=yes'",
        "--k 1                 | --k must be an integer >= 2, got 1",
        "--k twelve            | --k must be an integer >= 2, got 'twelve'",
        "--k 99999999999       | --k must be at most 2147483647, got 99999999999",
        "--seed -1             | --seed must be an integer >= 0, got -1",
        "--as 2p               | --as must be a Java variable name (letters, digits, _), got '2p'",
        "--as class            | --as must be a Java variable name",
        "--k 3 --k 4           | --k is given twice; give it once",
        "weights activations   | unexpected argument 'activations' after GRAPH",
        "wieghts               | GRAPH must be one of weights, activations, got 'wieghts'; did you mean 'weights'?",
      })
  void problemsNameTheArgumentSuggestAndGiveTheUsage(String line, String problem) {
    MagicUsageException e =
        assertThrows(
            MagicUsageException.class,
            () -> {
              MagicArguments a = parse(line);
              a.intAtLeast("k", 2);
              a.seed("seed");
              a.identifier("as");
              a.choice("graph", List.of("weights", "activations"));
            });
    assertTrue(e.getMessage().startsWith("%demo: "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertTrue(e.getMessage().endsWith("usage: " + MAGIC.usage()), e.getMessage());
  }

  @Test
  void sessionVariablesExpandInArguments() {
    FakeHost host = new FakeHost().with("shuffles", 7).with("name", "fashion-mnist/pruning/0");
    MagicSession s =
        MagicSession.start(
            host, MAGIC, MagicCall.line("demo", "$name --k $shuffles --seed \\$x"), SYNTAX);
    assertEquals(Optional.of("fashion-mnist/pruning/0"), s.args().value("graph"));
    assertEquals(Optional.of(7), s.args().intAtLeast("k", 2));
    assertEquals(Optional.of("$x"), s.args().value("seed"));
    MagicUsageException e =
        assertThrows(
            MagicUsageException.class,
            () -> MagicSession.start(host, MAGIC, MagicCall.line("demo", "--k $nope"), SYNTAX));
    assertTrue(
        e.getMessage().contains("$nope is not a variable of this session; declare it first"),
        e.getMessage());
  }

  @Test
  void prerequisitesSayWhichMagicToRunFirst() {
    FakeHost host = new FakeHost().with("partition", "not a partition");
    MagicSession s = MagicSession.start(host, MAGIC, MagicCall.line("demo", ""), SYNTAX);
    MagicUsageException missing =
        assertThrows(
            MagicUsageException.class,
            () -> s.require("model", org.locspec.model.Network.class, "%model"));
    assertTrue(
        missing
            .getMessage()
            .contains(
                "it needs a Network in the variable 'model', which this session does not have; run"
                    + " %model first"),
        missing.getMessage());
    MagicUsageException wrong =
        assertThrows(
            MagicUsageException.class,
            () -> s.require("partition", org.locspec.cluster.Partition.class, "%cluster"));
    assertTrue(
        wrong
            .getMessage()
            .contains("the variable 'partition' is a String, not a Partition; run %cluster first"),
        wrong.getMessage());
  }
}
