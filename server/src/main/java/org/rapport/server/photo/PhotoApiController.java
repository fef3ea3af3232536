package org.rapport.server.photo;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.rapport.server.account.MemberPrincipal;
import org.rapport.server.network.MemberCardJson;
import org.rapport.server.system.ValidationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Profile photos over the API (issue 18). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Photos", description = "Profile photos: upload, remove, fetch (issue 18)")
class PhotoApiController {

    record PhotoJson(String photoUrl, String smallPhotoUrl, String fingerprint, int size, int smallSize) {
    }

    private final PhotoService photos;

    PhotoApiController(PhotoService photos) {
        this.photos = photos;
    }

    @PutMapping(path = "/me/photo", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Upload my profile photo (multipart field: photo), replacing the old one",
            description = "JPEG or PNG, as the file's bytes say whatever type is declared; up to rapport.photos.max-bytes "
                    + "(5 MB) and rapport.photos.max-pixels (40 million). The centre square is kept, turned upright, "
                    + "re-encoded as JPEG without any metadata (EXIF, GPS) in two sizes (400 and 96 px). 413 for too "
                    + "large a file or too many pixels, 415 for another format, 400 for a damaged file; nothing is "
                    + "stored then.")
    @ApiResponse(responseCode = "200", description = "Stored: the new addresses and fingerprint",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PhotoJson.class)))
    @ApiResponse(responseCode = "413", description = "Too large a file, or too many pixels",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    @ApiResponse(responseCode = "415", description = "Not a JPEG or PNG",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "#/components/schemas/Problem")))
    PhotoJson upload(@AuthenticationPrincipal MemberPrincipal me,
                     @RequestPart(name = "photo", required = false) MultipartFile photo) {
        if (photo == null || photo.isEmpty()) {
            throw new ValidationException("photo", "Choose a photo to upload: none was sent, or it is empty.");
        }
        photos.checkSize(photo.getSize());
        byte[] bytes;
        try {
            bytes = photo.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PhotoService.Uploaded u = photos.upload(me.memberId(), bytes);
        String url = MemberCardJson.apiPhotoUrl(me.memberId(), u.fingerprint());
        return new PhotoJson(url, url + "&size=small", u.fingerprint(), u.largeSize(), u.smallSize());
    }

    @DeleteMapping("/me/photo")
    @Operation(summary = "Remove my profile photo; initials show again (204 also when there was none)")
    @ApiResponse(responseCode = "204", description = "Removed")
    ResponseEntity<Void> delete(@AuthenticationPrincipal MemberPrincipal me) {
        photos.delete(me.memberId());
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/members/{id}/photo", produces = MediaType.IMAGE_JPEG_VALUE)
    @Operation(summary = "A member's profile photo (JPEG), if I may see their full profile",
            description = "size large (400 px, default) or small (96 px). With v set to the fingerprint in photoUrl the "
                    + "answer may be kept a year (the address changes with the photo); ETag and If-None-Match give 304. "
                    + "404 when the member has no photo, is hidden from me, or keeps their profile to their network and "
                    + "I am out of it.")
    @ApiResponse(responseCode = "200", description = "The photo",
            content = @Content(mediaType = MediaType.IMAGE_JPEG_VALUE, schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "304", description = "Not modified")
    ResponseEntity<byte[]> photo(@AuthenticationPrincipal MemberPrincipal me, @PathVariable long id,
                                 @RequestParam(required = false) String size, @RequestParam(required = false) String v,
                                 @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
        boolean large = PhotoResponses.large(size);
        return PhotoResponses.of(photos.photo(me.memberId(), id, large), large, v, ifNoneMatch);
    }
}
