package org.rapport.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.rapport.server.member.Member;
import org.rapport.server.support.Browsers;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.RequiresChromium;
import org.rapport.server.support.SqliteSpringTest;
import org.rapport.server.support.TestMembers;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Upload an address book in the browser, watch it being read, see who is here, and connect with one. */
@SqliteSpringTest
@ExtendWith(RequiresChromium.class)
class ContactsBrowserIntegrationTest extends IntegrationContract {

    @LocalServerPort
    int port;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void quitBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void uploadSeeMatchesAndConnect() throws Exception {
        Member me = members.create("Uma", "Uploader");
        Member friend = members.create("Farah", "Friend" + System.nanoTime() % 10000);
        Path file = Files.createTempFile("contacts", ".csv");
        Files.writeString(file, "First Name,Last Name,E-mail Address\nFarah,Friend," + friend.email()
                + "\nNot,Here,not.here." + System.nanoTime() + "@example.org\nNo,Address,\n", StandardCharsets.UTF_8);

        WebDriver browser = Browsers.start();
        browsers.add(browser);
        browser.get(url("/signin"));
        browser.findElement(By.id("email")).sendKeys(me.email());
        browser.findElement(By.id("password")).sendKeys(TestMembers.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("top-search")));

        browser.get(url("/contacts"));
        browser.findElement(By.id("file")).sendKeys(file.toString());
        browser.findElement(By.xpath("//button[normalize-space()='Upload and find matches']")).click();
        // The row refreshes itself while the file is read, then the page reloads with the matches.
        wait(browser).until(d -> d.findElement(By.id("matches")).getText().contains(friend.lastName()));
        String uploads = browser.findElement(By.cssSelector(".imports")).getText();
        assertThat(uploads).contains("2 kept").contains("1 member found").contains("1 skipped");
        assertThat(browser.findElement(By.id("others")).getText()).contains("Not Here");
        Browsers.screenshot(browser, "contacts-matches");

        browser.findElement(By.cssSelector("#matches button[aria-label='Invite Farah " + friend.lastName() + " to connect']")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("matches"), "Pending"));
        assertThat(invitations.sent(me.id(), org.rapport.server.system.PageRequest.first(5)).items())
                .extracting(s -> s.recipient().member().id()).containsExactly(friend.id());
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
