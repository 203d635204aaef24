package org.locspec.kernel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.locspec.data.ImageDataset;
import org.locspec.viz.Tabular;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RenderersTest {

  @Test
  void tableHtmlEscapesCellsAndCaption() {
    Table t =
        Table.create("a<b> & c", StringColumn.create("text", "<script>x</script>", "\"q\" & 'p'"));
    String html = TableRenderers.toHtml(t);
    assertTrue(
        html.contains(
            "<caption style=\"text-align:left;font-weight:bold\">a&lt;b&gt; &amp; c</caption>"),
        html);
    assertTrue(html.contains("<td>&lt;script&gt;x&lt;/script&gt;</td>"), html);
    assertTrue(html.contains("<td>&quot;q&quot; &amp; &#39;p&#39;</td>"), html);
    assertFalse(html.contains("<script>"));
  }

  @Test
  void longTablesShowFiftyRowsAndSayHowManyMore() {
    int[] values = new int[120];
    for (int i = 0; i < values.length; i++) {
      values[i] = i;
    }
    String html = TableRenderers.toHtml(Table.create("long", IntColumn.create("i", values)));
    assertEquals(
        TableRenderers.MAX_ROWS, html.split("<tr>", -1).length - 2, "50 body rows + header");
    assertTrue(html.contains("<td>49</td>"));
    assertFalse(html.contains("<td>50</td>"));
    assertTrue(html.contains("… 70 more rows (120 in all)"), html);
  }

  @Test
  void numbersRenderThroughTheLibrarysFormatter() {
    Table t =
        Table.create(
            "stats",
            DoubleColumn.create("p", 0.1489494896902215, 3.7123e-8, Double.NaN),
            IntColumn.create("draws", 19, 999, 19));
    String html = TableRenderers.toHtml(t);
    assertTrue(html.contains("<td>0.1489</td><td>19</td>"), html);
    assertTrue(html.contains("<td>3.71e-8</td><td>999</td>"), html);
    assertTrue(html.contains("<td>–</td><td>19</td>"), html);
    assertFalse(html.contains("NaN") || html.contains("0.14894"), html);
    String text = TableRenderers.toText(t);
    assertTrue(text.contains("3.71e-8") && text.contains("–") && !text.contains("NaN"), text);
  }

  @Test
  void resultCaptionsRenderUnderTheTable() {
    Tabular result =
        new Tabular() {
          @Override
          public Table toTable() {
            return Table.create("rows", DoubleColumn.create("effect", Double.NaN));
          }

          @Override
          public String caption() {
            return "effect: – when <undefined>";
          }

          @Override
          public String toString() {
            return "Toy[one line]";
          }
        };
    String html = ResultRenderers.toHtml(result);
    assertTrue(html.contains("<td>–</td>"), html);
    assertTrue(
        html.endsWith(
            "</table><p class=\"locspec-caption\" style=\"font-size:smaller\">effect: – when"
                + " &lt;undefined&gt;</p></div>"),
        html);
  }

  @Test
  void registeringTwiceIsHarmless() {
    Renderer r = new Renderer();
    TableRenderers.registerAll(r);
    TableRenderers.registerAll(r);
    ChartRenderers.registerAll(r);
    ChartRenderers.registerAll(r);
    assertFalse(Registrations.first(r, "tables"));
    assertFalse(Registrations.first(r, "charts"));
    assertTrue(Registrations.first(new Renderer(), "tables"), "another renderer is separate");
    DisplayData d = r.render(Table.create("t", IntColumn.create("x", new int[] {1})));
    assertTrue(
        ((String) d.getData(MIMEType.TEXT_HTML)).contains("<td>1</td>"),
        String.valueOf(d.getData(MIMEType.TEXT_HTML)));
    assertTrue(((String) d.getData(MIMEType.TEXT_PLAIN)).contains("x"));
  }

  @Test
  void resultsRenderAsSummaryAndTable() {
    Renderer r = new Renderer();
    ResultRenderers.registerAll(r);
    org.locspec.train.Evaluation e =
        new org.locspec.train.Evaluation(
            "toy<test>", List.of("cat", "dog"), new int[] {4, 6}, new int[] {3, 3});
    DisplayData d = r.render(e);
    String html = (String) d.getData(MIMEType.TEXT_HTML);
    assertTrue(html.startsWith("<div class=\"locspec-result\"><p>"), html);
    assertTrue(html.contains("toy&lt;test&gt;") && html.contains("<td>dog</td>"), html);
    assertEquals(e.toString(), d.getData(MIMEType.TEXT_PLAIN));
    assertFalse(Registrations.first(r, "results"));
  }

  @Test
  void categoryChartsRenderAsPng() {
    Renderer r = new Renderer();
    ChartRenderers.registerAll(r);
    CategoryChart chart = new CategoryChartBuilder().width(200).height(150).title("bars").build();
    chart.addSeries("n", List.of("a", "b"), List.of(3, 5));
    DisplayData d = r.render(chart);
    byte[] png = Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG));
    assertEquals("PNG", new String(png, 1, 3));
    assertEquals("CategoryChart \"bars\" (200×150, 1 series)", d.getData(MIMEType.TEXT_PLAIN));
  }

  @Test
  void datasetImagesAreScaledGreyOrColour() {
    ImageDataset grey =
        ImageDataset.of("g", 1, 1, 2, new float[] {0f, 1f}, new int[] {0}, List.of("only"));
    var img = DatasetRenderers.toImage(grey, 0);
    assertEquals(4, img.getWidth());
    assertEquals(0x000000, img.getRGB(0, 0) & 0xffffff);
    assertEquals(0xffffff, img.getRGB(2, 1) & 0xffffff);
    ImageDataset rgb =
        ImageDataset.of("c", 3, 1, 1, new float[] {1f, 0f, 0.5f}, new int[] {0}, List.of("red"));
    assertEquals(0xff0080, DatasetRenderers.toImage(rgb, 0).getRGB(0, 0) & 0xffffff);
    String html = DatasetRenderers.toHtml(rgb);
    assertTrue(html.contains("<figcaption>red</figcaption>"), html);
  }
}
