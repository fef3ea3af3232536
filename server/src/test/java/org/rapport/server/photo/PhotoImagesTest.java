package org.rapport.server.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class PhotoImagesTest {

    static final PhotoProperties LIMITS = new PhotoProperties(DataSize.ofMegabytes(5), 40_000_000, 400, 96, 0.85f);

    @Test
    void keepsTheCentreSquareInTwoSizesAsJpeg() {
        PhotoImages.Processed p = PhotoImages.process(TestImages.png(900, 600), LIMITS);

        BufferedImage large = TestImages.decode(p.large());
        BufferedImage small = TestImages.decode(p.small());
        assertThat(new int[] {large.getWidth(), large.getHeight(), small.getWidth(), small.getHeight()})
                .containsExactly(400, 400, 96, 96);
        assertThat(p.largeSize()).isEqualTo(400);
        assertThat(p.smallSize()).isEqualTo(96);
        assertThat(PhotoImages.sniff(p.large())).isEqualTo(PhotoImages.Format.JPEG);
        // The centre 600 × 600 of a red | blue picture is still half red, half blue.
        assertThat(isRed(large.getRGB(100, 200))).isTrue();
        assertThat(isBlue(large.getRGB(300, 200))).isTrue();
        assertThat(p.fingerprint()).matches("[0-9a-f]{16}");
    }

    @Test
    void smallPicturesAreNotEnlarged() {
        PhotoImages.Processed p = PhotoImages.process(TestImages.jpeg(120, 80), LIMITS);

        assertThat(TestImages.decode(p.large()).getWidth()).isEqualTo(80);
        assertThat(TestImages.decode(p.small()).getWidth()).isEqualTo(80);
    }

    @Test
    void exifMetadataIsStrippedAndItsOrientationApplied() {
        byte[] upload = TestImages.jpegWithExif(600, 400, 6);
        byte[] secret = TestImages.SECRET.getBytes(StandardCharsets.US_ASCII);
        assertThat(TestImages.contains(upload, secret)).as("the upload carries the secret").isTrue();
        assertThat(PhotoImages.exifOrientation(upload)).isEqualTo(6);

        PhotoImages.Processed p = PhotoImages.process(upload, LIMITS);

        for (byte[] stored : new byte[][] {p.large(), p.small()}) {
            assertThat(TestImages.contains(stored, secret)).isFalse();
            assertThat(TestImages.contains(stored, "Exif".getBytes(StandardCharsets.US_ASCII))).isFalse();
        }
        // Orientation 6: turned a quarter clockwise, so the red left half is now on top.
        BufferedImage large = TestImages.decode(p.large());
        assertThat(isRed(large.getRGB(200, 100))).as("top is red").isTrue();
        assertThat(isBlue(large.getRGB(200, 300))).as("bottom is blue").isTrue();
    }

    @Test
    void everyOrientationPutsTheRightCornerOnTop() {
        BufferedImage square = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        square.setRGB(0, 0, 0xFFFFFF); // a mark in the top-left corner
        int[][] expected = {{0, 0}, {3, 0}, {3, 3}, {0, 3}, {0, 0}, {3, 0}, {3, 3}, {0, 3}};
        for (int o = 1; o <= 8; o++) {
            BufferedImage turned = PhotoImages.upright(square, o);
            int[] at = expected[o - 1];
            assertThat(turned.getRGB(at[0], at[1]) & 0xFFFFFF).as("orientation %d", o).isEqualTo(0xFFFFFF);
        }
    }

    @Test
    void transparencyBecomesWhite() {
        BufferedImage large = TestImages.decode(PhotoImages.process(TestImages.transparentPng(200, 200), LIMITS).large());

        Color c = new Color(large.getRGB(100, 100));
        assertThat(c.getRed() + c.getGreen() + c.getBlue()).isGreaterThan(3 * 245);
    }

    @Test
    void refusesWhatIsNotAJpegOrPngWhateverItClaims() {
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        byte[] gif = "GIF89a\1\0\1\0".getBytes(StandardCharsets.ISO_8859_1);
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        for (byte[] file : new byte[][] {webp, gif, html}) {
            assertThatThrownBy(() -> PhotoImages.process(file, LIMITS))
                    .isInstanceOfSatisfying(PhotoRejectedException.class, e -> {
                        assertThat(e.status()).isEqualTo(415);
                        assertThat(e.type()).isEqualTo("photo-unsupported-type");
                    });
        }
    }

    @Test
    void refusesADecompressionBombFromItsHeaderAlone() {
        byte[] bomb = TestImages.pngClaiming(100_000, 100_000);
        assertThat(bomb.length).isLessThan(100);

        assertThatThrownBy(() -> PhotoImages.process(bomb, LIMITS))
                .isInstanceOfSatisfying(PhotoRejectedException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.type()).isEqualTo("photo-too-many-pixels");
                    assertThat(e.detail()).contains("100000 × 100000");
                });
    }

    @Test
    void refusesDamagedFiles() {
        byte[] jpeg = TestImages.jpeg(300, 300);
        byte[] garbage = new byte[2000];
        Arrays.fill(garbage, (byte) 0x41);
        garbage[0] = (byte) 0xFF;
        garbage[1] = (byte) 0xD8;
        garbage[2] = (byte) 0xFF;
        byte[] png = TestImages.png(300, 300);
        byte[] truncatedPng = Arrays.copyOf(png, 60);
        for (byte[] file : new byte[][] {garbage, truncatedPng, Arrays.copyOf(jpeg, 4)}) {
            assertThatThrownBy(() -> PhotoImages.process(file, LIMITS))
                    .isInstanceOfSatisfying(PhotoRejectedException.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.type()).isEqualTo("photo-unreadable");
                    });
        }
    }

    @Test
    void refusesFilesOverTheSizeLimitAndEmptyOnes() {
        PhotoProperties tight = new PhotoProperties(DataSize.ofKilobytes(2), 40_000_000, 400, 96, 0.85f);
        assertThatThrownBy(() -> PhotoImages.process(Arrays.copyOf(TestImages.png(400, 400), 3000), tight))
                .isInstanceOfSatisfying(PhotoRejectedException.class, e -> assertThat(e.status()).isEqualTo(413));
        assertThatThrownBy(() -> PhotoImages.process(new byte[0], LIMITS))
                .isInstanceOfSatisfying(PhotoRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
    }

    private static boolean isRed(int rgb) {
        Color c = new Color(rgb);
        return c.getRed() > 200 && c.getBlue() < 60 && c.getGreen() < 60;
    }

    private static boolean isBlue(int rgb) {
        Color c = new Color(rgb);
        return c.getBlue() > 200 && c.getRed() < 60 && c.getGreen() < 60;
    }
}
