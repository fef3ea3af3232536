package org.rapport.server.photo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.network.Degree;
import org.rapport.server.network.NetworkService;
import org.rapport.server.privacy.VisibilityPolicy;
import org.rapport.server.system.ServiceUnavailableException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Profile photos (issue 18): upload, removal, and who may see them.
 *
 * <p>An upload is checked and re-encoded ({@link PhotoImages}) before any transaction begins, so
 * the CPU-bound work never holds SQLite's write lock; the two squares and the fingerprint in
 * {@code members.photo} are then written in one short transaction. At most two uploads decode at a
 * time on a node, which bounds the memory decoding takes.
 *
 * <p>Who sees a photo is who sees the full profile: the member themself; anyone else only if the
 * member is visible to them ({@link VisibilityPolicy}: not blocked either way, not suspended) and,
 * when the member keeps their profile to their network, within it (any degree but
 * {@code OUT_OF_NETWORK}, the same rule as {@code PeopleService.view}). Anyone else gets 404, as
 * for a member without a photo.
 */
@Service
public class PhotoService {

    /** What the upload stored. */
    public record Uploaded(String fingerprint, int largeSize, int smallSize) {
    }

    /** One size of a photo to send. */
    public record Photo(String fingerprint, byte[] jpeg) {
    }

    /** The photo as the member's export gives it. */
    public record Exported(String fingerprint, String contentType, int size, Instant uploadedAt, byte[] jpeg) {
    }

    private final PhotoRepository repository;
    private final PhotoProperties properties;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final VisibilityPolicy visibility;
    private final NetworkService network;
    private final Semaphore decoding = new Semaphore(2, true);

    PhotoService(PhotoRepository repository, PhotoProperties properties, TransactionTemplate tx, Clock clock,
                 VisibilityPolicy visibility, NetworkService network) {
        this.repository = repository;
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
        this.visibility = visibility;
        this.network = network;
    }

    public PhotoProperties properties() {
        return properties;
    }

    /** Refuses a file of {@code size} bytes before it is read, when it is past the limit. */
    public void checkSize(long size) {
        if (size > properties.maxBytes().toBytes()) {
            throw PhotoRejectedException.tooLarge(properties.maxBytes().toBytes());
        }
    }

    /** Checks, re-encodes and stores the member's new photo in place of the old one. */
    public Uploaded upload(long member, byte[] file) {
        PhotoImages.Processed processed = processed(file);
        boolean saved = Boolean.TRUE.equals(tx.execute(status -> repository.save(member, processed, clock.millis())));
        if (!saved) {
            throw new MemberNotFoundException();
        }
        return new Uploaded(processed.fingerprint(), processed.largeSize(), processed.smallSize());
    }

    private PhotoImages.Processed processed(byte[] file) {
        if (file != null) {
            checkSize(file.length);
        }
        boolean acquired = false;
        try {
            acquired = decoding.tryAcquire(10, TimeUnit.SECONDS);
            if (!acquired) {
                throw new ServiceUnavailableException("photos-busy", "Busy",
                        "Other photos are being processed; try again in a moment.", Duration.ofSeconds(5), null);
            }
            return PhotoImages.process(file, properties);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("photos-busy", "Busy",
                    "Other photos are being processed; try again in a moment.", Duration.ofSeconds(5), e);
        } finally {
            if (acquired) {
                decoding.release();
            }
        }
    }

    /** Removes the member's photo (initials show again); whether there was one. */
    public boolean delete(long member) {
        return Boolean.TRUE.equals(tx.execute(status -> repository.delete(member)));
    }

    /** The photo in one size as {@code viewer} may see it; 404 when they may not, or there is none. */
    public Photo photo(long viewer, long member, boolean large) {
        if (!maySeePhoto(viewer, member)) {
            throw new PhotoNotFoundException();
        }
        return repository.find(member, large).map(s -> new Photo(s.fingerprint(), s.bytes()))
                .orElseThrow(PhotoNotFoundException::new);
    }

    /** The rule of the class comment. */
    public boolean maySeePhoto(long viewer, long member) {
        if (viewer == member) {
            return true;
        }
        if (!visibility.maySee(viewer, member)) {
            return false;
        }
        return !repository.networkOnly(member) || network.degree(viewer, member) != Degree.OUT_OF_NETWORK;
    }

    /** The member's own photo for their export, if any. */
    public Optional<Exported> export(long member) {
        return repository.row(member).map(r -> new Exported(r.fingerprint(), "image/jpeg", r.largeSize(),
                Instant.ofEpochMilli(r.createdAt()), r.large()));
    }
}
