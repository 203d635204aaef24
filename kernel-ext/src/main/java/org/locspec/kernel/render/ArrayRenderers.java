package org.locspec.kernel.render;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * Renders arrays of any type and rank as their contents ({@link ValueText#arrayText}), e.g. {@code
 * int[3] {1, 2, 3}}, instead of {@code [I@4bc9f9c5}.
 */
public final class ArrayRenderers {
  private static final Class<?>[] PRIMITIVE_ARRAYS = {
    boolean[].class, byte[].class, char[].class, short[].class,
    int[].class, long[].class, float[].class, double[].class
  };

  private ArrayRenderers() {}

  /**
   * Registers the array renderers. Registering twice with the same renderer does nothing.
   *
   * @param renderer the kernel's renderer
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static void registerAll(Renderer renderer) {
    if (!Registrations.first(renderer, "arrays")) {
      return;
    }
    for (Class<?> type : PRIMITIVE_ARRAYS) {
      renderer
          .createRegistration((Class) type)
          .preferring(MIMEType.TEXT_PLAIN)
          .register(
              (value, ctx) ->
                  ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> ValueText.arrayText(value)));
    }
    // Object arrays (String[], float[][], ...) have Object as their only superclass
    renderer
        .createRegistration(Object.class)
        .preferring(MIMEType.TEXT_PLAIN)
        .register(
            (value, ctx) -> {
              if (value.getClass().isArray()) {
                ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> ValueText.arrayText(value));
              }
            });
  }
}
