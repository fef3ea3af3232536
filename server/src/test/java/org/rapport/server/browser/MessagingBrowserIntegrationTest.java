package org.rapport.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rapport.server.member.Member;
import org.rapport.server.messaging.MessagingService;
import org.rapport.server.support.Browsers;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.RequiresChromium;
import org.rapport.server.support.SqliteSpringTest;
import org.rapport.server.support.TestMembers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A writes to a connection from the connection's profile; the reply arrives in A's open thread
 * without a reload, escaped; on another page the Messaging badge and a notice announce the next one.
 */
@SqliteSpringTest
@ExtendWith(RequiresChromium.class)
class MessagingBrowserIntegrationTest extends IntegrationContract {

    @LocalServerPort
    int port;
    @Autowired
    MessagingService messaging;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void quitBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void aMemberWritesFromAProfileAndTheReplyArrivesLive() {
        Member a = members.create("Avery", "Asker");
        Member b = members.create("Blake", "Answerer");
        connect(a, b);
        WebDriver browser = Browsers.start();
        browsers.add(browser);
        browser.get(url("/signin"));
        browser.findElement(By.id("email")).sendKeys(a.email());
        browser.findElement(By.id("password")).sendKeys(TestMembers.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("top-search")));

        browser.get(url("/messages"));
        assertThat(browser.findElement(By.id("conversations-empty")).getText()).contains("No conversations yet");

        browser.get(url("/members/" + b.id()));
        browser.findElement(By.xpath("//a[normalize-space()='Message']")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("message-text")));
        browser.findElement(By.id("message-text")).sendKeys("Hello Blake <b>bold?</b>");
        browser.findElement(By.xpath("//button[normalize-space()='Send']")).click();
        wait(browser).until(ExpectedConditions.urlMatches(".*/messages/\\d+$"));
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "Hello Blake <b>bold?</b>"));
        long id = Long.parseLong(browser.getCurrentUrl().replaceAll(".*/messages/", ""));

        // The reply comes while the thread is open; it is appended, escaped, without a reload.
        Browsers.waitForTheStream(browser);
        messaging.send(b.id(), id, "Hi Avery <img src=x onerror=\"window.pwned=1\">");
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "Hi Avery <img src=x"));
        assertThat(browser.findElements(By.cssSelector("#thread img"))).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined")).isEqualTo(true);

        // Sending with htmx appends in place and empties the form.
        browser.findElement(By.id("message-text")).sendKeys("Thanks!");
        browser.findElement(By.xpath("//button[normalize-space()='Send']")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("thread"), "Thanks!"));
        wait(browser).until(d -> d.findElement(By.id("message-text")).getAttribute("value").isEmpty());
        assertThat(browser.findElements(By.cssSelector("#thread li"))).hasSize(3);
        Browsers.screenshot(browser, "messaging-thread");

        // Elsewhere, a new message shows on the Messaging badge and in a notice.
        browser.get(url("/"));
        Browsers.waitForTheStream(browser);
        messaging.send(b.id(), id, "One more thing");
        wait(browser).until(ExpectedConditions.textToBe(By.id("message-count"), "1"));
        String toast = wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".toast"))).getText();
        assertThat(toast).contains("Blake Answerer").contains("sent you a message");

        browser.get(url("/messages"));
        assertThat(browser.findElement(By.cssSelector(".conversation.unread")).getText())
                .contains("Blake Answerer").contains("One more thing");
        Browsers.screenshot(browser, "messaging-list");
    }


    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
