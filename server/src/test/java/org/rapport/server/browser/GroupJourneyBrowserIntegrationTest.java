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
import org.rapport.server.group.GroupChanges;
import org.rapport.server.group.GroupService;
import org.rapport.server.member.Member;
import org.rapport.server.support.Browsers;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.RequiresChromium;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 6's proof for groups, in three real browsers: Nia asks to join a members-only group; its
 * owner approves on the management page; Nia reads the discussion, opens the member directory and
 * messages Finn, a fellow member she is not connected with; Finn's open page announces it live.
 */
@SqliteSpringTest
@ExtendWith(RequiresChromium.class)
class GroupJourneyBrowserIntegrationTest extends IntegrationContract {

    @LocalServerPort
    int port;
    @Autowired
    GroupService groups;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void quitBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void aRequesterIsApprovedReadsTheDiscussionAndMessagesAFellowMemberLive() {
        Member owner = members.create("Orla", "Owner");
        Member finn = members.create("Finn", "Fellow");
        Member nia = members.create("Nia", "Newcomer");
        long id = groups.create(owner.id(), new GroupChanges("Lisbon <Climbers>", "Weekend climbing in and around Lisbon",
                "Be kind; no spam.", "MEMBERS_ONLY", true, false)).group().id();
        groups.join(finn.id(), id);
        groups.approve(owner.id(), id, finn.id());
        groups.write(finn.id(), id, "Sintra on Saturday? <b>Bring</b> a rope.");

        WebDriver niaBrowser = signIn(nia);
        niaBrowser.get(url("/groups?q=climbers"));
        niaBrowser.findElement(By.linkText("Lisbon <Climbers>")).click();
        wait(niaBrowser).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Discussions are for members"));
        assertThat(niaBrowser.findElement(By.tagName("main")).getText()).doesNotContain("Sintra on Saturday");
        niaBrowser.findElement(By.xpath("//button[normalize-space()='Ask to join']")).click();
        wait(niaBrowser).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Request sent"));

        WebDriver ownerBrowser = signIn(owner);
        ownerBrowser.get(url("/groups/" + id + "/manage"));
        assertThat(ownerBrowser.findElement(By.id("req-title")).findElement(By.xpath("../..")).getText()).contains("Nia Newcomer");
        Browsers.screenshot(ownerBrowser, "group-manage");
        ownerBrowser.findElement(By.cssSelector("button[aria-label='Approve Nia Newcomer']")).click();
        wait(ownerBrowser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), "Request approved"));

        WebDriver finnBrowser = signIn(finn);
        finnBrowser.get(url("/"));
        Browsers.waitForTheStream(finnBrowser);

        niaBrowser.get(url("/groups/" + id));
        String discussion = niaBrowser.findElement(By.tagName("main")).getText();
        assertThat(discussion).contains("Sintra on Saturday? <b>Bring</b> a rope.").contains("you are a member");
        assertThat(niaBrowser.findElements(By.cssSelector("main b"))).as("member text is escaped").isEmpty();
        Browsers.screenshot(niaBrowser, "group-discussion");
        niaBrowser.findElement(By.linkText("Members")).click();
        wait(niaBrowser).until(ExpectedConditions.presenceOfElementLocated(By.id("dir-title")));
        assertThat(niaBrowser.findElement(By.tagName("main")).getText()).contains("Finn Fellow").contains("Group");
        Browsers.screenshot(niaBrowser, "group-members");
        niaBrowser.findElement(By.cssSelector("a[aria-label='Message Finn Fellow']")).click();
        wait(niaBrowser).until(ExpectedConditions.presenceOfElementLocated(By.id("message-text")));
        niaBrowser.findElement(By.id("message-text")).sendKeys("Hi Finn, count me in for Sintra!");
        niaBrowser.findElement(By.xpath("//button[normalize-space()='Send']")).click();
        wait(niaBrowser).until(ExpectedConditions.urlMatches(".*/messages/\\d+$"));

        // Finn's open page hears of it at once: the badge and a notice, without a reload.
        wait(finnBrowser).until(ExpectedConditions.textToBe(By.id("message-count"), "1"));
        String toast = wait(finnBrowser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".toast"))).getText();
        assertThat(toast).contains("Nia Newcomer").contains("message request");
        finnBrowser.get(url("/messages?requests=true"));
        assertThat(finnBrowser.findElement(By.tagName("main")).getText()).contains("Nia Newcomer")
                .contains("Hi Finn, count me in for Sintra!");
        Browsers.screenshot(finnBrowser, "group-message-request");

        ownerBrowser.get(url("/groups"));
        assertThat(ownerBrowser.findElement(By.id("mine-title")).findElement(By.xpath("..")).getText())
                .contains("Lisbon <Climbers>").contains("Owner").contains("3 members");
        Browsers.screenshot(ownerBrowser, "groups-list");
        ownerBrowser.get(url("/groups/new"));
        ownerBrowser.findElement(By.id("g-name")).sendKeys("   ");
        ownerBrowser.findElement(By.xpath("//button[normalize-space()='Create group']")).click();
        assertThat(ownerBrowser.findElement(By.id("g-name-error")).getText()).isEqualTo("Give the group a name.");
        Browsers.screenshot(ownerBrowser, "group-create-form");
    }

    private WebDriver signIn(Member m) {
        WebDriver browser = Browsers.start();
        browsers.add(browser);
        Browsers.signIn(browser, url(""), m.email());
        return browser;
    }


    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
