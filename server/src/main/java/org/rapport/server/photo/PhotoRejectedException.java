package org.rapport.server.photo;

import org.rapport.server.system.RapportException;

/** An upload that is not a photo Rapport keeps; nothing was stored. Each condition has its own type. */
public class PhotoRejectedException extends RapportException {

    private PhotoRejectedException(String type, int status, String title, String detail) {
        super(type, status, title, detail);
    }

    static PhotoRejectedException empty() {
        return new PhotoRejectedException("photo-missing", 400, "No photo",
                "Choose a photo to upload: the file was empty.");
    }

    static PhotoRejectedException tooLarge(long maxBytes) {
        return new PhotoRejectedException("photo-too-large", 413, "Photo too large",
                "The photo is larger than " + megabytes(maxBytes) + ". Choose a smaller file.");
    }

    static PhotoRejectedException unsupported(String what) {
        return new PhotoRejectedException("photo-unsupported-type", 415, "Not a JPEG or PNG photo",
                "Upload a JPEG or PNG photo; " + what + ".");
    }

    static PhotoRejectedException tooManyPixels(long width, long height, long maxPixels) {
        return new PhotoRejectedException("photo-too-many-pixels", 413, "Photo too large",
                "The photo is " + width + " × " + height + " pixels; at most " + maxPixels / 1_000_000
                        + " million pixels are accepted. Choose a smaller photo.");
    }

    static PhotoRejectedException undecodable() {
        return new PhotoRejectedException("photo-unreadable", 400, "Photo could not be read",
                "The photo could not be read: the file is damaged or incomplete.");
    }

    private static String megabytes(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
    }
}
