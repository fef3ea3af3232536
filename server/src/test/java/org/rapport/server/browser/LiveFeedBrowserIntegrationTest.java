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
import org.rapport.server.feed.PostService;
import org.rapport.server.member.Member;
import org.rapport.server.support.Browsers;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.RequiresChromium;
import org.rapport.server.support.SqliteSpringTest;
import org.rapport.server.support.TestMembers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A follows B from B's profile; while A's home page stays open, B shares an update: A's page shows
 * the notification (badge and notice) and the update at the top of the feed without a reload.
 */
@SqliteSpringTest
@ExtendWith(RequiresChromium.class)
class LiveFeedBrowserIntegrationTest extends IntegrationContract {

    @LocalServerPort
    int port;
    @Autowired
    PostService posts;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void quitBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void aFollowerSeesANewUpdateArriveWithoutReloading() {
        Member a = members.create("Avery", "Reader");
        Member b = members.create("Blake", "Writer");
        WebDriver browser = Browsers.start();
        browsers.add(browser);
        browser.get(url("/signin"));
        browser.findElement(By.id("email")).sendKeys(a.email());
        browser.findElement(By.id("password")).sendKeys(TestMembers.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("top-search")));

        browser.get(url("/members/" + b.id()));
        browser.findElement(By.xpath("//button[normalize-space()='+ Follow']")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.xpath("//button[normalize-space()='Following']")));

        browser.get(url("/"));
        assertThat(browser.findElement(By.id("feed")).getText()).contains("Your feed is quiet");
        assertThat(browser.findElement(By.id("unread-count")).getText()).isEmpty();
        // Let the page open its event stream before the update is shared.
        wait(browser).until(d -> ((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return document.readyState").equals("complete"));
        sleep(1500);

        String text = "Shipping the new release today <script>window.pwned=1</script> https://example.com/notes";
        long postId = posts.create(b.id(), text, "ANYONE").id();

        wait(browser).until(ExpectedConditions.textToBe(By.id("unread-count"), "1"));
        String toast = wait(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".toast"))).getText();
        assertThat(toast).contains("Blake Writer").contains("shared an update");
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("post-" + postId)));
        String card = browser.findElement(By.id("post-" + postId)).getText();
        assertThat(card).contains("Blake Writer").contains("<script>window.pwned=1</script>");
        assertThat(browser.findElement(By.cssSelector("#post-" + postId + " .post-body a")).getAttribute("href"))
                .isEqualTo("https://example.com/notes");
        assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.pwned === undefined"))
                .isEqualTo(true);
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/"));
        Browsers.screenshot(browser, "live-feed-update-arrived");
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
