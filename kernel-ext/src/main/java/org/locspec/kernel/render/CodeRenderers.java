package org.locspec.kernel.render;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * Renders {@link JavaCode}: {@code text/html} as a labelled code block, {@code text/plain} as the
 * code.
 */
public final class CodeRenderers {
  private CodeRenderers() {}

  /**
   * Registers the code renderer. Registering twice with the same renderer does nothing.
   *
   * @param renderer the kernel's renderer
   */
  public static void registerAll(Renderer renderer) {
    if (!Registrations.first(renderer, "code")) {
      return;
    }
    renderer
        .createRegistration(JavaCode.class)
        .preferring(MIMEType.TEXT_HTML)
        .supporting(MIMEType.TEXT_PLAIN)
        .register(
            (code, ctx) -> {
              ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> toHtml(code));
              ctx.renderIfRequested(MIMEType.TEXT_PLAIN, code::code);
            });
  }

  /**
   * The code as an HTML block.
   *
   * @param code the code
   * @return a labelled {@code <pre>} block with the escaped code
   */
  public static String toHtml(JavaCode code) {
    return "<div class=\"locspec-java\"><div style=\"font-size:smaller;color:#555\">Java:</div>"
        + "<pre style=\"background:#f6f8fa;padding:6px\"><code class=\"language-java\">"
        + Html.escape(code.code())
        + "</code></pre></div>";
  }
}
