package org.rapport.server.demo;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.SplittableRandom;

import javax.imageio.ImageIO;

/**
 * Portrait-like pictures for the demo network (issue 18), drawn here from a seed, so the demo shows
 * photos without shipping any image: a two-colour background, a head and shoulders in one of a
 * few tones, sometimes hair. Each is a 560 × 420 PNG (not square, so the upload's centre crop is
 * exercised too) that goes through the same upload path as a member's.
 */
final class DemoPhotos {

    private static final Color[] SKIN = {
        new Color(0xF1C27D), new Color(0xE0AC69), new Color(0xC68642), new Color(0x8D5524), new Color(0xFFDBAC)};
    private static final Color[] HAIR = {
        new Color(0x2C1B10), new Color(0x5A3825), new Color(0xA56B46), new Color(0xD6B370), new Color(0x777777)};

    private DemoPhotos() {
    }

    static byte[] portrait(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int w = 560;
        int h = 420;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            float hue = random.nextInt(360) / 360f;
            g.setPaint(new GradientPaint(0, 0, Color.getHSBColor(hue, 0.35f, 0.85f),
                    w, h, Color.getHSBColor((hue + 0.12f) % 1f, 0.45f, 0.6f)));
            g.fillRect(0, 0, w, h);
            int cx = w / 2 + random.nextInt(-20, 21);
            g.setColor(Color.getHSBColor(random.nextInt(360) / 360f, 0.4f, 0.45f));
            g.fill(new Ellipse2D.Double(cx - 120, 250, 240, 220)); // shoulders
            g.setColor(SKIN[random.nextInt(SKIN.length)]);
            g.fillRect(cx - 22, 200, 44, 60); // neck
            g.fill(new Ellipse2D.Double(cx - 62, 80, 124, 150)); // head
            if (random.nextInt(4) > 0) {
                g.setColor(HAIR[random.nextInt(HAIR.length)]);
                g.fill(new Ellipse2D.Double(cx - 66, 64, 132, 80));
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
