package org.rapport.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.rapport.server.contacts.ContactService;
import org.rapport.server.credibility.EndorsementService;
import org.rapport.server.credibility.RecommendationService;
import org.rapport.server.group.GroupChanges;
import org.rapport.server.group.GroupService;
import org.rapport.server.messaging.MessagingService;
import org.rapport.server.feed.PostService;
import org.rapport.server.follow.FollowService;
import org.rapport.server.member.Member;
import org.rapport.server.member.Position;
import org.rapport.server.member.ProfileChanges;
import org.rapport.server.member.ProfileService;
import org.rapport.server.support.Browsers;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.RequiresChromium;
import org.rapport.server.support.SqliteSpringTest;
import org.rapport.server.support.TestMembers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web-security suite's browser part (issue 8, suite 5): a member fills every text others see
 * (names, headline, about, company, skill, invitation note, update, a contact's name, a group's
 * name, description, rules, posts and comments, a message, a recommendation) with
 * script payloads; the member they reach opens every page those texts appear on in headless
 * Chromium. No payload runs ({@code window.pwned} stays undefined), and each page shows the
 * payload as text, so it is the escaping, not only the Content Security Policy, that stops it.
 */
@SqliteSpringTest
@ExtendWith(RequiresChromium.class)
class XssBrowserIntegrationTest extends IntegrationContract {

    @LocalServerPort
    int port;
    @Autowired
    ProfileService profiles;
    @Autowired
    PostService posts;
    @Autowired
    FollowService follows;
    @Autowired
    ContactService contacts;
    @Autowired
    GroupService groups;
    @Autowired
    MessagingService messaging;
    @Autowired
    RecommendationService recommendationService;
    @Autowired
    EndorsementService endorsements;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void quitBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void payloadsInEveryTextOthersSeeNeverRun() {
        Member viewer = members.create("Vera", "Viewer");
        Member hostile = members.create("Hana", "Hostile");
        String first = "Hana<img src=x onerror=window.pwned=1>";
        String last = "\"><svg onload=window.pwned=2>";
        String headline = "<script>window.pwned=3</script>";
        String company = "Acme<iframe src=javascript:window.pwned=4>";
        String skill = "<b onmouseover=window.pwned=5>bold</b>";
        String about = "'\"><img src=x onerror=window.pwned=9>";
        profiles.update(hostile.id(), new ProfileChanges(first, last, headline, "Lisbon", "Research", about,
                List.of(new Position(company, "Lead", 2020, null)), List.of(), List.of(skill), List.of(), Map.of()));
        String note = "</textarea><script>window.pwned=6</script>";
        invitations.invite(hostile.id(), viewer.id(), note);
        follows.follow(viewer.id(), hostile.id());
        String update = "<img src=x onerror=window.pwned=7> see javascript:alert(1)";
        posts.create(hostile.id(), update, "ANYONE");
        String contactName = "<script>window.pwned=8</script>";
        contacts.importNow(viewer.id(), "google.csv", ("Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value\n"
                + "\"" + contactName + "\",,,* Home," + hostile.email() + "\n"
                + "\"" + contactName + " Two\",,,* Home,not.a.member@example.net\n").getBytes(StandardCharsets.UTF_8));

        // Group texts (name, description, rules, a post, a comment) and a message request from a
        // fellow member; a connection's recommendation and endorsement (their name is the payload).
        String groupName = "Club<img src=x onerror=window.pwned=10>";
        String groupAbout = "<script>window.pwned=11</script> about";
        String groupRules = "<svg onload=window.pwned=12> rules";
        String groupPost = "<iframe srcdoc=\"<script>parent.pwned=13</script>\"></iframe> post";
        String groupComment = "<img src=x onerror=window.pwned=14> comment";
        String message = "<script>window.pwned=15</script> hello";
        long group = groups.create(hostile.id(), new GroupChanges(groupName, groupAbout, groupRules, "PUBLIC", true, false))
                .group().id();
        groups.join(viewer.id(), group);
        long groupPostId = groups.write(hostile.id(), group, groupPost).id();
        groups.comment(hostile.id(), group, groupPostId, groupComment);
        long conversation = messaging.start(hostile.id(), viewer.id(), message).conversation().id();
        String friendFirst = "Fay<img src=x onerror=window.pwned=16>";
        Member friend = members.create(friendFirst, "Friend");
        connect(friend, viewer);
        profiles.update(viewer.id(), new ProfileChanges(null, null, null, null, null, null,
                List.of(new Position("Viewer Works", "Analyst", 2019, null)), null, List.of("Listening"), null, null));
        String recommendation = "<script>window.pwned=17</script> a fine colleague";
        recommendationService.write(friend.id(), viewer.id(), 0, recommendation);
        endorsements.endorse(friend.id(), viewer.id(), "Listening");

        WebDriver browser = Browsers.start();
        browsers.add(browser);
        browser.get(url("/signin"));
        browser.findElement(By.id("email")).sendKeys(viewer.email());
        browser.findElement(By.id("password")).sendKeys(TestMembers.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("top-search")));

        Map<String, List<String>> pages = new LinkedHashMap<>();
        pages.put("/members/" + hostile.id(), List.of(first, headline, company, skill, about));
        pages.put("/network", List.of(first, note));
        pages.put("/", List.of(update));
        pages.put("/notifications", List.of(first));
        pages.put("/contacts", List.of(first));
        pages.put("/search?q=Hana", List.of(first));
        pages.put("/members/" + hostile.id() + "/followers", List.of(first.substring(0, 4)));
        pages.put("/groups", List.of(groupName));
        pages.put("/groups/" + group, List.of(groupName, groupAbout, groupPost));
        pages.put("/groups/" + group + "/posts/" + groupPostId, List.of(groupPost, groupComment));
        pages.put("/groups/" + group + "/members", List.of(first));
        pages.put("/messages/" + conversation, List.of(message));
        pages.put("/recommendations", List.of(friendFirst, recommendation));
        pages.put("/members/" + viewer.id(), List.of(friendFirst));
        List<String> problems = new ArrayList<>();
        for (var page : pages.entrySet()) {
            browser.get(url(page.getKey()));
            new WebDriverWait(browser, Duration.ofSeconds(15)).until(d -> ((JavascriptExecutor) d)
                    .executeScript("return document.readyState").equals("complete"));
            Object pwned = ((JavascriptExecutor) browser).executeScript("return window.pwned === undefined ? null : window.pwned");
            if (pwned != null) {
                problems.add(page.getKey() + ": payload " + pwned + " ran");
            }
            String text = browser.findElement(By.tagName("body")).getText();
            for (String shown : page.getValue()) {
                if (!text.contains(shown)) {
                    problems.add(page.getKey() + ": does not show " + shown + " as text");
                }
            }
            Browsers.screenshot(browser, "xss" + page.getKey().replaceAll("[^a-z0-9]+", "-"));
        }
        assertThat(problems).isEmpty();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
