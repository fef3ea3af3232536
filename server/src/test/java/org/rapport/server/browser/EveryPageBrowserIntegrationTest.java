package org.rapport.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.HasCdp;
import org.rapport.server.feed.PostService;
import org.rapport.server.group.GroupChanges;
import org.rapport.server.group.GroupService;
import org.rapport.server.member.Education;
import org.rapport.server.member.Member;
import org.rapport.server.member.Position;
import org.rapport.server.member.ProfileChanges;
import org.rapport.server.member.ProfileService;
import org.rapport.server.messaging.MessagingService;
import org.rapport.server.support.Browsers;
import org.rapport.server.support.IntegrationContract;
import org.rapport.server.support.RequiresChromium;
import org.rapport.server.support.SqliteSpringTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

/**
 * Issue 18's phone and accessibility pass: every page of the application (one list,
 * {@link #pages}, to extend when a page is added), signed in and not, is opened in Chromium as a
 * phone (360, 390 and 414 CSS pixels wide) and as a desktop (1280). On a phone nothing may reach
 * past the right edge of the screen and every tab bar destination and the search must be one tap
 * away; axe-core must find no serious or critical violation on the phone in the light colour
 * scheme and on the desktop in the dark one. Screenshots of each page at 390 and 1280 (light and
 * dark) land in {@code target/screenshots/pages/}.
 */
@SqliteSpringTest
@ExtendWith(RequiresChromium.class)
class EveryPageBrowserIntegrationTest extends IntegrationContract {

    /** Who looks at a page: a signed-in member or nobody. */
    enum Viewer { ME, ANONYMOUS }

    /** One page to visit: a name for the screenshot and the failure message, its path, who opens it. */
    record Visit(String name, String path, Viewer viewer) {
    }

    /** The phone widths checked for overflow; screenshots and axe use the middle one. */
    static final int[] PHONE_WIDTHS = {360, 390, 414};
    static final int PHONE = 390;
    static final int DESKTOP = 1280;
    /** The tab bar's destinations, by their accessible names. */
    static final List<String> TABS = List.of("Home", "My Network", "Messaging", "Notifications", "Me");

    @LocalServerPort
    int port;
    @Autowired
    ProfileService profiles;
    @Autowired
    GroupService groups;
    @Autowired
    MessagingService messaging;
    @Autowired
    PostService posts;
    @Autowired
    org.rapport.server.photo.PhotoService photos;

    private final List<WebDriver> browsers = new ArrayList<>();

    @AfterEach
    void quitBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    /** The network the pages show: me, a 1st, 2nd and 3rd-degree member and a stranger. */
    record Fixture(Member me, Member first, Member second, Member third, Member stranger, long group,
                   long groupPost, long conversation, long post) {
    }

    /**
     * Every page, in one place. A new page gets one line here; anything it shows is then held to
     * the phone and accessibility checks.
     */
    static List<Visit> pages(Fixture f) {
        long me = f.me().id();
        return List.of(
                new Visit("landing", "/", Viewer.ANONYMOUS),
                new Visit("signin", "/signin", Viewer.ANONYMOUS),
                new Visit("signup", "/signup", Viewer.ANONYMOUS),
                new Visit("signup-waiting", "/signup/waiting", Viewer.ANONYMOUS),
                new Visit("not-found-anonymous", "/no-such-page", Viewer.ANONYMOUS),
                new Visit("password-reset", "/password-reset", Viewer.ANONYMOUS),
                new Visit("password-reset-link", "/password-reset/not-a-real-token", Viewer.ANONYMOUS),
                new Visit("home", "/", Viewer.ME),
                new Visit("profile-me", "/members/" + me, Viewer.ME),
                new Visit("me", "/me", Viewer.ME),
                new Visit("profile-1st", "/members/" + f.first().id(), Viewer.ME),
                new Visit("profile-2nd", "/members/" + f.second().id(), Viewer.ME),
                new Visit("profile-3rd", "/members/" + f.third().id(), Viewer.ME),
                new Visit("profile-out-of-network", "/members/" + f.stranger().id(), Viewer.ME),
                new Visit("profile-edit", "/profile/edit", Viewer.ME),
                new Visit("profile-views", "/me/profile-views", Viewer.ME),
                new Visit("mutual", "/members/" + f.second().id() + "/mutual", Viewer.ME),
                new Visit("their-connections", "/members/" + f.first().id() + "/connections", Viewer.ME),
                new Visit("invite", "/members/" + f.third().id() + "/invite", Viewer.ME),
                new Visit("network", "/network", Viewer.ME),
                new Visit("connections", "/connections", Viewer.ME),
                new Visit("quota", "/network/quota", Viewer.ME),
                new Visit("search", "/search?q=Page", Viewer.ME),
                new Visit("search-colleagues", "/search/colleagues", Viewer.ME),
                new Visit("search-classmates", "/search/classmates", Viewer.ME),
                new Visit("messages", "/messages", Viewer.ME),
                new Visit("conversation", "/messages/" + f.conversation(), Viewer.ME),
                new Visit("message-new", "/messages/new?q=Fiona", Viewer.ME),
                new Visit("message-to-new-person", "/messages/with/" + f.second().id(), Viewer.ME),
                new Visit("notifications", "/notifications", Viewer.ME),
                new Visit("settings", "/settings", Viewer.ME),
                new Visit("two-factor", "/settings/two-factor", Viewer.ME),
                new Visit("contacts", "/contacts", Viewer.ME),
                new Visit("groups", "/groups", Viewer.ME),
                new Visit("group-new", "/groups/new", Viewer.ME),
                new Visit("group", "/groups/" + f.group(), Viewer.ME),
                new Visit("group-post", "/groups/" + f.group() + "/posts/" + f.groupPost(), Viewer.ME),
                new Visit("group-members", "/groups/" + f.group() + "/members", Viewer.ME),
                new Visit("group-manage", "/groups/" + f.group() + "/manage", Viewer.ME),
                new Visit("recommendations", "/recommendations", Viewer.ME),
                new Visit("recommendation-ask", "/recommendations/ask?member=" + f.first().id(), Viewer.ME),
                new Visit("introductions", "/introductions", Viewer.ME),
                new Visit("introduction-new", "/introductions/new?target=" + f.second().id(), Viewer.ME),
                new Visit("followers", "/members/" + me + "/followers", Viewer.ME),
                new Visit("following", "/members/" + me + "/following", Viewer.ME),
                new Visit("feed", "/feed", Viewer.ME),
                new Visit("post", "/posts/" + f.post(), Viewer.ME),
                new Visit("report", "/report?subjectType=MEMBER&subjectId=" + f.stranger().id(), Viewer.ME),
                new Visit("my-reports", "/me/reports", Viewer.ME),
                new Visit("admin", "/admin", Viewer.ME),
                new Visit("admin-members", "/admin/members?q=Oona", Viewer.ME),
                new Visit("admin-reports", "/admin/reports", Viewer.ME),
                new Visit("admin-settings", "/admin/settings", Viewer.ME),
                new Visit("admin-sign-up-requests", "/admin/sign-up-requests", Viewer.ME),
                new Visit("admin-audit-log", "/admin/audit-log", Viewer.ME),
                new Visit("not-found", "/members/999999999", Viewer.ME));
    }

    @Test
    void everyPageFitsAPhoneReachesEveryTabAndHasNoSeriousAccessibilityViolation() {
        Fixture f = network();
        WebDriver anonymous = Browsers.start();
        browsers.add(anonymous);
        WebDriver signedIn = Browsers.start();
        browsers.add(signedIn);
        Browsers.signIn(signedIn, url(""), f.me().email());

        List<String> problems = new ArrayList<>();
        Map<String, Integer> axeCounts = new LinkedHashMap<>();
        for (Visit visit : pages(f)) {
            WebDriver browser = visit.viewer() == Viewer.ME ? signedIn : anonymous;
            // phone
            viewport(browser, PHONE);
            browser.get(url(visit.path()));
            for (int width : PHONE_WIDTHS) {
                viewport(browser, width);
                problems.addAll(overflow(browser, width, visit.name() + " at " + width + " px"));
            }
            viewport(browser, PHONE);
            if (visit.viewer() == Viewer.ME) {
                problems.addAll(tabBar(browser, visit.name()));
            }
            problems.addAll(brokenImages(browser, visit.name()));
            Browsers.screenshot(browser, "pages/" + visit.name() + "-phone");
            problems.addAll(axe(browser, visit.name() + " (phone)", axeCounts));
            // desktop, in the dark colour scheme (the phone pass above ran in the light one)
            viewport(browser, DESKTOP);
            Browsers.screenshot(browser, "pages/" + visit.name() + "-desktop");
            colourScheme(browser, "dark");
            Browsers.screenshot(browser, "pages/" + visit.name() + "-desktop-dark");
            problems.addAll(axe(browser, visit.name() + " (desktop, dark)", axeCounts));
            colourScheme(browser, "light");
        }
        System.out.println("axe serious+critical violations (nodes) by rule: " + axeCounts);
        assertThat(problems).as("pages that overflow a phone, miss a tab or fail axe").isEmpty();
    }

    /** The member and the network around them that the pages show, with something on every page. */
    private Fixture network() {
        Member me = members.create("Paige", "Phone");
        // An administrator, so that the administration pages are visited too.
        jdbc.sql("UPDATE members SET role = 'ADMIN' WHERE id = :m").param("m", me.id()).update();
        profiles.update(me.id(), new ProfileChanges(null, null, "Product engineer who writes long headlines about many things",
                "London, United Kingdom", "Software", "I build things.", List.of(new Position("Northwind Software", "Engineer", 2019, null)),
                List.of(new Education("University of Leeds", "BSc", 2012, 2015)), null, null, null));
        Member first = members.create("Fiona", "First");
        Member second = members.create("Sam", "Second");
        Member third = members.create("Theo", "Third");
        Member stranger = members.create("Oona", "Outside");
        // A sign-up waiting for approval, so that the administration's queue shows one.
        Member waiting = members.create("Wanda", "Waiting-For-A-Rather-Long-Approval");
        jdbc.sql("UPDATE members SET suspended_until = :max, approval_requested_at = :now WHERE id = :m")
                .param("max", Long.MAX_VALUE).param("now", System.currentTimeMillis()).param("m", waiting.id()).update();
        connect(me, first);
        connect(first, second);
        connect(second, third);
        // two more mutual connections with Sam: "How you're connected" draws three chains
        for (String name : List.of("Maya", "Noor")) {
            Member mutual = members.create(name, "Mutual");
            connect(me, mutual);
            connect(mutual, second);
        }
        Member inviter = members.create("Ines", "Inviting");
        connect(inviter, first);
        invitations.invite(inviter.id(), me.id(), "We met at the conference in Lisbon; I would be glad to stay in touch "
                + "and hear how the project with the long name went after all.");
        invitations.invite(me.id(), third.id(), null);
        long group = groups.create(me.id(), new GroupChanges("Phone Page Testers", "People who test pages on phones",
                "Be kind.", "PUBLIC", true, false)).group().id();
        groups.join(first.id(), group);
        long groupPost = groups.write(first.id(), group, "Welcome, everyone: tell us which phone you use.").id();
        long conversation = messaging.start(first.id(), me.id(), "Hello Paige, lunch on Friday?").conversation().id();
        long post = posts.create(me.id(), "Shipping the phone layout today.", "ANYONE").id();
        // Photos (issue 18) for some, initials for the others; the stranger keeps the profile, and so
        // the photo, to their network, so their pages must show initials without a broken image.
        photos.upload(me.id(), org.rapport.server.photo.TestImages.jpeg(640, 480));
        photos.upload(first.id(), org.rapport.server.photo.TestImages.png(300, 400));
        photos.upload(second.id(), org.rapport.server.photo.TestImages.jpeg(500, 500));
        photos.upload(inviter.id(), org.rapport.server.photo.TestImages.png(200, 200));
        photos.upload(stranger.id(), org.rapport.server.photo.TestImages.png(200, 200));
        privacy.update(stranger.id(), new org.rapport.server.privacy.PrivacyChanges(null, null, null, null, null,
                "NETWORK", null, null, null, null));
        return new Fixture(me, first, second, third, stranger, group, groupPost, conversation, post);
    }

    static void viewport(WebDriver browser, int width) {
        ((HasCdp) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", width, "height", width < 720 ? 844 : 1000, "deviceScaleFactor", 1, "mobile", width < 720));
    }

    private static void colourScheme(WebDriver browser, String scheme) {
        ((HasCdp) browser).executeCdpCommand("Emulation.setEmulatedMedia", Map.of(
                "features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    /**
     * What reaches past the right edge of the screen: the page itself, or any visible element not
     * clipped by a scrolling or clipping ancestor inside the screen.
     */
    @SuppressWarnings("unchecked")
    static List<String> overflow(WebDriver browser, int width, String where) {
        List<String> found = (List<String>) ((JavascriptExecutor) browser).executeScript("""
                // the screen's width, not innerWidth: a phone browser zooms out to show a page wider
                // than the screen, which makes innerWidth grow with the mistake
                const w = arguments[0], out = [];
                if (document.documentElement.scrollWidth > w || window.innerWidth > w) out.push('document is ' + document.documentElement.scrollWidth + ' px wide');
                const clipped = el => { for (let p = el.parentElement; p; p = p.parentElement) {
                    const o = getComputedStyle(p).overflowX;
                    if (o !== 'visible' && p.getBoundingClientRect().right <= w + 1) return true; } return false; };
                for (const el of document.body.querySelectorAll('*')) {
                  const r = el.getBoundingClientRect();
                  if (r.width === 0 || r.height === 0 || r.right <= w + 1) continue;
                  if (getComputedStyle(el).visibility === 'hidden' || clipped(el)) continue;
                  out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && el.className.baseVal === undefined ? '.' + String(el.className).trim().split(/\\s+/).join('.') : '')
                           + ' ends at ' + Math.round(r.right) + ' px');
                  if (out.length > 5) break;
                }
                return out;""", width);
        return found.stream().map(p -> where + ": " + p).toList();
    }

    /**
     * Images that failed to load (issue 18): an avatar must be a photo the viewer may see or
     * initials, never a broken image. Lazy images are scrolled into view first.
     */
    @SuppressWarnings("unchecked")
    private static List<String> brokenImages(WebDriver browser, String where) {
        List<String> found = (List<String>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const images = Array.from(document.images);
                images.forEach(i => { i.loading = 'eager'; });
                Promise.all(images.map(i => i.complete ? null : new Promise(r => { i.onload = r; i.onerror = r; setTimeout(r, 3000); })))
                    .then(() => done(images.filter(i => i.naturalWidth === 0).map(i => i.getAttribute('src'))));""");
        return found.stream().map(src -> where + ": broken image " + src).toList();
    }

    /** Every tab bar destination and the search are visible on the screen and lead somewhere. */
    private static List<String> tabBar(WebDriver browser, String where) {
        List<String> problems = new ArrayList<>();
        List<WebElement> bars = browser.findElements(By.cssSelector("nav.tabbar"));
        if (bars.size() != 1 || !bars.get(0).isDisplayed()) {
            return List.of(where + ": no tab bar on the phone");
        }
        for (String tab : TABS) {
            List<WebElement> links = bars.get(0).findElements(By.xpath(".//a[.//span[contains(@class, 'label') and normalize-space(.)='" + tab + "']]"));
            if (links.isEmpty() || !links.get(0).isDisplayed() || links.get(0).getAttribute("href") == null) {
                problems.add(where + ": tab " + tab + " not reachable");
            } else if (!inScreen(browser, links.get(0))) {
                problems.add(where + ": tab " + tab + " outside the screen");
            }
        }
        List<WebElement> search = browser.findElements(By.cssSelector("header [role=search] input[type=search]"));
        if (search.isEmpty() || !search.get(0).isDisplayed() || !inScreen(browser, search.get(0))) {
            problems.add(where + ": no search box on the phone");
        }
        return problems;
    }

    private static boolean inScreen(WebDriver browser, WebElement element) {
        return (Boolean) ((JavascriptExecutor) browser).executeScript("""
                const r = arguments[0].getBoundingClientRect();
                return r.left >= 0 && r.right <= arguments[1] && r.top >= 0 && r.bottom <= window.innerHeight;""", element, PHONE);
    }

    /** axe-core's serious and critical violations on the page as it is now, counted by rule. */
    static List<String> axe(WebDriver browser, String where, Map<String, Integer> counts) {
        Results results = new AxeBuilder().analyze(browser);
        List<String> problems = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if (!"serious".equals(rule.getImpact()) && !"critical".equals(rule.getImpact())) {
                continue;
            }
            counts.merge(rule.getId(), rule.getNodes().size(), Integer::sum);
            problems.add(where + ": axe " + rule.getImpact() + " " + rule.getId() + " on " + rule.getNodes().size()
                    + " element(s), first " + rule.getNodes().get(0).getTarget());
        }
        return problems;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
