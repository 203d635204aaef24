package org.locspec.kernel.magic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.locspec.progress.ProgressListener;

/** A session without JShell for argument tests: fixed variables, no code runs. */
final class FakeHost implements MagicHost {
  final List<SessionVariable> variables = new ArrayList<>();
  final List<Object> displayed = new ArrayList<>();

  FakeHost with(String name, Object value) {
    variables.add(
        new SessionVariable(
            name, value == null ? "Object" : value.getClass().getSimpleName(), value));
    return this;
  }

  @Override
  public Object run(String code) {
    throw new AssertionError("argument tests run no code, got: " + code);
  }

  @Override
  public List<SessionVariable> variables() {
    return variables;
  }

  @Override
  public List<Path> addToClassPath(List<Path> entries) {
    throw new AssertionError("not in argument tests");
  }

  @Override
  public MagicCatalog magics() {
    return MagicCatalog.of(new MagicsRegistry());
  }

  @Override
  public ProgressListener progress() {
    return ProgressListener.none();
  }

  @Override
  public void display(Object value) {
    displayed.add(value);
  }
}
