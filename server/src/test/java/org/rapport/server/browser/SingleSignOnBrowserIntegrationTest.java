package org.rapport.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rapport.server.member.Member;
import org.rapport.server.support.Browsers;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.RequiresChromium;
import org.rapport.server.support.SingleSignOnSpringTest;
import org.rapport.server.support.TestDirectory;
import org.rapport.server.support.TestIdentityProvider;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 16's single sign-on journeys in a real headless Chromium: the button of the test's OpenID
 * Connect provider on the sign-in page creates an account, or signs a member with the same
 * verified address into theirs; the directory's user name and password sign in through the form.
 */
@SingleSignOnSpringTest
@ExtendWith(RequiresChromium.class)
class SingleSignOnBrowserIntegrationTest extends IntegrationContract {

    @LocalServerPort
    int port;

    private WebDriver browser;

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private WebDriver signInPage() {
        browser = Browsers.start();
        browser.get(base() + "/signin");
        return browser;
    }

    private static WebDriverWait waitFor(WebDriver d) {
        return new WebDriverWait(d, Duration.ofSeconds(20));
    }

    /**
     * The page as issue 18 holds every page: on a 390 px phone nothing reaches past the screen,
     * and axe-core finds no serious or critical violation.
     */
    private static void fitsAPhoneAndPassesAxe(WebDriver d, String where) {
        Dimension desktop = d.manage().window().getSize();
        d.manage().window().setSize(new Dimension(390, 844));
        try {
            long overflow = (Long) ((JavascriptExecutor) d).executeScript(
                    "return Math.max(0, document.documentElement.scrollWidth - document.documentElement.clientWidth);");
            assertThat(overflow).as("%s reaches past a phone's screen", where).isZero();
            var serious = new AxeBuilder().analyze(d).getViolations().stream()
                    .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
                    .map(Rule::getId).toList();
            assertThat(serious).as("axe on %s", where).isEmpty();
        } finally {
            d.manage().window().setSize(desktop);
        }
    }

    private String settingsText() {
        browser.get(base() + "/settings");
        return browser.findElement(By.tagName("main")).getText();
    }

    @Test
    void theProvidersButtonCreatesAnAccountAndSignsItIn() {
        String email = "nora." + System.nanoTime() + "@corp.example.org";
        String subject = "sub-" + UUID.randomUUID();
        TestIdentityProvider.nextSignIn(subject, email, true, "Nora", "Newcomer");
        WebDriver d = signInPage();
        Browsers.screenshot(d, "sso/signin-with-provider");
        fitsAPhoneAndPassesAxe(d, "the sign-in page with a provider and a directory");
        d.findElement(By.id("sso-" + TestIdentityProvider.ID)).click();
        waitFor(d).until(ExpectedConditions.presenceOfElementLocated(By.id("top-search")));
        assertThat(settingsText()).contains(email).contains("identity provider");
        assertThat(jdbc.sql("SELECT first_name FROM members m JOIN external_identities e ON e.member_id = m.id "
                        + "WHERE e.provider = 'corp' AND e.subject = :s").param("s", subject).query(String.class).single())
                .isEqualTo("Nora");
        Browsers.screenshot(d, "sso/new-account-settings");
        fitsAPhoneAndPassesAxe(d, "the settings of an account without a password");
    }

    @Test
    void theProvidersButtonSignsAMemberWithTheSameVerifiedAddressIntoTheirAccount() {
        Member vera = members.create("Vera", "Verified");
        String subject = "sub-" + UUID.randomUUID();
        TestIdentityProvider.nextSignIn(subject, vera.email(), true, "Vera", "Verified");
        WebDriver d = signInPage();
        d.findElement(By.id("sso-" + TestIdentityProvider.ID)).click();
        waitFor(d).until(ExpectedConditions.presenceOfElementLocated(By.id("top-search")));
        assertThat(settingsText()).contains(vera.email());
        assertThat(jdbc.sql("SELECT member_id FROM external_identities WHERE provider = 'corp' AND subject = :s")
                .param("s", subject).query(Long.class).single()).isEqualTo(vera.id());
    }

    @Test
    void theProviderCannotTakeOverAnAccountWithAnAddressItDidNotVerify() {
        Member owner = members.create("Owen", "Owner");
        TestIdentityProvider.nextSignIn("sub-" + UUID.randomUUID(), owner.email(), false, "Mal", "Lory");
        WebDriver d = signInPage();
        d.findElement(By.id("sso-" + TestIdentityProvider.ID)).click();
        assertThat(waitFor(d).until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error"))).getText())
                .contains("has not verified the address");
        Browsers.screenshot(d, "sso/refused-unverified");
    }

    @Test
    void theDirectorysUserNameAndPasswordSignIn() {
        String uid = "lars" + System.nanoTime();
        String email = uid + "@directory.example.org";
        TestDirectory.addPerson(uid, email, "Lars", "Ldap", "directory secret 3");
        WebDriver d = signInPage();
        assertThat(d.findElement(By.id("directory-hint")).getText()).contains(TestDirectory.NAME);
        d.findElement(By.id("email")).sendKeys(uid);
        d.findElement(By.id("password")).sendKeys("directory secret 3");
        d.findElement(By.cssSelector("form[action='/signin'] button[type=submit]")).click();
        waitFor(d).until(ExpectedConditions.presenceOfElementLocated(By.id("top-search")));
        assertThat(settingsText()).contains(email);
    }
}
