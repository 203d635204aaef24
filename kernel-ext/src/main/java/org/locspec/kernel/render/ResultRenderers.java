package org.locspec.kernel.render;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.locspec.viz.Tabular;

/**
 * Renders every LocSpec result ({@link Tabular}): {@code text/html} as its one-line summary
 * ({@code toString()}) above its table, {@code text/plain} as the summary.
 */
public final class ResultRenderers {
  private ResultRenderers() {}

  /**
   * Registers the result renderer. Registering twice with the same renderer does nothing.
   *
   * @param renderer the kernel's renderer
   */
  public static void registerAll(Renderer renderer) {
    if (!Registrations.first(renderer, "results")) {
      return;
    }
    renderer
        .createRegistration(Tabular.class)
        .preferring(MIMEType.TEXT_HTML)
        .supporting(MIMEType.TEXT_PLAIN)
        .register(
            (result, ctx) -> {
              ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> toHtml(result));
              ctx.renderIfRequested(MIMEType.TEXT_PLAIN, result::toString);
            });
  }

  /**
   * The summary line and the table as HTML.
   *
   * @param result a LocSpec result
   * @return HTML with escaped text
   */
  public static String toHtml(Tabular result) {
    return "<div class=\"locspec-result\"><p>"
        + Html.escape(result.toString())
        + "</p>"
        + TableRenderers.toHtml(result.toTable())
        + "</div>";
  }
}
