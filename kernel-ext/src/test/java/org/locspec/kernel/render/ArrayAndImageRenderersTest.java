package org.locspec.kernel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Base64;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.common.Image;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

class ArrayAndImageRenderersTest {
  private static Renderer renderer() {
    Renderer r = new Renderer();
    Image.registerAll(r); // as every JJava kernel does
    ArrayRenderers.registerAll(r);
    ImageRenderers.registerAll(r);
    ArrayRenderers.registerAll(r); // twice: no effect
    return r;
  }

  private static String text(Renderer r, Object value) {
    return (String) r.render(value).getData(MIMEType.TEXT_PLAIN);
  }

  @Test
  void arraysOfEveryKindShowTheirContents() {
    Renderer r = renderer();
    assertEquals("int[3] {1, 2, 3}", text(r, new int[] {1, 2, 3}));
    assertEquals("double[0] {}", text(r, new double[0]));
    assertEquals("boolean[2] {true, false}", text(r, new boolean[] {true, false}));
    assertEquals("char[2] {'a', 'b'}", text(r, new char[] {'a', 'b'}));
    assertEquals("String[2] {\"x\", null}", text(r, new String[] {"x", null}));
    assertEquals("float[2][2] {{1.0, 2.0}, {3.0, 4.0}}", text(r, new float[][] {{1, 2}, {3, 4}}));
    assertEquals("Integer[1] {7}", text(r, new Integer[] {7}));
    assertEquals("a string", text(r, "a string"), "other values are untouched");
  }

  @Test
  void longArraysAreShortened() {
    String s = ValueText.arrayText(new int[1000]);
    assertTrue(s.startsWith("int[1000] {0, 0,"), s);
    assertEquals(ValueText.ELEMENTS + 1, s.split(",").length, s); // the elements and "..."
    assertTrue(s.endsWith("..., 0}"), s);
    assertTrue(ValueText.shortText(new long[10_000], 40).length() <= 40);
    assertEquals("line one line two", ValueText.shortText("line one\n  line two", 80));
  }

  @Test
  void aBufferedImageIsAPngWithAReadableText() {
    BufferedImage img = new BufferedImage(28, 14, BufferedImage.TYPE_INT_RGB);
    DisplayData d = renderer().render(img);
    assertEquals("image 28 x 14, RGB", d.getData(MIMEType.TEXT_PLAIN));
    byte[] png = Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG));
    assertEquals("PNG", new String(png, 1, 3));
  }
}
