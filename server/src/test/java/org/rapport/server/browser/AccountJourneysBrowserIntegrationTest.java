package org.rapport.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rapport.server.contacts.ContactService;
import org.rapport.server.member.Member;
import org.rapport.server.support.Browsers;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.RequiresChromium;
import org.rapport.server.support.SqliteSpringTest;
import org.rapport.server.support.TestMembers;
import org.rapport.server.support.TestSmtp;
import org.rapport.server.system.PageRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 16's account journeys in Chromium, with the mail read from GreenMail: a forgotten
 * password, a new account whose verified address receives the invitation that waited for it,
 * two-factor sign-in with a code and with a recovery code, and a changed address.
 */
@SqliteSpringTest
@ExtendWith(RequiresChromium.class)
class AccountJourneysBrowserIntegrationTest extends IntegrationContract {

    private static final String NEW_PASSWORD = "a brand new memorable phrase";

    @LocalServerPort
    int port;
    @Autowired
    ContactService contacts;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void quitBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void forgotPasswordMailsALinkThatSetsANewPasswordAndEndsOtherSessions() throws Exception {
        Member m = members.create("Fergus", "Forgetful");
        WebDriver before = browser();
        Browsers.signIn(before, url(""), m.email());
        before.get(url("/network"));
        assertThat(before.findElements(By.id("top-search"))).as("the old session works before the reset").isNotEmpty();

        WebDriver browser = browser();
        browser.get(url("/signin"));
        browser.findElement(By.linkText("Forgot password?")).click();
        wait(browser).until(ExpectedConditions.urlContains("/password-reset"));
        browser.findElement(By.id("email")).sendKeys(m.email());
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("reset-sent"))).getText())
                .contains(m.email());

        browser.get(url(awaitLink(m.email(), "Reset your Rapport password", "/password-reset/", 1)));
        browser.findElement(By.id("password")).sendKeys("password");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("password-error"))).getText())
                .as("a weak password is refused with the reason").isNotBlank();
        browser.findElement(By.id("password")).clear();
        browser.findElement(By.id("password")).sendKeys(NEW_PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(browser).until(ExpectedConditions.urlContains("/signin"));
        assertThat(browser.findElement(By.cssSelector("[role=status]")).getText()).contains("Your password is set");

        signIn(browser, m.email(), TestMembers.PASSWORD);
        assertThat(wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error"))).getText())
                .as("the old password no longer works").isNotBlank();
        signIn(browser, m.email(), NEW_PASSWORD);
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("top-search")));
        browser.get(url("/settings"));
        assertThat(browser.findElement(By.id("email-status")).getText()).contains(m.email());

        before.get(url("/network"));
        wait(before).until(ExpectedConditions.urlContains("/signin"));
        assertThat(before.findElements(By.id("top-search"))).as("the session opened before the reset is over").isEmpty();
        assertThat(before.findElement(By.id("email")).isDisplayed()).isTrue();
    }

    @Test
    void signUpThenVerifyingTheAddressBringsTheInvitationThatWaitedForIt() throws Exception {
        Member inviter = members.create("Ingrid", "Inviter" + System.nanoTime() % 100000);
        String address = "nova." + System.nanoTime() + "@example.org";
        contacts.importNow(inviter.id(), "list.txt",
                ("Nova Newcomer <" + address + ">\n").getBytes(StandardCharsets.UTF_8));
        long contact = contacts.contacts(inviter.id(), false, PageRequest.first(5)).items().get(0).id();
        contacts.inviteByEmail(inviter.id(), contact, "Come and join us, Nova");

        WebDriver browser = browser();
        browser.get(url("/signup"));
        browser.findElement(By.id("firstName")).sendKeys("Nova");
        browser.findElement(By.id("lastName")).sendKeys("Newcomer");
        browser.findElement(By.id("email")).sendKeys(address);
        browser.findElement(By.id("password")).sendKeys(NEW_PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(browser).until(ExpectedConditions.urlContains("/profile/edit"));
        assertThat(browser.findElement(By.id("verify-banner")).getText()).contains("Confirm your e-mail address");

        browser.get(url("/network"));
        assertThat(browser.findElements(By.cssSelector("#main .invitation")))
                .as("nothing sent to an unverified address reaches the account").isEmpty();
        assertThat(browser.findElement(By.id("main")).getText()).contains("No invitations yet");

        // The banner's button: not within a minute of the sign-up mail, then once more.
        browser.findElement(By.cssSelector("#verify-banner button[type=submit]")).click();
        assertThat(wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("verification-error")))
                .getText()).contains("less than a minute ago");
        clock.advance(Duration.ofMinutes(1));
        browser.findElement(By.id("resend-verification")).click();
        assertThat(wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash"))).getText())
                .contains("A new link is on its way to " + address);

        browser.get(url(awaitLink(address, "Confirm your e-mail address for Rapport", "/verify-email/", 2)));
        assertThat(browser.findElement(By.id("verified")).getText()).contains("Your e-mail address is confirmed");

        browser.get(url("/network"));
        assertThat(browser.findElements(By.id("verify-banner"))).as("the banner is gone").isEmpty();
        List<String> received = browser.findElements(By.cssSelector("#main .invitation")).stream()
                .map(e -> e.getText()).toList();
        assertThat(received).hasSize(1);
        assertThat(received.get(0)).contains(inviter.name()).contains("Come and join us, Nova");
    }

    @Test
    void twoFactorSetUpThenSignInWithACodeAndWithARecoveryCodeThatWorksOnce() throws Exception {
        Member m = members.create("Tomas", "Totp");
        WebDriver browser = browser();
        Browsers.signIn(browser, url(""), m.email());
        browser.get(url("/settings"));
        browser.findElement(By.id("two-factor-link")).click();
        assertThat(wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("tf-status"))).getText())
                .contains("off");
        browser.findElement(By.xpath("//button[normalize-space()='Set up two-factor sign-in']")).click();

        String secret = wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("tf-secret"))).getText();
        String qr = browser.findElement(By.id("tf-qr")).getAttribute("src");
        String otpauth = decodeQr(qr);
        assertThat(otpauth).startsWith("otpauth://totp/").contains("secret=" + secret).contains("issuer=Rapport");

        browser.findElement(By.id("code")).sendKeys(code(secret));
        browser.findElement(By.cssSelector("#main form button[type=submit]")).click();
        assertThat(wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("tf-on"))).getText())
                .contains("Two-factor sign-in is on");
        List<String> recovery = browser.findElements(By.cssSelector("#recovery-codes code")).stream()
                .map(e -> e.getText().strip()).toList();
        assertThat(recovery).hasSize(10).doesNotHaveDuplicates();

        signOut(browser);
        signIn(browser, m.email(), TestMembers.PASSWORD);
        wait(browser).until(ExpectedConditions.urlContains("/signin/code"));
        assertThat(browser.findElements(By.id("top-search"))).as("the password alone does not sign in").isEmpty();
        enterCode(browser, "000000");
        assertThat(wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("code-error"))).getText())
                .isNotBlank();
        clock.advance(Duration.ofSeconds(30)); // the set-up used this step's code; a code works once
        enterCode(browser, code(secret));
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("top-search")));

        signOut(browser);
        signIn(browser, m.email(), TestMembers.PASSWORD);
        wait(browser).until(ExpectedConditions.urlContains("/signin/code"));
        enterCode(browser, recovery.get(3));
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("top-search")));

        signOut(browser);
        signIn(browser, m.email(), TestMembers.PASSWORD);
        wait(browser).until(ExpectedConditions.urlContains("/signin/code"));
        enterCode(browser, recovery.get(3));
        assertThat(wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("code-error"))).getText())
                .as("a used recovery code is refused").isNotBlank();
        assertThat(browser.findElements(By.id("top-search"))).isEmpty();
        enterCode(browser, recovery.get(4));
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("top-search")));
    }

    @Test
    void changingTheAddressNeedsThePasswordAndTheNewAddressIsConfirmedByItsLink() throws Exception {
        Member m = members.create("Carla", "Changer");
        Member other = members.create("Olga", "Other");
        String next = "carla.new." + System.nanoTime() + "@example.org";
        WebDriver elsewhere = browser();
        Browsers.signIn(elsewhere, url(""), m.email());
        WebDriver browser = browser();
        Browsers.signIn(browser, url(""), m.email());

        browser.get(url("/settings"));
        assertThat(browser.findElement(By.id("email-status")).getText()).contains(m.email()).contains("confirmed")
                .doesNotContain("not confirmed");
        changeEmail(browser, next, "not my password");
        assertThat(wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("emailPassword-error")))
                .getText()).contains("password is not right");
        changeEmail(browser, other.email(), TestMembers.PASSWORD);
        assertThat(wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("newEmail-error")))
                .getText()).contains("Another account uses this e-mail address");
        phoneAndAxe(browser, "settings-email-error");
        assertThat(browser.findElement(By.id("email-status")).getText()).as("nothing changed").contains(m.email());

        changeEmail(browser, next, TestMembers.PASSWORD);
        assertThat(wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash"))).getText())
                .contains("Your address is now " + next);
        assertThat(browser.findElement(By.id("email-status")).getText()).contains(next).contains("not confirmed yet");
        browser.get(url("/network"));
        assertThat(browser.findElement(By.id("verify-banner")).isDisplayed()).isTrue();
        phoneAndAxe(browser, "verify-banner");
        browser.get(url("/settings"));
        phoneAndAxe(browser, "settings-unverified");

        elsewhere.get(url("/network"));
        assertThat(elsewhere.findElements(By.id("top-search"))).as("other sessions keep working").isNotEmpty();
        assertThat(awaitMail(m.email(), "Your Rapport e-mail address was changed", 1).getContent().toString())
                .contains(next);

        browser.get(url(awaitLink(next, "Confirm your e-mail address for Rapport", "/verify-email/", 1)));
        assertThat(browser.findElement(By.id("verified")).getText()).contains("confirmed");
        browser.get(url("/settings"));
        assertThat(browser.findElement(By.id("email-status")).getText()).contains(next).doesNotContain("not confirmed");
    }

    /**
     * The checks of {@link EveryPageBrowserIntegrationTest} for states that page list cannot reach
     * (a form with its errors, an unverified member's banner): nothing past the right edge of a
     * phone, no serious or critical axe violation.
     */
    private static void phoneAndAxe(WebDriver browser, String name) {
        List<String> problems = new ArrayList<>();
        for (int width : EveryPageBrowserIntegrationTest.PHONE_WIDTHS) {
            EveryPageBrowserIntegrationTest.viewport(browser, width);
            problems.addAll(EveryPageBrowserIntegrationTest.overflow(browser, width, name + " at " + width + " px"));
        }
        EveryPageBrowserIntegrationTest.viewport(browser, EveryPageBrowserIntegrationTest.PHONE);
        Browsers.screenshot(browser, "account/" + name + "-phone");
        problems.addAll(EveryPageBrowserIntegrationTest.axe(browser, name, new java.util.LinkedHashMap<>()));
        EveryPageBrowserIntegrationTest.viewport(browser, EveryPageBrowserIntegrationTest.DESKTOP);
        assertThat(problems).as("phone and accessibility problems of " + name).isEmpty();
    }

    private void changeEmail(WebDriver browser, String email, String password) {
        if (!browser.findElement(By.id("newEmail")).isDisplayed()) {
            browser.findElement(By.xpath("//summary[normalize-space()='Change e-mail address…']")).click();
        }
        browser.findElement(By.id("newEmail")).clear();
        browser.findElement(By.id("newEmail")).sendKeys(email);
        browser.findElement(By.id("emailPassword")).sendKeys(password);
        browser.findElement(By.xpath("//button[normalize-space()='Change e-mail address']")).click();
    }

    private void signIn(WebDriver browser, String email, String password) {
        browser.get(url("/signin"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
    }

    private void signOut(WebDriver browser) {
        browser.get(url("/me"));
        browser.findElement(By.cssSelector("form.signout button[type=submit]")).click();
        wait(browser).until(ExpectedConditions.urlContains("/signin"));
    }

    private static void enterCode(WebDriver browser, String code) {
        browser.findElement(By.id("code")).clear();
        browser.findElement(By.id("code")).sendKeys(code);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
    }

    /** The current code for {@code secret}, computed here with the library the server uses, at the server's time. */
    private String code(String secret) throws Exception {
        return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6)
                .generate(secret, Math.floorDiv(clock.instant().getEpochSecond(), 30));
    }

    private static String decodeQr(String dataUri) throws Exception {
        assertThat(dataUri).startsWith("data:image/png;base64,");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1))));
        return new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(
                new BufferedImageLuminanceSource(image)))).getText();
    }

    /** Waits up to 10 s for the {@code n}-th mail with this subject to {@code email}. */
    private static MimeMessage awaitMail(String email, String subject, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<MimeMessage> mails = TestSmtp.messagesTo(email).stream().filter(mail -> {
                try {
                    return subject.equals(mail.getSubject());
                } catch (MessagingException e) {
                    return false;
                }
            }).toList();
            if (mails.size() >= n) {
                return mails.get(n - 1);
            }
            assertThat(System.nanoTime()).as("mail %d \"%s\" reaches %s within 10 s", n, subject, email)
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The path (from {@code prefix}) of the link in the {@code n}-th mail with this subject. */
    private static String awaitLink(String email, String subject, String prefix, int n) throws Exception {
        String text = awaitMail(email, subject, n).getContent().toString();
        Matcher link = Pattern.compile("https?://\\S+?(" + Pattern.quote(prefix) + "[A-Za-z0-9_-]+)").matcher(text);
        assertThat(link.find()).as("the mail holds a link to %s…", prefix).isTrue();
        return link.group(1);
    }

    private WebDriver browser() {
        WebDriver browser = Browsers.start();
        browsers.add(browser);
        return browser;
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
