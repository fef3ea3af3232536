package org.rapport.server.account;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;

import org.rapport.server.member.MemberNotFoundException;
import org.rapport.server.member.MemberRepository;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two-factor sign-in with time-based one-time codes (RFC 6238: SHA-1, 6 digits, 30-second steps,
 * one step of clock drift either way) and ten one-time recovery codes (issue 16).
 *
 * <p>Set-up is two steps: {@link #begin} stores a new secret and returns it with its
 * {@code otpauth://} URI and a QR code; {@link #confirm} switches it on once a code from the app
 * matches, and returns the recovery codes, shown once and stored as SHA-256 digests (each is 50
 * random bits; the digest is enough). A code is accepted once: the step of the last accepted code
 * is kept and no code of that step or before is accepted again. The secret itself is stored as
 * given, since codes are computed from it; the database is as sensitive as the password hashes.
 */
@Service
public class TwoFactor {

    static final String ISSUER = "Rapport";
    private static final int DIGITS = 6;
    private static final int PERIOD = 30;
    private static final int RECOVERY_CODES = 10;

    public record Setup(String secret, String otpauthUri, String qrDataUri) {
    }

    private final JdbcClient jdbc;
    private final MemberRepository members;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final DefaultCodeGenerator codes = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

    public TwoFactor(JdbcClient jdbc, MemberRepository members, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.members = members;
        this.tx = tx;
        this.clock = clock;
    }

    private record State(String secret, boolean enabled, Long lastStep) {
    }

    private State state(long memberId) {
        return jdbc.sql("SELECT totp_secret, totp_enabled_at, totp_last_step FROM members WHERE id = :id")
                .param("id", memberId).query((rs, n) -> {
                    String secret = rs.getString(1);
                    rs.getLong(2);
                    boolean enabled = !rs.wasNull();
                    long step = rs.getLong(3);
                    return new State(secret, enabled, rs.wasNull() ? null : step);
                }).optional().orElseThrow(MemberNotFoundException::new);
    }

    public boolean isEnabled(long memberId) {
        return state(memberId).enabled();
    }

    /** Starts set-up with a new secret (replacing one not yet confirmed); 409 when two-factor sign-in is on. */
    public Setup begin(long memberId) {
        if (isEnabled(memberId)) {
            throw new TwoFactorStateException("two-factor-already-on", "Two-factor sign-in is on already.");
        }
        String email = members.findById(memberId).orElseThrow(MemberNotFoundException::new).email();
        String secret = new DefaultSecretGenerator(32).generate();
        jdbc.sql("UPDATE members SET totp_secret = :s, totp_last_step = NULL WHERE id = :id AND totp_enabled_at IS NULL")
                .param("s", secret).param("id", memberId).update();
        QrData data = new QrData.Builder().label(email).secret(secret).issuer(ISSUER)
                .algorithm(HashingAlgorithm.SHA1).digits(DIGITS).period(PERIOD).build();
        try {
            byte[] png = new ZxingPngQrGenerator().generate(data);
            return new Setup(secret, data.getUri(), Utils.getDataUriForImage(png, "image/png"));
        } catch (QrGenerationException e) {
            throw new IllegalStateException("could not draw the QR code", e);
        }
    }

    /**
     * Switches two-factor sign-in on when {@code code} matches the secret of {@link #begin};
     * returns the recovery codes (shown once). A wrong code: 400 on field {@code code}.
     */
    public List<String> confirm(long memberId, String code) {
        State state = state(memberId);
        if (state.enabled()) {
            throw new TwoFactorStateException("two-factor-already-on", "Two-factor sign-in is on already.");
        }
        if (state.secret() == null) {
            throw new TwoFactorStateException("two-factor-not-started", "Start the set-up first: POST /me/two-factor.");
        }
        Optional<Long> step = matchingStep(state, code);
        if (step.isEmpty()) {
            throw new org.rapport.server.system.ValidationException("code",
                    "The code does not match. Type the 6 digits your app shows now.");
        }
        List<String> recovery = List.of(new RecoveryCodeGenerator().generateCodes(RECOVERY_CODES));
        Instant now = clock.instant();
        tx.executeWithoutResult(status -> {
            jdbc.sql("""
                    UPDATE members SET totp_enabled_at = :now, totp_last_step = :step
                    WHERE id = :id AND totp_enabled_at IS NULL AND totp_secret = :s""")
                    .param("now", now.toEpochMilli()).param("step", step.get()).param("id", memberId)
                    .param("s", state.secret()).update();
            jdbc.sql("DELETE FROM recovery_codes WHERE member_id = :id").param("id", memberId).update();
            for (String r : recovery) {
                jdbc.sql("INSERT INTO recovery_codes (member_id, code_hash) VALUES (:id, :h)")
                        .param("id", memberId).param("h", recoveryDigest(r)).update();
            }
        });
        return recovery;
    }

    /**
     * Whether {@code code} (a current TOTP code or an unused recovery code) is right for the
     * member; it is used up either way it matched. Members without two-factor sign-in: false.
     */
    public boolean verify(long memberId, String code) {
        if (code == null || code.isBlank() || code.length() > 64) {
            return false;
        }
        State state = state(memberId);
        if (!state.enabled()) {
            return false;
        }
        Optional<Long> step = matchingStep(state, code);
        if (step.isPresent()) {
            // Conditional: of two requests with the same code, one wins.
            return jdbc.sql("""
                    UPDATE members SET totp_last_step = :step
                    WHERE id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)""")
                    .param("step", step.get()).param("id", memberId).update() == 1;
        }
        return jdbc.sql("""
                UPDATE recovery_codes SET used_at = :now
                WHERE member_id = :id AND code_hash = :h AND used_at IS NULL""")
                .param("now", clock.instant().toEpochMilli()).param("id", memberId)
                .param("h", recoveryDigest(code)).update() == 1;
    }

    /** Switches two-factor sign-in off (the caller checked the password); {@code code} must verify. */
    public void disable(long memberId, String code) {
        if (!isEnabled(memberId)) {
            throw new TwoFactorStateException("two-factor-not-on", "Two-factor sign-in is not on.");
        }
        if (!verify(memberId, code)) {
            throw new InvalidTwoFactorCodeException();
        }
        tx.executeWithoutResult(status -> {
            jdbc.sql("UPDATE members SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = :id")
                    .param("id", memberId).update();
            jdbc.sql("DELETE FROM recovery_codes WHERE member_id = :id").param("id", memberId).update();
        });
    }

    /** The current code for {@code secret} (tests and nothing else need it). */
    String currentCode(String secret) {
        try {
            return codes.generate(secret, Math.floorDiv(clock.instant().getEpochSecond(), PERIOD));
        } catch (CodeGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The step (one either side of now) whose code {@code code} is, after the last accepted one. */
    private Optional<Long> matchingStep(State state, String code) {
        if (state.secret() == null || code == null) {
            return Optional.empty();
        }
        String digits = code.replaceAll("\\s", "");
        if (!digits.matches("\\d{" + DIGITS + "}")) {
            return Optional.empty();
        }
        long now = Math.floorDiv(clock.instant().getEpochSecond(), PERIOD);
        for (long step = now - 1; step <= now + 1; step++) {
            if (state.lastStep() != null && step <= state.lastStep()) {
                continue;
            }
            try {
                if (MessageDigest.isEqual(codes.generate(state.secret(), step).getBytes(), digits.getBytes())) {
                    return Optional.of(step);
                }
            } catch (CodeGenerationException e) {
                throw new IllegalStateException(e);
            }
        }
        return Optional.empty();
    }

    private static String recoveryDigest(String code) {
        return AccountService.digest(code.strip().toLowerCase(Locale.ROOT));
    }
}
