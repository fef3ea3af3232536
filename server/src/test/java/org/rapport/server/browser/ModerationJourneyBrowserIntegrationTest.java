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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rapport.server.admin.AdminService;
import org.rapport.server.feed.Post;
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
 * Issue 17's journey in a real headless Chromium: a member reports an update; a moderator finds it
 * in the queue, removes it and suspends its author; the author's open session ends and they cannot
 * sign in again; to the reporter the author is not found; the reporter sees the outcome; the audit
 * log shows both actions.
 */
@SqliteSpringTest
@ExtendWith(RequiresChromium.class)
class ModerationJourneyBrowserIntegrationTest extends IntegrationContract {

    @LocalServerPort
    int port;
    @Autowired
    PostService posts;
    @Autowired
    AdminService admin;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void quitBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    private WebDriver browser() {
        WebDriver driver = Browsers.start();
        browsers.add(driver);
        return driver;
    }

    private static WebDriverWait waitFor(WebDriver d) {
        return new WebDriverWait(d, Duration.ofSeconds(15));
    }

    @Test
    void aReportedUpdateIsRemovedItsAuthorSuspendedAndTheReporterSeesTheOutcome() {
        String base = "http://localhost:" + port;
        Member ann = members.create("Ann", "Spammer");
        Member rex = members.create("Rex", "Reporter");
        Member mo = members.create("Mo", "Moderator");
        connect(ann, rex);
        admin.grantFromCommandLine(mo.email(), "moderator");
        Post post = posts.create(ann.id(), "Cheap watches at totally-legit.example", "CONNECTIONS");

        WebDriver author = browser();
        Browsers.signIn(author, base, ann.email());

        // The reporter reports the update from the update's page.
        WebDriver reporter = browser();
        Browsers.signIn(reporter, base, rex.email());
        reporter.get(base + "/posts/" + post.id());
        reporter.findElement(By.cssSelector("#post-" + post.id() + " a.report-link")).click();
        waitFor(reporter).until(ExpectedConditions.urlContains("/report?subjectType=POST"));
        reporter.findElement(By.cssSelector("input[name=reason][value=SPAM]")).click();
        reporter.findElement(By.name("details")).sendKeys("Selling watches to everyone");
        reporter.findElement(By.cssSelector("form[action='/report'] button[type=submit]")).click();
        waitFor(reporter).until(ExpectedConditions.urlContains("/me/reports"));
        assertThat(reporter.findElement(By.id("my-reports")).getText()).contains("Waiting for a moderator");

        // The moderator finds it through the top bar, removes it, then suspends the author.
        WebDriver moderator = browser();
        Browsers.signIn(moderator, base, mo.email());
        moderator.findElement(By.cssSelector("nav a[href='/admin']")).click();
        waitFor(moderator).until(ExpectedConditions.urlContains("/admin/reports"));
        By entry = By.cssSelector("li[data-subject='POST-" + post.id() + "']");
        assertThat(moderator.findElement(entry).getText()).contains("Cheap watches").contains("Selling watches to everyone")
                .contains(ann.email());
        new Select(moderator.findElement(entry).findElement(By.name("action"))).selectByValue("REMOVE_CONTENT");
        moderator.findElement(entry).findElement(By.name("note")).sendKeys("Spam");
        moderator.findElement(entry).findElement(By.cssSelector("button[type=submit]")).click();
        waitFor(moderator).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), "Report resolved"));
        assertThat(moderator.findElements(entry)).isEmpty();

        moderator.findElement(By.linkText("Members")).click();
        moderator.findElement(By.id("admin-q")).sendKeys(ann.email());
        moderator.findElement(By.cssSelector("main form[role=search] button[type=submit]")).click();
        By row = By.id("member-" + ann.id());
        moderator.findElement(row).findElement(By.name("reason")).sendKeys("Spams the network");
        moderator.findElement(row).findElement(By.cssSelector("form[action$='/suspend'] button[type=submit]")).click();
        waitFor(moderator).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), "is suspended"));
        assertThat(moderator.findElement(row).findElement(By.className("member-status")).getText()).contains("SUSPENDED");

        // The author's open session has ended, and signing in again is refused with the reason.
        author.get(base + "/settings");
        waitFor(author).until(ExpectedConditions.urlContains("/signin"));
        author.findElement(By.id("email")).sendKeys(ann.email());
        author.findElement(By.id("password")).sendKeys(TestMembers.PASSWORD);
        author.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(waitFor(author).until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error"))).getText())
                .contains("suspended");

        // To the reporter the author does not exist any more; the report shows its outcome.
        reporter.get(base + "/members/" + ann.id());
        assertThat(reporter.findElement(By.tagName("main")).getText()).contains("Error 404");
        reporter.get(base + "/posts/" + post.id());
        assertThat(reporter.findElement(By.tagName("main")).getText()).contains("Error 404");
        reporter.get(base + "/me/reports");
        assertThat(reporter.findElement(By.id("my-reports")).getText()).contains("Content removed");

        // The audit log shows both actions.
        moderator.findElement(By.linkText("Audit log")).click();
        String log = moderator.findElement(By.id("audit-log")).getText();
        assertThat(log).contains("REPORT_REMOVE_CONTENT").contains("MEMBER_SUSPENDED").contains("Spams the network");
    }
}
