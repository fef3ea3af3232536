package org.rapport.server.photo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/** Images made by the tests themselves: plain pictures, EXIF with a position in it, a decompression bomb. */
public final class TestImages {

    /** Text put into a test photo's EXIF; no stored photo may contain it. */
    public static final String SECRET = "GPS 52.5200N 13.4050E Secret Camera";

    private TestImages() {
    }

    /** A JPEG of {@code width} × {@code height}: left half red, right half blue. */
    public static byte[] jpeg(int width, int height) {
        return encode(halves(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    /** A PNG of {@code width} × {@code height} with the same halves. */
    public static byte[] png(int width, int height) {
        return encode(halves(width, height, BufferedImage.TYPE_INT_RGB), "png");
    }

    /** A PNG that is fully transparent. */
    public static byte[] transparentPng(int width, int height) {
        return encode(new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    static BufferedImage halves(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A JPEG with an EXIF segment right after SOI: IFD0 with Orientation {@code orientation} and an
     * ImageDescription holding {@link #SECRET}.
     */
    public static byte[] jpegWithExif(int width, int height, int orientation) {
        byte[] plain = jpeg(width, height);
        byte[] secret = (SECRET + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        tiff.writeBytes(new byte[] {'I', 'I', 42, 0, 8, 0, 0, 0});
        tiff.writeBytes(le16(2));
        tiff.writeBytes(le16(0x0112));
        tiff.writeBytes(le16(3));
        tiff.writeBytes(le32(1));
        tiff.writeBytes(le16(orientation));
        tiff.writeBytes(le16(0));
        tiff.writeBytes(le16(0x010E));
        tiff.writeBytes(le16(2));
        tiff.writeBytes(le32(secret.length));
        tiff.writeBytes(le32(38));
        tiff.writeBytes(le32(0));
        tiff.writeBytes(secret);
        byte[] t = tiff.toByteArray();
        int length = 2 + 6 + t.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(t);
        out.write(plain, 2, plain.length - 2);
        return out.toByteArray();
    }

    /** A valid PNG header claiming {@code width} × {@code height} pixels, followed by almost no data. */
    public static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
            DataOutputStream d = new DataOutputStream(ihdr);
            d.writeInt(width);
            d.writeInt(height);
            d.write(new byte[] {8, 2, 0, 0, 0}); // 8-bit RGB
            chunk(out, "IHDR", ihdr.toByteArray());
            chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
            chunk(out, "IEND", new byte[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        out.writeInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeInt((int) crc.getValue());
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code needle} occurs in {@code haystack}. */
    public static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    private static byte[] le32(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }
}
