package org.rapport.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rapport.server.member.Member;
import org.rapport.server.member.Position;
import org.rapport.server.member.ProfileChanges;
import org.rapport.server.member.ProfileService;
import org.rapport.server.support.Browsers;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.RequiresChromium;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 18's smaller defects, in Chromium: an over-long invitation note disables Send with a
 * message, a field the server refused is marked invalid and outlined, a connection's profile has
 * the filled Message button, and Home's suggestion rows keep the degree badge its own size.
 */
@SqliteSpringTest
@ExtendWith(RequiresChromium.class)
class Issue18BrowserIntegrationTest extends IntegrationContract {

    @LocalServerPort
    int port;
    @Autowired
    ProfileService profiles;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void quitBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void smallDefectsStayFixed() {
        Member me = members.create("Vera", "Visible");
        Member friend = members.create("Fred", "Friend");
        Member target = members.create("Tina", "Target");
        connect(me, friend);
        connect(friend, target);
        WebDriver browser = Browsers.start();
        browsers.add(browser);
        Browsers.signIn(browser, "http://localhost:" + port, me.email());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));

        // an over-long note: Send is disabled and a message says by how much
        browser.get(url("/members/" + target.id() + "/invite"));
        WebElement note = browser.findElement(By.id("note"));
        WebElement send = browser.findElement(By.xpath("//button[normalize-space()='Send invitation']"));
        note.sendKeys("x".repeat(301));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("note-too-long")));
        assertThat(send.isEnabled()).isFalse();
        assertThat(note.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("note-too-long")).getText()).contains("Too long by 1 character").contains("at most 300");
        Browsers.screenshot(browser, "issue18-note-too-long");
        note.sendKeys(Keys.BACK_SPACE);
        assertThat(send.isEnabled()).isTrue();
        assertThat(note.getAttribute("aria-invalid")).isNull();
        assertThat(browser.findElement(By.id("note-too-long")).isDisplayed()).isFalse();

        // a field the server refused: marked invalid, described by its message, outlined
        browser.get(url("/profile/edit"));
        WebElement first = browser.findElement(By.id("firstName"));
        first.clear();
        first.submit();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("firstName-error")));
        WebElement refused = browser.findElement(By.id("firstName"));
        assertThat(refused.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(refused.getAttribute("aria-describedby")).contains("firstName-error");
        assertThat(refused.getCssValue("border-top-width")).isEqualTo("2px");

        // a connection's profile: Message is the filled button
        browser.get(url("/members/" + friend.id()));
        WebElement message = browser.findElement(By.linkText("Message"));
        assertThat(message.getAttribute("class")).contains("btn").doesNotContain("secondary");

        // Home's suggestion rows: the badge is as wide as its text, not the column
        profiles.update(target.id(), new ProfileChanges(null, null, "Engineer", null, null, null,
                List.of(new Position("Badge Co", "Engineer", 2020, null)), null, null, null, null));
        browser.get(url("/"));
        List<WebElement> badges = browser.findElements(By.cssSelector(".suggestion-row .badge"));
        assertThat(badges).isNotEmpty();
        assertThat(badges.get(0).getSize().getWidth()).isLessThan(60);
        Browsers.screenshot(browser, "issue18-home-rail");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
