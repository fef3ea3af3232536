package org.rapport.server.contacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.rapport.server.account.EmailVerified;
import org.rapport.server.invitation.InvitationRepository;
import org.rapport.server.invitation.InvitationService;
import org.rapport.server.invitation.QuotaStatus;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.member.MemberSummary;
import org.rapport.server.network.MemberCard;
import org.rapport.server.network.NetworkService;
import org.rapport.server.notification.NotificationKind;
import org.rapport.server.notification.NotificationService;
import org.rapport.server.privacy.BlockService;
import org.rapport.server.system.BackgroundRetry;
import org.rapport.server.system.ConflictException;
import org.rapport.server.system.RateLimitException;
import org.rapport.server.system.ServiceUnavailableException;
import org.rapport.server.system.Database;
import org.rapport.server.system.Cursor;
import org.rapport.server.system.NotFoundException;
import org.rapport.server.system.Page;
import org.rapport.server.system.PageRequest;
import org.rapport.server.system.RapportProperties;
import org.rapport.server.system.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Address books (E1, E2, E4), e-mail invitations (E3) and consent (E6).
 *
 * <p><b>An import</b> runs in the background so a large file does not hold a request: it reads the
 * file ({@link ContactFileReader}), matches each address to a member by their e-mail and each
 * handle to a member who lists it on their profile, then stores everything in one transaction,
 * so a failure leaves nothing behind. Its progress and outcome (rows read, imported, skipped with
 * line and reason, matched) are on the {@code contact_imports} row and, while it runs, in memory.
 * One row is stored per address or handle, keyed-hashed and sealed ({@link ContactKeys}); a second
 * upload of the same address adds nothing. Contacts who are not members expire after
 * {@code rapport.contacts.retention}; deleting an import deletes its contacts.
 *
 * <p><b>Matches</b> are shown with degree and mutual count, each with its own Connect button:
 * every connection starts as an ordinary invitation through the quota. Matched contacts feed
 * People You May Know ("in your contacts") unless the matched member opted out of being suggested
 * to people who merely have their address, and count for "people in my imported contacts" (I2).
 *
 * <p><b>E-mail invitations</b> to contacts who are not members go out through SMTP, count in the
 * sender's invitation quota, and wait (by keyed hash only) for a sign-up with that address, which
 * turns each into an ordinary pending invitation.
 */
@Service
public class ContactService {

    private static final Logger log = LoggerFactory.getLogger(ContactService.class);
    private static final int REPORT_LINES = 200;
    static final int NOTE_MAX = 300;

    /** A contact as its owner sees it: the member it matched (as a card), or the name and address they uploaded. */
    public record Contact(long id, String name, String email, String handle, MemberCard member, Instant expiresAt) {
    }

    /** An import with its live progress while it runs (null once finished). */
    public record ImportView(ContactRepository.ImportRow row, ImportProgress progress) {
    }

    private final ContactRepository contacts;
    private final ContactKeys keys;
    private final MemberRepository members;
    private final NetworkService network;
    private final BlockService blocks;
    private final InvitationService invitationService;
    private final InvitationRepository invitations;
    private final NotificationService notifications;
    private final ObjectProvider<JavaMailSender> mail;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final RapportProperties properties;
    private final JsonMapper json;
    private final Database database;
    private final org.rapport.server.privacy.PrivacyProperties privacyLimits;
    private final Map<Long, ImportProgress> running = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor executor;
    private final UploadProperties uploads;
    private final Path spool;

    private final org.rapport.server.system.SiteIdentity site;

    public ContactService(ContactRepository contacts, ContactKeys keys, MemberRepository members, NetworkService network,
                          BlockService blocks, InvitationService invitationService, InvitationRepository invitations,
                          NotificationService notifications, ObjectProvider<JavaMailSender> mail,
                          TransactionTemplate tx, Clock clock, RapportProperties properties, JsonMapper json,
                          Database database, UploadProperties uploads,
                          org.rapport.server.privacy.PrivacyProperties privacyLimits,
                          org.rapport.server.system.SiteIdentity site) {
        this.site = site;
        this.privacyLimits = privacyLimits;
        this.contacts = contacts;
        this.keys = keys;
        this.members = members;
        this.network = network;
        this.blocks = blocks;
        this.invitationService = invitationService;
        this.invitations = invitations;
        this.notifications = notifications;
        this.mail = mail;
        this.tx = tx;
        this.clock = clock;
        this.properties = properties;
        this.json = json;
        this.database = database;
        this.uploads = uploads;
        this.spool = properties.dataDir().resolve("uploads");
        this.executor = new ThreadPoolExecutor(uploads.workers(), uploads.workers(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(uploads.queue()), r -> {
                    Thread t = new Thread(r, "contact-import");
                    t.setDaemon(true);
                    return t;
                });
    }

    // ------------------------------------------------------------------------------------------
    // Imports

    /** Where an accepted upload is: written to a file of the spool by {@link #startImport}. */
    @FunctionalInterface
    public interface UploadSource {
        void writeTo(Path target) throws IOException;
    }

    /** Starts importing {@code bytes} in the background; the import's id says where to follow it. */
    public long startImport(long me, String fileName, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ValidationException("file", "Choose a file to upload: it is empty.");
        }
        return startImport(me, fileName, target -> Files.write(target, bytes));
    }

    /**
     * Accepts an upload for a background import (issue 14): refused with 429 when the member
     * already has {@code per-member} uploads waiting or running, with 503 when the queue is full;
     * otherwise the file is written to the spool directory (not held in memory) and queued. A
     * queued upload survives a stop: it is resumed at the next start.
     */
    public long startImport(long me, String fileName, UploadSource source) {
        if (executor.getQueue().remainingCapacity() == 0) {
            throw queueFull(null);
        }
        String shown = shownName(fileName);
        // Counted and created in one transaction: on SQLite, which runs one writer at a time, two
        // uploads at once cannot both pass the limit.
        long id = tx.execute(status -> {
            long queued = contacts.processingImports(me);
            if (queued >= uploads.perMember()) {
                throw new RateLimitException("uploads-queued", String.format(Locale.ENGLISH,
                        "You already have %d uploads being read. Wait until one is done, then send the next.", queued),
                        uploads.retryAfter());
            }
            return contacts.createImport(me, shown, clock.instant());
        });
        Path file = spoolFile(id);
        try {
            Files.createDirectories(spool);
            Path partial = spool.resolve(id + ".part");
            source.writeTo(partial);
            if (Files.size(partial) == 0) {
                Files.deleteIfExists(partial);
                failRecorded(id, "The file was empty; nothing was kept.");
                throw new ValidationException("file", "Choose a file to upload: it is empty.");
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(spool.resolve(id + ".part"));
            failRecorded(id, "The server could not store the file; nothing was kept. Try again later.");
            throw new UncheckedIOException("cannot spool upload " + id, e);
        }
        String name = fileName;
        try {
            executor.execute(() -> processSpooled(me, id, name, file));
        } catch (RejectedExecutionException e) {
            deleteQuietly(file);
            failRecorded(id, "The server was too busy to read this file; nothing was kept. Upload it again.");
            throw queueFull(e);
        }
        return id;
    }

    private ServiceUnavailableException queueFull(Throwable cause) {
        return new ServiceUnavailableException("uploads-busy", "Busy",
                "The server is reading many uploads just now and cannot take another; nothing was changed. "
                        + "Please try again in a little while.", uploads.retryAfter(), cause);
    }

    private Path spoolFile(long importId) {
        return spool.resolve(importId + ".upload");
    }

    /** Reads a spooled upload; the file goes once the import's outcome is recorded, not before. */
    private void processSpooled(long me, long importId, String fileName, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            log.warn("Cannot read spooled upload {}: {}", file, e.toString());
            if (failRecorded(importId, "The server lost the uploaded file; nothing was kept. Upload it again.")) {
                deleteQuietly(file);
            }
            return;
        }
        if (process(me, importId, fileName, bytes)) {
            deleteQuietly(file);
        }
    }

    /**
     * At start-up, every spooled upload whose import is still processing is queued again; on
     * SQLite, where this server alone runs imports, any other import still processing is marked
     * failed with a reason the member sees (its file is gone).
     */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeSpooledImports() {
        Set<Long> resumed = new HashSet<>();
        if (Files.isDirectory(spool)) {
            try (var files = Files.list(spool)) {
                for (Path f : files.sorted().toList()) {
                    String n = f.getFileName().toString();
                    if (n.endsWith(".part")) {
                        deleteQuietly(f);
                        continue;
                    }
                    if (!n.endsWith(".upload")) {
                        continue;
                    }
                    long id;
                    try {
                        id = Long.parseLong(n.substring(0, n.length() - ".upload".length()));
                    } catch (NumberFormatException e) {
                        continue;
                    }
                    var row = BackgroundRetry.call("Finding a spooled import", () -> contacts.processingImport(id));
                    if (row.isEmpty()) {
                        deleteQuietly(f);
                        continue;
                    }
                    long member = row.get().memberId();
                    String fileName = row.get().fileName();
                    if (executor.getQueue().offer(() -> processSpooled(member, id, fileName, f))) {
                        resumed.add(id);
                    }
                }
            } catch (IOException e) {
                log.warn("Cannot list the upload spool {}: {}", spool, e.toString());
            }
            executor.prestartAllCoreThreads();
            if (!resumed.isEmpty()) {
                log.info("Resumed {} contact import(s) queued before the last stop", resumed.size());
            }
        }
        if (database.isSqlite()) {
            for (long id : BackgroundRetry.call("Listing interrupted imports", contacts::processingImportIds)) {
                if (!resumed.contains(id)) {
                    failRecorded(id, "The server stopped while this import ran; nothing of it was kept. Upload the file again.");
                }
            }
        }
    }

    /** Records a failure, waiting out a busy database; whether it was recorded. */
    private boolean failRecorded(long importId, String reason) {
        try {
            BackgroundRetry.call("Recording a failed import", () -> {
                fail(importId, reason);
                return null;
            });
            return true;
        } catch (RuntimeException e) {
            log.warn("Could not record the failure of contact import {} (it stays processing until the next start): {}",
                    importId, e.toString());
            return false;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", file, e.toString());
        }
    }

    /** Imports {@code bytes} now, on the caller's thread (the CLI and tests). */
    public ImportView importNow(long me, String fileName, byte[] bytes) {
        long id = begin(me, fileName, bytes);
        process(me, id, fileName, bytes);
        return view(me, id);
    }

    private long begin(long me, String fileName, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new ValidationException("file", "Choose a file to upload: it is empty.");
        }
        String shown = shownName(fileName);
        return tx.execute(status -> contacts.createImport(me, shown, clock.instant()));
    }

    private static String shownName(String fileName) {
        String name = fileName == null || fileName.isBlank() ? "contacts" : fileName.strip();
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    /** Reads, matches and stores one import; whether its outcome (done or failed) was recorded. */
    private boolean process(long me, long importId, String fileName, byte[] bytes) {
        running.put(importId, new ImportProgress("reading", 0, 0));
        try {
            ContactFileReader.Result read = ContactFileReader.read(fileName, bytes,
                    n -> running.put(importId, new ImportProgress("reading", n, 0)));
            long rows = read.contacts().size() + read.skipped().size();
            if (read.contacts().size() > properties.contacts().maxRows()) {
                throw new ContactFileException(0, String.format(Locale.ENGLISH,
                        "This file holds %,d contacts; at most %,d can be imported at once. Split it in parts.",
                        read.contacts().size(), properties.contacts().maxRows()));
            }
            running.put(importId, new ImportProgress("matching", 0, read.contacts().size()));
            Instant now = clock.instant();
            Map<String, Long> byEmail = contacts.membersByEmail(emails(read));
            Map<String, Long> byHandle = membersByHandle(read);
            Set<String> seen = contacts.existingKeys(me);
            long expires = now.plus(properties.contacts().retention()).toEpochMilli();
            List<ContactRepository.NewContact> rowsToStore = new ArrayList<>();
            Set<Long> matchedMembers = new HashSet<>();
            // At most rapport.privacy.contact-matches-per-day members matched in any 24 hours: past
            // that an address stays an address (to invite by e-mail), so a file of guessed addresses
            // cannot name a town's worth of members (issue 15).
            long allowance = Math.max(0, privacyLimits.contactMatchesPerDay()
                    - contacts.matchedSince(me, now.minus(java.time.Duration.ofDays(1))));
            long withheld = 0;
            long duplicates = 0;
            int done = 0;
            for (RawContact c : read.contacts()) {
                boolean any = false;
                for (String email : c.emails()) {
                    String hash = keys.emailHash(email);
                    if (!seen.add("e:" + hash)) {
                        duplicates++;
                        continue;
                    }
                    Long member = byEmail.get(email);
                    member = member != null && member == me ? null : member;
                    if (member != null && !matchedMembers.contains(member) && matchedMembers.size() >= allowance) {
                        member = null;
                        withheld++;
                    }
                    rowsToStore.add(new ContactRepository.NewContact(c.name(), hash, keys.seal(email), null, null,
                            member, member == null ? expires : null));
                    if (member != null) {
                        matchedMembers.add(member);
                    }
                    any = true;
                }
                for (String handle : c.handles()) {
                    String hash = keys.handleHash(handle);
                    if (!seen.add("h:" + hash)) {
                        duplicates++;
                        continue;
                    }
                    Long member = byHandle.get(handle);
                    member = member != null && member == me ? null : member;
                    if (member != null && !matchedMembers.contains(member) && matchedMembers.size() >= allowance) {
                        member = null;
                        withheld++;
                    }
                    rowsToStore.add(new ContactRepository.NewContact(c.name(), null, null, hash, handle, member,
                            member == null ? expires : null));
                    if (member != null) {
                        matchedMembers.add(member);
                    }
                    any = true;
                }
                if (!any && c.emails().isEmpty() && c.handles().isEmpty()) {
                    // Names only (a Facebook friends list): kept so the owner sees what came in, never matched.
                    rowsToStore.add(new ContactRepository.NewContact(c.name(), null, null, null, null, null, expires));
                }
                if (++done % 1000 == 0) {
                    running.put(importId, new ImportProgress("matching", done, read.contacts().size()));
                }
            }
            running.put(importId, new ImportProgress("saving", 0, rowsToStore.size()));
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("format", read.format().label());
            report.put("duplicates", duplicates);
            report.put("matchesWithheld", withheld);
            report.put("skipped", read.skipped().stream().limit(REPORT_LINES)
                    .map(s -> Map.of("line", s.line(), "reason", s.reason())).toList());
            report.put("skippedNotListed", Math.max(0, read.skipped().size() - REPORT_LINES));
            String reportJson = json.writeValueAsString(report);
            long matched = matchedMembers.size();
            boolean finished = BackgroundRetry.call("Storing contact import " + importId, () -> tx.execute(status -> {
                if (!contacts.finishImport(importId, "DONE", read.format().name(), rows, rowsToStore.size(),
                        read.skipped().size(), matched, reportJson, clock.instant())) {
                    return false; // given up on meanwhile (see abandonStaleImports): keep nothing
                }
                contacts.insertContacts(me, importId, rowsToStore, now);
                return true;
            }));
            if (!finished) {
                log.warn("Contact import {} of member {} was given up on before it finished; nothing was kept", importId, me);
                return true;
            }
            log.info("Contact import {} of member {}: {} rows, {} stored, {} skipped, {} matched", importId, me, rows,
                    rowsToStore.size(), read.skipped().size(), matched);
            return true;
        } catch (ContactFileException e) {
            return failRecorded(importId, e.messageFor("file"));
        } catch (RuntimeException e) {
            if (BackgroundRetry.isTransient(e)) {
                // The database stayed busy or away through every retry: keep the file, the
                // import resumes at the next start.
                log.warn("Contact import {} could not be stored now; it resumes at the next start: {}", importId,
                        e.toString());
                return false;
            }
            log.warn("Contact import {} failed", importId, e);
            return failRecorded(importId, "The import failed on the server; nothing was kept. Try again, or report it.");
        } finally {
            running.remove(importId);
        }
    }

    private void fail(long importId, String reason) {
        tx.executeWithoutResult(status -> contacts.finishImport(importId, "FAILED", "UNKNOWN", 0, 0, 0, 0,
                json.writeValueAsString(Map.of("error", reason)), clock.instant()));
    }

    private static Set<String> emails(ContactFileReader.Result read) {
        Set<String> out = new HashSet<>();
        read.contacts().forEach(c -> out.addAll(c.emails()));
        return out;
    }

    /**
     * Members by the handles the contacts carry. A member's handle is stored as typed ("@ada",
     * "https://x.com/ada"…), so each contact handle is looked up under the spellings it may have
     * been typed in, and the hits compared in normalised form.
     */
    private Map<String, Long> membersByHandle(ContactFileReader.Result read) {
        Map<String, Long> out = new HashMap<>();
        Set<String> wanted = new HashSet<>();
        Set<Long> rapportIds = new HashSet<>();
        Map<String, String> keyToHandle = new HashMap<>();
        for (RawContact c : read.contacts()) {
            for (String h : c.handles()) {
                if (h.startsWith("rapport:")) {
                    rapportIds.add(Long.parseLong(h.substring(8)));
                    continue;
                }
                wanted.add(h);
                for (String spelling : spellings(h)) {
                    keyToHandle.put(org.rapport.server.system.Text.key(spelling), h);
                }
            }
        }
        for (long id : contacts.existingMembers(rapportIds)) {
            out.put("rapport:" + id, id);
        }
        if (!keyToHandle.isEmpty()) {
            for (String[] row : contacts.memberHandles(keyToHandle.keySet())) {
                String normal = Handles.ofMember(row[1], row[2]);
                if (normal != null && wanted.contains(normal)) {
                    out.putIfAbsent(normal, Long.parseLong(row[0]));
                }
            }
        }
        return out;
    }

    private static List<String> spellings(String handle) {
        int colon = handle.indexOf(':');
        String network = handle.substring(0, colon);
        String v = handle.substring(colon + 1);
        return switch (network) {
            case "x" -> List.of(v, "@" + v, "https://x.com/" + v, "https://twitter.com/" + v);
            case "github" -> List.of(v, "@" + v, "https://github.com/" + v);
            case "linkedin" -> List.of(v, "https://www.linkedin.com/in/" + v, "https://linkedin.com/in/" + v,
                    "https://www.linkedin.com/in/" + v + "/", "linkedin.com/in/" + v);
            case "mastodon" -> {
                int at = v.indexOf('@');
                yield List.of(v, "@" + v, "https://" + v.substring(at + 1) + "/@" + v.substring(0, at));
            }
            default -> List.of(v);
        };
    }

    public ImportView view(long me, long importId) {
        ContactRepository.ImportRow row = contacts.findImport(me, importId)
                .orElseThrow(() -> new NotFoundException("There is no such import of yours."));
        return new ImportView(row, row.status().equals("PROCESSING") ? running.get(importId) : null);
    }

    public List<ContactRepository.ImportRow> imports(long me) {
        return contacts.imports(me);
    }

    /** Deletes an import and every contact it brought. */
    public void deleteImport(long me, long importId) {
        if (running.containsKey(importId)) {
            throw new ConflictException("import-running", "Import still running", "This import is still running; delete it when it is done.");
        }
        boolean deleted = Boolean.TRUE.equals(tx.execute(status -> contacts.deleteImport(me, importId)));
        if (!deleted) {
            throw new NotFoundException("There is no such import of yours.");
        }
    }

    // ------------------------------------------------------------------------------------------
    // Contacts

    /** My contacts who are members (with degree and mutuals), or those who are not. */
    public Page<Contact> contacts(long me, boolean matched, PageRequest page) {
        List<ContactRepository.ContactRow> rows = new ArrayList<>(contacts.contacts(me, matched, page));
        String next = null;
        if (rows.size() > page.limit()) {
            rows.remove(rows.size() - 1);
            next = Cursor.encode(matched ? "cm" : "cu", rows.get(rows.size() - 1).id());
        }
        Set<Long> hidden = blocks.hiddenFrom(me);
        Map<Long, MemberSummary> summaries = members.findSummaries(rows.stream()
                .map(ContactRepository.ContactRow::matchedMemberId).filter(java.util.Objects::nonNull).toList());
        List<Contact> items = new ArrayList<>();
        for (ContactRepository.ContactRow r : rows) {
            MemberCard card = null;
            if (r.matchedMemberId() != null) {
                MemberSummary s = summaries.get(r.matchedMemberId());
                if (s == null || hidden.contains(s.id())) {
                    continue;
                }
                card = network.card(me, s);
            }
            items.add(new Contact(r.id(), r.displayName(), r.emailSealed() == null ? null : keys.open(r.emailSealed()),
                    r.handleLabel(), card, r.expiresAt()));
        }
        return new Page<>(items, next, contacts.count(me, matched));
    }

    /** Whether {@code member} is among {@code owner}'s imported contacts (I2). */
    public boolean isInContacts(long owner, long member) {
        return contacts.hasContact(owner, member);
    }

    /** Matched contacts of mine who allow being suggested to people who have their address (C5). */
    public List<Long> suggestable(long me, int limit) {
        return contacts.suggestableContacts(me, limit);
    }

    /** My consent settings (E5, E6). */
    public record Settings(boolean suggestToContacts, boolean shareEmailWithConnections) {
    }

    public Settings settings(long me) {
        return contacts.settings(me);
    }

    public Settings updateSettings(long me, Boolean suggestToContacts, Boolean shareEmailWithConnections) {
        return tx.execute(status -> {
            Settings old = contacts.settings(me);
            Settings next = new Settings(suggestToContacts == null ? old.suggestToContacts() : suggestToContacts,
                    shareEmailWithConnections == null ? old.shareEmailWithConnections() : shareEmailWithConnections);
            contacts.saveSettings(me, next);
            if (old.suggestToContacts() && !next.suggestToContacts()) {
                // Refusing means no address upload names me any more: uploads that matched my address
                // become addresses again (and expire like any other).
                contacts.unmatchByAddress(me, clock.instant().plus(properties.contacts().retention()));
            }
            return next;
        });
    }

    // ------------------------------------------------------------------------------------------
    // E-mail invitations (E3)

    /**
     * Invites a contact who is not a member by e-mail. Counts in my invitation quota; refused when
     * the quota is used up, when I already invited the address, or when this server sends no e-mail.
     */
    public void inviteByEmail(long me, long contactId, String rawNote) {
        ContactRepository.ContactRow contact = contacts.contact(me, contactId)
                .orElseThrow(() -> new NotFoundException("There is no such contact of yours."));
        if (contact.matchedMemberId() != null) {
            throw new ConflictException("already-member", "Already a member", "This contact is a member: connect with them instead.");
        }
        if (contact.emailSealed() == null) {
            throw new ConflictException("no-address", "No e-mail address", "This contact has no e-mail address to invite.");
        }
        String note = invitationService.cleanNote(rawNote);
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw MailUnavailableException.notConfigured();
        }
        QuotaStatus quota = invitationService.quota(me);
        if (quota.remainingToday() <= 0 || quota.pending() >= quota.maxPending()) {
            throw new org.rapport.server.invitation.InvitationLimitException(
                    Math.max(quota.usedToday(), quota.usedThisWeek()), quota.remainingToday() <= 0 ? "24 hours" : "7 days",
                    quota.nextInvitationAt() == null ? clock.instant() : quota.nextInvitationAt(),
                    java.time.Duration.between(clock.instant(),
                            quota.nextInvitationAt() == null ? clock.instant() : quota.nextInvitationAt()));
        }
        String email = keys.open(contact.emailSealed());
        String hash = keys.emailHash(email);
        Instant now = clock.instant();
        MemberSummary from = members.findSummaries(List.of(me)).get(me);
        tx.executeWithoutResult(status -> {
            if (!contacts.insertEmailInvitation(me, hash, note, now, now.plus(properties.contacts().emailInvitationExpiry()))) {
                throw new ConflictException("already-invited", "Already invited", "You have already invited this address; the invitation is open.");
            }
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(properties.mail().from());
            message.setTo(email);
            message.setSubject(from.name() + " invites you to connect on " + site.siteName());
            message.setText((contact.displayName().isBlank() ? "Hello" : "Hello " + contact.displayName()) + ",\n\n"
                    + from.name() + (from.headline().isBlank() ? "" : " (" + from.headline() + ")")
                    + " would like to connect with you on " + site.siteName() + ".\n\n"
                    + (note == null ? "" : "\u201C" + note + "\u201D\n\n")
                    + "Join with this e-mail address and the invitation will be waiting: "
                    + site.publicUrl() + "/signup\n\n"
                    + "You received this because " + from.firstName() + " has your address. If you do not want "
                    + "to join, ignore this message; the invitation expires by itself.\n");
            try {
                sender.send(message);
            } catch (MailException e) {
                throw MailUnavailableException.failed();
            }
        });
    }

    /**
     * A member verified their address (issue 16): contacts holding it match them, and e-mail
     * invitations to it become invitations. Not at sign-up: whoever signs up with an address has
     * not shown it is theirs.
     */
    @EventListener
    void onEmailVerified(EmailVerified event) {
        String hash = keys.emailHash(event.email());
        contacts.matchNewMember(hash, event.memberId());
        Instant now = clock.instant();
        for (Object[] open : contacts.openEmailInvitations(hash, now)) {
            long emailInvitation = (Long) open[0];
            long sender = (Long) open[1];
            String note = (String) open[2];
            Instant expires = now.atZone(java.time.ZoneOffset.UTC).plus(properties.invitations().expiry()).toInstant();
            long invitation = invitations.insert(sender, event.memberId(), note, now, expires);
            notifications.notify(event.memberId(), NotificationKind.INVITATION_RECEIVED, sender, invitation);
            contacts.convertEmailInvitation(emailInvitation, invitation);
        }
    }

    /**
     * An import whose server died under it (a crash, a kill, a restart) would say "processing"
     * forever: its contacts are written in one transaction with its end, so nothing of it was
     * kept, and it is marked failed with a reason the member can act on. On SQLite one server
     * owns the database, so at start-up every import still processing is such an orphan; on
     * PostgreSQL another node may be running it, so only those older than
     * {@code rapport.contacts.abandon-after} are, checked every few minutes on every database.
     */

    public int abandonStaleImports() {
        return abandonImports(clock.instant().minus(properties.contacts().abandonAfter()));
    }

    private int abandonImports(Instant before) {
        String report = json.writeValueAsString(Map.of("error",
                "The server stopped while this import ran; nothing of it was kept. Upload the file again."));
        int n = org.rapport.server.system.BackgroundRetry.call("Marking interrupted imports failed",
                () -> tx.execute(status -> contacts.abandonImports(before, report, clock.instant())));
        if (n > 0) {
            log.warn("Marked {} contact import(s) interrupted by a server stop as failed", n);
        }
        return n;
    }

    /** Forgets contacts who never became members, once their time is up (E6). */
    public int deleteExpired() {
        int n = org.rapport.server.system.BackgroundRetry.call("Deleting expired contacts",
                () -> tx.execute(status -> contacts.deleteExpired(clock.instant())));
        if (n > 0) {
            log.info("Deleted {} expired contacts", n);
        }
        return n;
    }

    /**
     * Stops the workers. Uploads still queued keep their spooled file and their "processing"
     * row, and are resumed at the next start; the one being read is abandoned mid-way (its
     * contacts are stored in one transaction, so nothing or all of it is kept) and read again.
     */
    @PreDestroy
    void stop() throws InterruptedException {
        int queued = executor.shutdownNow().size();
        executor.awaitTermination(5, TimeUnit.SECONDS);
        if (queued > 0) {
            log.info("{} queued contact upload(s) stay spooled in {} and resume at the next start", queued, spool);
        }
    }
}
