package org.rapport.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rapport.server.member.Member;
import org.rapport.server.member.MemberRepository;
import org.rapport.server.support.Browsers;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.RequiresChromium;
import org.rapport.server.support.SqliteSpringTest;
import org.rapport.server.support.TestMembers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The foundation's journey in a real headless Chromium: two people sign up, one finds the other and
 * invites them with a note, the other accepts from My Network; both then see each other as 1st.
 * A third member connected to only one of them sees the other as 2nd with one mutual connection.
 * The note carries markup that must show as text and never run.
 */
@SqliteSpringTest
@ExtendWith(RequiresChromium.class)
class ConnectJourneyBrowserIntegrationTest extends IntegrationContract {

    private static final String NOTE = "We met at the meetup <img src=x onerror=\"window.pwned=1\"> — let's connect!";

    @LocalServerPort
    int port;
    @Autowired
    MemberRepository memberRepository;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void quitBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void twoMembersConnectAndAThirdSeesThemAsSecondDegreeWithOneMutual() {
        String tag = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
        WebDriver ada = browser();
        WebDriver ben = browser();

        long adaId = signUp(ada, "Ada", "Lovelace" + tag);
        long benId = signUp(ben, "Ben", "Okafor" + tag);

        // Ada finds Ben with the search box and invites him with a note.
        ada.get(url("/"));
        WebElement search = ada.findElement(By.id("top-search"));
        search.sendKeys("Okafor" + tag);
        search.submit();
        waitFor(ada).until(ExpectedConditions.urlContains("/search"));
        ada.findElement(By.linkText("Ben Okafor" + tag)).click();
        waitFor(ada).until(ExpectedConditions.urlContains("/members/" + benId));
        assertThat(badgeText(ada)).as("Ben is out of Ada's network before they connect").isEmpty();
        ada.findElement(By.linkText("Connect")).click();
        waitFor(ada).until(ExpectedConditions.urlContains("/members/" + benId + "/invite"));
        ada.findElement(By.id("note")).sendKeys(NOTE);
        assertThat(ada.findElement(By.id("note-count")).getText()).startsWith(NOTE.length() + " / 300");
        ada.findElement(By.xpath("//button[normalize-space()='Send invitation']")).click();
        waitFor(ada).until(ExpectedConditions.urlContains("/members/" + benId));
        assertThat(ada.findElement(By.cssSelector(".profile-actions")).getText()).contains("Pending");

        // Ben sees the invitation with the note as plain text, and accepts.
        ben.get(url("/network"));
        WebElement invitation = ben.findElement(By.xpath("//div[contains(@class,'invitation')][.//a[normalize-space()='Ada Lovelace" + tag + "']]"));
        assertThat(invitation.findElement(By.cssSelector(".note")).getText()).isEqualTo(NOTE);
        assertThat(((JavascriptExecutor) ben).executeScript("return window.pwned === undefined")).isEqualTo(true);
        Browsers.screenshot(ben, "connect-journey-1-invitation-received");
        invitation.findElement(By.xpath(".//button[normalize-space()='Accept']")).click();
        waitFor(ben).until(d -> d.getPageSource().contains("are now connected"));

        // Both see 1st.
        ada.get(url("/members/" + benId));
        assertThat(badgeText(ada)).isEqualTo("1st");
        ben.get(url("/members/" + adaId));
        assertThat(badgeText(ben)).isEqualTo("1st");

        // Cleo is connected to Ada only: Ben is 2nd to her, with Ada as the one mutual connection.
        Member cleo = members.create("Cleo", "Marsh" + tag);
        Member adaMember = memberRepository.findById(adaId).orElseThrow();
        connect(cleo, adaMember);
        WebDriver cleoBrowser = browser();
        signIn(cleoBrowser, cleo.email(), TestMembers.PASSWORD);
        cleoBrowser.get(url("/members/" + benId));
        assertThat(badgeText(cleoBrowser)).isEqualTo("2nd");
        WebElement mutual = cleoBrowser.findElement(By.partialLinkText("mutual connection"));
        assertThat(mutual.getText()).isEqualTo("1 mutual connection");
        Browsers.screenshot(cleoBrowser, "connect-journey-2-second-degree-profile");
        mutual.click();
        waitFor(cleoBrowser).until(ExpectedConditions.urlContains("/members/" + benId + "/mutual"));
        assertThat(cleoBrowser.findElement(By.id("main")).getText()).contains("Ada Lovelace" + tag);
        assertThat(cleoBrowser.findElements(By.cssSelector("#main .person"))).hasSize(1);
    }

    private long signUp(WebDriver browser, String first, String last) {
        browser.get(url("/signup"));
        browser.findElement(By.id("firstName")).sendKeys(first);
        browser.findElement(By.id("lastName")).sendKeys(last);
        browser.findElement(By.id("email")).sendKeys((first + "." + last + "@example.test").toLowerCase());
        browser.findElement(By.id("password")).sendKeys("a long enough password");
        browser.findElement(By.xpath("//button[normalize-space()='Agree & join']")).click();
        waitFor(browser).until(ExpectedConditions.urlContains("/profile/edit"));
        browser.get(url("/me"));
        String me = browser.findElement(By.cssSelector("main a[href^='/members/']")).getAttribute("href");
        return Long.parseLong(me.substring(me.lastIndexOf('/') + 1));
    }

    private void signIn(WebDriver browser, String email, String password) {
        browser.get(url("/signin"));
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("top-search")));
    }

    /** The degree badge beside the profile name ("1st", "2nd", "3rd"), empty when out of network. */
    private static String badgeText(WebDriver browser) {
        List<WebElement> badges = browser.findElements(By.cssSelector("#profile-name .badge"));
        if (badges.isEmpty()) {
            return "";
        }
        String text = badges.get(0).getAttribute("textContent");
        return text.substring(text.lastIndexOf(':') + 1).strip();
    }

    private WebDriver browser() {
        WebDriver driver = Browsers.start();
        browsers.add(driver);
        return driver;
    }

    private static WebDriverWait waitFor(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
