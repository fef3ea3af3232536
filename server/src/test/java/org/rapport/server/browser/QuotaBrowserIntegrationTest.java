package org.rapport.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rapport.server.invitation.IgnoreReason;
import org.rapport.server.member.Member;
import org.rapport.server.support.Browsers;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.RequiresChromium;
import org.rapport.server.support.SqliteSpringTest;
import org.rapport.server.support.TestMembers;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A sender whose invitations were reported sees, on the quota page, why they are limited; the
 * invite dialog asks for the recipient's e-mail address and says so when it is missing.
 */
@SqliteSpringTest
@ExtendWith(RequiresChromium.class)
class QuotaBrowserIntegrationTest extends IntegrationContract {

    @LocalServerPort
    int port;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void quitBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void aRestrictedSenderSeesWhyAndIsAskedForTheEmailAddress() {
        Member sender = members.create("Reported", "Sender");
        for (int i = 0; i < 3; i++) {
            Member target = members.create("Stranger" + i);
            long id = invitations.invite(sender.id(), target.id(), null).invitation().id();
            invitations.ignore(target.id(), id, IgnoreReason.DONT_KNOW);
        }
        Member next = members.create("Nadia", "Next");

        WebDriver browser = Browsers.start();
        browsers.add(browser);
        browser.get(url("/signin"));
        browser.findElement(By.id("email")).sendKeys(sender.email());
        browser.findElement(By.id("password")).sendKeys(TestMembers.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("top-search")));

        browser.get(url("/network/quota"));
        String page = browser.findElement(By.id("main")).getText();
        assertThat(page).contains("Why you are limited right now");
        assertThat(page).contains("3 people you invited in the last 90 days said they don't know you");
        assertThat(page).contains("3 were marked \"I don't know this person\"");
        assertThat(page).contains("type the e-mail address of each person you invite");
        Browsers.screenshot(browser, "quota-restricted-sender");

        browser.get(url("/members/" + next.id() + "/invite"));
        browser.findElement(By.xpath("//button[normalize-space()='Send invitation']")).click();
        String error = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("invite-error"))).getText();
        assertThat(error).startsWith("To invite Nadia, type their e-mail address");
        browser.findElement(By.id("email")).sendKeys(next.email());
        browser.findElement(By.xpath("//button[normalize-space()='Send invitation']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/members/" + next.id()));
        assertThat(browser.findElement(By.cssSelector(".profile-actions")).getText()).contains("Pending");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
