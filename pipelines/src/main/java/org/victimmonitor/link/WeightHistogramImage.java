package org.victimmonitor.link;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the match-weight histogram of the candidate pairs as a PNG: one bar per whole bit, a log
 * count scale (non-matches outnumber matches by orders of magnitude), and the threshold's weight as
 * a vertical line. A well-separated model shows two humps with a valley at the threshold.
 */
public final class WeightHistogramImage {
  private static final int W = 900;
  private static final int H = 420;
  private static final int PAD = 50;

  private WeightHistogramImage() {}

  public static void write(Map<Integer, Long> bins, double thresholdWeight, Path png)
      throws IOException {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);
    int lo = bins.keySet().stream().min(Integer::compare).orElse(-10);
    int hi = bins.keySet().stream().max(Integer::compare).orElse(10);
    lo = Math.min(lo, (int) Math.floor(thresholdWeight)) - 1;
    hi = Math.max(hi, (int) Math.ceil(thresholdWeight)) + 1;
    double maxLog =
        Math.log10(1 + bins.values().stream().mapToLong(Long::longValue).max().orElse(1));
    double bw = (W - 2.0 * PAD) / (hi - lo + 1);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    for (Map.Entry<Integer, Long> e : bins.entrySet()) {
      double h = (H - 2.0 * PAD) * Math.log10(1 + e.getValue()) / maxLog;
      int x = (int) (PAD + (e.getKey() - lo) * bw);
      g.setColor(e.getKey() >= thresholdWeight ? new Color(0x2b8cbe) : new Color(0xa6bddb));
      g.fillRect(x, (int) (H - PAD - h), Math.max(1, (int) bw - 1), (int) h);
    }
    g.setColor(Color.DARK_GRAY);
    g.drawLine(PAD, H - PAD, W - PAD, H - PAD);
    for (int b = lo; b <= hi; b += 5 * Math.max(1, (hi - lo) / 40)) {
      int x = (int) (PAD + (b - lo) * bw);
      g.drawString(Integer.toString(b), x - 6, H - PAD + 16);
    }
    g.drawString("match weight (bits)", W / 2 - 50, H - 12);
    g.drawString("candidate pairs (log scale)", 8, 20);
    int tx = (int) (PAD + (thresholdWeight - lo) * bw);
    g.setColor(new Color(0xd7301f));
    g.setStroke(new BasicStroke(2));
    g.drawLine(tx, PAD, tx, H - PAD);
    g.drawString("threshold", tx + 4, PAD + 12);
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }
}
