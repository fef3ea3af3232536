package org.rapport.server.contacts;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How contacts' addresses are kept (E6). A 256-bit installation key, generated on first use and
 * stored in the {@code secrets} table so every node shares it, derives two keys:
 * <ul>
 *   <li>a hashing key: an address is stored as HMAC-SHA256(key, "email:" + address), so the same
 *       address always gives the same hash (needed to match members and later sign-ups) but the
 *       table alone does not give the address back, not even by trying common addresses;</li>
 *   <li>a sealing key: the address itself, for its owner's eyes and for an e-mail invitation, is
 *       stored encrypted with AES-GCM (random 96-bit nonce, authenticated).</li>
 * </ul>
 * Losing the {@code secrets} row makes every hash and sealed address unusable; back it up with
 * the database (it is in it).
 */
@Component
public class ContactKeys {

    private static final String SECRET = "contacts.key.v1";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile byte[] hashKey;
    private volatile byte[] sealKey;

    public ContactKeys(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The keyed hash of a normalised address. */
    public String emailHash(String email) {
        return hmac(hashKey(), "email:" + email);
    }

    /** The keyed hash of a normalised handle ({@code network:handle}). */
    public String handleHash(String handle) {
        return hmac(hashKey(), "handle:" + handle);
    }

    public String seal(String plain) {
        try {
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(sealKey(), "AES"), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public String open(String sealed) {
        try {
            byte[] all = Base64.getDecoder().decode(sealed);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sealKey(), "AES"), new GCMParameterSpec(128, all, 0, 12));
            return new String(cipher.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a sealed contact address could not be opened", e);
        }
    }

    private byte[] hashKey() {
        if (hashKey == null) {
            load();
        }
        return hashKey;
    }

    private byte[] sealKey() {
        if (sealKey == null) {
            load();
        }
        return sealKey;
    }

    private synchronized void load() {
        if (hashKey != null) {
            return;
        }
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        jdbc.sql("INSERT INTO secrets (name, value, created_at) VALUES (:n, :v, :t) ON CONFLICT DO NOTHING")
                .param("n", SECRET).param("v", Base64.getEncoder().encodeToString(fresh))
                .param("t", clock.instant().toEpochMilli()).update();
        byte[] master = Base64.getDecoder().decode(jdbc.sql("SELECT value FROM secrets WHERE name = :n")
                .param("n", SECRET).query(String.class).single());
        sealKey = mac(master, "seal");
        hashKey = mac(master, "hash");
    }

    private static String hmac(byte[] key, String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, text));
    }

    private static byte[] mac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
