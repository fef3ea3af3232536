package org.rapport.server.photo;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import net.coobird.thumbnailator.Thumbnails;

/**
 * Turns an uploaded file into the two squares Rapport stores, or refuses it (issue 18).
 *
 * <p>Order of the checks, cheapest first, so that a hostile file costs little: the size of the
 * file; its first bytes (JPEG or PNG, whatever type the client declared: WebP, GIF, SVG and the
 * rest are refused, as no WebP reader is on the class path); the width and height from the
 * header, before any pixel is decoded (a decompression bomb of a few kilobytes claiming
 * 100,000 × 100,000 pixels is refused here); then the decode itself, subsampled while reading when
 * the picture is far larger than needed, so memory stays near {@code (side / subsampling)²} pixels.
 *
 * <p>The output is always a new JPEG drawn from the decoded pixels: the centre square, turned
 * upright by the EXIF orientation, flattened on white (PNG transparency), scaled with
 * Thumbnailator and encoded without any metadata, so EXIF (GPS position, camera serial), XMP,
 * comments and ICC profiles never leave the upload. CMYK and YCCK JPEGs decode through the
 * TwelveMonkeys JPEG reader, which registers itself with ImageIO ahead of the JDK's.
 */
final class PhotoImages {

    /** The two squares kept and their fingerprint (hex, from the large square's bytes). */
    record Processed(byte[] large, int largeSize, byte[] small, int smallSize, String fingerprint) {
    }

    enum Format {
        JPEG("jpeg"), PNG("png");

        final String reader;

        Format(String reader) {
            this.reader = reader;
        }
    }

    static {
        ImageIO.setUseCache(false); // decode in memory, never through temporary files
        ImageIO.scanForPlugins();
    }

    private PhotoImages() {
    }

    static Processed process(byte[] bytes, PhotoProperties limits) {
        if (bytes == null || bytes.length == 0) {
            throw PhotoRejectedException.empty();
        }
        if (bytes.length > limits.maxBytes().toBytes()) {
            throw PhotoRejectedException.tooLarge(limits.maxBytes().toBytes());
        }
        Format format = sniff(bytes);
        BufferedImage decoded = decode(bytes, format, limits);
        int side = Math.min(decoded.getWidth(), decoded.getHeight());
        BufferedImage square = flatten(decoded.getSubimage((decoded.getWidth() - side) / 2,
                (decoded.getHeight() - side) / 2, side, side));
        int orientation = format == Format.JPEG ? exifOrientation(bytes) : 1;
        int largeSize = Math.min(side, limits.largeSize());
        int smallSize = Math.min(side, limits.smallSize());
        BufferedImage large = upright(scale(square, largeSize), orientation);
        BufferedImage small = scale(large, smallSize);
        byte[] largeBytes = jpeg(large, limits.quality());
        byte[] smallBytes = jpeg(small, limits.quality());
        return new Processed(largeBytes, largeSize, smallBytes, smallSize, fingerprint(largeBytes));
    }

    /** The format the bytes are, by their signature; anything but JPEG and PNG is refused. */
    static Format sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
            return Format.JPEG;
        }
        if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == '\r' && b[5] == '\n' && (b[6] & 0xFF) == 0x1A && b[7] == '\n') {
            return Format.PNG;
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            throw PhotoRejectedException.unsupported("WebP cannot be read here yet");
        }
        if (b.length >= 4 && b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            throw PhotoRejectedException.unsupported("GIF is not accepted");
        }
        throw PhotoRejectedException.unsupported("this file is neither");
    }

    private static BufferedImage decode(byte[] bytes, Format format, PhotoProperties limits) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.reader);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width < 1 || height < 1) {
                throw PhotoRejectedException.undecodable();
            }
            if (width * height > limits.maxPixels()) {
                throw PhotoRejectedException.tooManyPixels(width, height, limits.maxPixels());
            }
            ImageReadParam param = reader.getDefaultReadParam();
            // Keep at least twice the large side after subsampling, for a clean downscale.
            int step = (int) Math.max(1, Math.min(width, height) / (2L * limits.largeSize()));
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            BufferedImage image = reader.read(0, param);
            if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
                throw PhotoRejectedException.undecodable();
            }
            return image;
        } catch (PhotoRejectedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // ImageIO reports damaged files as IIOException and, for some, as runtime exceptions
            // (ArrayIndexOutOfBounds, IllegalArgument, CMMException) from deep inside a decoder.
            throw PhotoRejectedException.undecodable();
        } finally {
            reader.dispose();
        }
    }

    /** Draws the image on opaque white: JPEG has no transparency, and a transparent PNG would turn black. */
    private static BufferedImage flatten(BufferedImage image) {
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    private static BufferedImage scale(BufferedImage square, int size) {
        if (square.getWidth() == size) {
            return square;
        }
        try {
            return Thumbnails.of(square).forceSize(size, size).imageType(BufferedImage.TYPE_INT_RGB).asBufferedImage();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The square turned as EXIF orientation {@code o} (1–8) says the camera held it. A centre
     * square stays the centre square under every one of these turns, so cropping first is right.
     */
    static BufferedImage upright(BufferedImage square, int o) {
        if (o <= 1 || o > 8) {
            return square;
        }
        int s = square.getWidth();
        int[] src = square.getRGB(0, 0, s, s, null, 0, s);
        int[] out = new int[s * s];
        int m = s - 1;
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int sx;
                int sy;
                switch (o) {
                    case 2 -> { sx = m - x; sy = y; }
                    case 3 -> { sx = m - x; sy = m - y; }
                    case 4 -> { sx = x; sy = m - y; }
                    case 5 -> { sx = y; sy = x; }
                    case 6 -> { sx = y; sy = m - x; }
                    case 7 -> { sx = m - y; sy = m - x; }
                    default -> { sx = m - y; sy = x; } // 8
                }
                out[y * s + x] = src[sy * s + sx];
            }
        }
        BufferedImage turned = new BufferedImage(s, s, BufferedImage.TYPE_INT_RGB);
        turned.setRGB(0, 0, s, s, out, 0, s);
        return turned;
    }

    /** The EXIF orientation of a JPEG (1 when absent or unreadable), read from the APP1 segment. */
    static int exifOrientation(byte[] b) {
        int i = 2;
        while (i + 4 <= b.length && (b[i] & 0xFF) == 0xFF) {
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) {
                break; // image data starts: no more metadata segments
            }
            int length = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            int end = i + 2 + length;
            if (length < 2 || end > b.length) {
                break;
            }
            if (marker == 0xE1 && length >= 16 && b[i + 4] == 'E' && b[i + 5] == 'x' && b[i + 6] == 'i'
                    && b[i + 7] == 'f' && b[i + 8] == 0 && b[i + 9] == 0) {
                return tiffOrientation(b, i + 10, end);
            }
            i = end;
        }
        return 1;
    }

    private static int tiffOrientation(byte[] b, int start, int end) {
        boolean little;
        if (b[start] == 'I' && b[start + 1] == 'I') {
            little = true;
        } else if (b[start] == 'M' && b[start + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        long offset = u32(b, start + 4, little);
        if (offset < 8 || start + offset + 2 > end) {
            return 1;
        }
        int ifd = (int) (start + offset);
        int entries = u16(b, ifd, little);
        for (int k = 0; k < entries; k++) {
            int e = ifd + 2 + 12 * k;
            if (e + 12 > end) {
                break;
            }
            if (u16(b, e, little) == 0x0112) {
                int v = u16(b, e + 8, little);
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    private static int u16(byte[] b, int i, boolean little) {
        return little ? (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 : (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
    }

    private static long u32(byte[] b, int i, boolean little) {
        return little ? (u16(b, i, true) | (long) u16(b, i + 2, true) << 16)
                : ((long) u16(b, i, false) << 16 | u16(b, i + 2, false));
    }

    /** A baseline JPEG with no metadata at all. */
    static byte[] jpeg(BufferedImage image, float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static String fingerprint(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
