package org.locspec.kernel.magic;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.locspec.data.DataFileException;
import org.locspec.kernel.render.JavaCode;
import org.locspec.progress.ProgressListener;

/**
 * What an analysis magic does with the notebook session, so that each magic only parses, maps to
 * the library's options, calls and returns: it reads the variables earlier magics bound ({@link
 * #require}), runs long work so that the kernel's interrupt stops it and progress shows in place
 * ({@link #run}), shows the plain Java it runs ({@link #showJava}, with {@code --java}) and binds
 * its results to Java variables of their real type ({@link #bind}).
 *
 * <p>Arguments may name session variables: {@code $name} is replaced by the variable's value before
 * the arguments are split (e.g. {@code %cluster --shuffles $shuffles}); write {@code \$} for a
 * literal dollar sign.
 */
public final class MagicSession {
  private static final Pattern VARIABLE = Pattern.compile("(?<!\\\\)\\$([A-Za-z_][A-Za-z0-9_]*)");

  private final MagicHost host;
  private final Magic magic;
  private final MagicArguments args;

  private MagicSession(MagicHost host, Magic magic, MagicArguments args) {
    this.host = host;
    this.magic = magic;
    this.args = args;
  }

  /**
   * Starts a magic call: expands {@code $variables} and parses the arguments.
   *
   * @param host the kernel
   * @param magic the magic being run
   * @param call how it was called
   * @param syntax what it accepts
   * @return the session of this call
   * @throws MagicUsageException for a bad argument or an unknown {@code $variable}
   */
  public static MagicSession start(
      MagicHost host, Magic magic, MagicCall call, MagicSyntax syntax) {
    if (call.isCell()) {
      throw new MagicUsageException(
          magic.name(), "it is a line magic; write %" + magic.name() + " on a line", magic.usage());
    }
    String raw = expand(host, magic, call.rawArgs());
    List<String> words;
    try {
      words = MagicCall.split(raw);
    } catch (IllegalArgumentException e) {
      throw new MagicUsageException(magic.name(), e.getMessage(), magic.usage());
    }
    return new MagicSession(host, magic, MagicArguments.parse(magic, syntax, words));
  }

  private static String expand(MagicHost host, Magic magic, String raw) {
    if (!raw.contains("$")) {
      return raw;
    }
    List<SessionVariable> variables = host.variables();
    Matcher m = VARIABLE.matcher(raw);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      SessionVariable v =
          find(variables, name)
              .orElseThrow(
                  () ->
                      new MagicUsageException(
                          magic.name(),
                          "$"
                              + name
                              + " is not a variable of this session; declare it first (e.g. int "
                              + name
                              + " = 20;) or write the value",
                          magic.usage()));
      m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf(v.value())));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private static Optional<SessionVariable> find(List<SessionVariable> variables, String name) {
    for (int i = variables.size() - 1; i >= 0; i--) {
      if (variables.get(i).name().equals(name)) {
        return Optional.of(variables.get(i));
      }
    }
    return Optional.empty();
  }

  /** The parsed arguments. */
  public MagicArguments args() {
    return args;
  }

  /** The kernel. */
  public MagicHost host() {
    return host;
  }

  /**
   * The value of a variable an earlier magic (or cell) bound, of a given type.
   *
   * @param name the variable's name
   * @param type its expected type
   * @param producer what binds it, for the message, e.g. "%cluster"
   * @param <T> the type
   * @return its value
   * @throws MagicUsageException saying which magic to run first, or that the variable has another
   *     type
   */
  public <T> T require(String name, Class<T> type, String producer) {
    SessionVariable v =
        find(host.variables(), name)
            .orElseThrow(
                () ->
                    args.fail(
                        "it needs a "
                            + type.getSimpleName()
                            + " in the variable '"
                            + name
                            + "', which this session does not have; run "
                            + producer
                            + " first"));
    if (!type.isInstance(v.value())) {
      throw args.fail(
          "the variable '"
              + name
              + "' is "
              + (v.value() == null ? "null" : "a " + v.value().getClass().getSimpleName())
              + ", not a "
              + type.getSimpleName()
              + "; run "
              + producer
              + " first");
    }
    return type.cast(v.value());
  }

  /**
   * The value of a variable, if the session has one of that name and type.
   *
   * @param name the variable's name
   * @param type its type
   * @param <T> the type
   * @return its value, or empty
   */
  public <T> Optional<T> optional(String name, Class<T> type) {
    return find(host.variables(), name)
        .map(SessionVariable::value)
        .filter(type::isInstance)
        .map(type::cast);
  }

  /**
   * Shows the plain Java that does what the magic does, if the call asked for it ({@code --java}).
   *
   * @param code Java statements that run in a cell with the kernel's default imports
   */
  public void showJava(String code) {
    if (args.has("java")) {
      host.display(new JavaCode(code));
    }
  }

  /**
   * Runs the magic's long work on a cell thread, interruptible, with a progress display that
   * updates in place and stops the work when the kernel's interrupt reaches it.
   *
   * @param work the work, given a progress listener
   * @param <T> its result type
   * @return its result
   * @throws MagicFailedException with the library's message when it refuses the work (a bad or
   *     missing file, data that does not fit, ...)
   * @throws Exception what else the work throws ({@code CellInterruptedException} when interrupted)
   */
  public <T> T run(Function<ProgressListener, T> work) throws Exception {
    try {
      return host.interruptibly(() -> work.apply(new InterruptibleProgress(host.progress())));
    } catch (CancellationException e) {
      throw e;
    } catch (IllegalArgumentException
        | IllegalStateException
        | UncheckedIOException
        | DataFileException e) {
      throw new MagicFailedException(magic.name(), e);
    }
  }

  /**
   * Binds a value to a session variable of the given type (replacing any variable of that name),
   * then prints which variable it is.
   *
   * @param name the variable's name
   * @param type its declared type
   * @param value the value
   * @throws Exception if the declaration fails
   */
  public void bind(String name, Class<?> type, Object value) throws Exception {
    String canonical = type.getCanonicalName();
    host.run(
        MagicDispatch.javaTake(
            canonical + " " + name + " = ", MagicDispatch.stash(value), canonical));
    System.out.println("%" + magic.name() + " bound " + name + " (" + type.getSimpleName() + ")");
  }
}
