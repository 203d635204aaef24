package org.locspec.kernel.render;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.locspec.viz.Tabular;

/**
 * Renders every LocSpec result ({@link Tabular}): {@code text/html} as its one-line summary ({@code
 * toString()}) above its table (numbers through the library's formatter) and its caption below,
 * {@code text/plain} as the summary.
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
   * The summary line, the table and the caption as HTML.
   *
   * @param result a LocSpec result
   * @return HTML with escaped text
   */
  public static String toHtml(Tabular result) {
    String caption = result.caption();
    return "<div class=\"locspec-result\"><p>"
        + Html.escape(result.toString())
        + "</p>"
        + TableRenderers.toHtml(result.toTable())
        + (caption.isEmpty()
            ? ""
            : "<p class=\"locspec-caption\" style=\"font-size:smaller\">"
                + Html.escape(caption)
                + "</p>")
        + "</div>";
  }
}
