package org.locspec.kernel.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Renders XChart charts (any {@link Chart}: XYChart, CategoryChart, HeatMapChart, ...) as {@code
 * image/png}, with a one-line {@code text/plain} description.
 */
public final class ChartRenderers {
  private ChartRenderers() {}

  /**
   * Registers the chart renderer. Registering twice with the same renderer does nothing.
   *
   * @param renderer the kernel's renderer
   */
  public static void registerAll(Renderer renderer) {
    if (!Registrations.first(renderer, "charts")) {
      return;
    }
    renderer
        .createRegistration(Chart.class)
        .preferring(MIMEType.IMAGE_PNG)
        .supporting(MIMEType.TEXT_PLAIN)
        .register(
            (chart, ctx) -> {
              ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> pngBase64(chart));
              ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> describe(chart));
            });
  }

  /**
   * The chart as a PNG image, base64-encoded (the form Jupyter expects for {@code image/png}).
   *
   * @param chart the chart
   * @return base64 of the PNG bytes
   * @throws UncheckedIOException if XChart cannot encode it
   */
  public static String pngBase64(Chart<?, ?> chart) {
    try {
      return Base64.getEncoder()
          .encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode chart '" + chart.getTitle() + "' as PNG", e);
    }
  }

  /** E.g. {@code XYChart "loss" (600×400, 2 series)}. */
  static String describe(Chart<?, ?> chart) {
    String title =
        chart.getTitle() == null || chart.getTitle().isEmpty()
            ? ""
            : " \"" + chart.getTitle() + "\"";
    return chart.getClass().getSimpleName()
        + title
        + " ("
        + chart.getWidth()
        + "×"
        + chart.getHeight()
        + ", "
        + chart.getSeriesMap().size()
        + " series)";
  }
}
