package org.rapport.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
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
 * An introduction's full path (H3) in a real browser: A asks B, their mutual connection, to
 * introduce them to C; B forwards it with a note; C sees the invitation card "introduced by B"
 * with both notes and accepts; A and C are connected. Then C endorses A's skill from A's profile.
 */
@SqliteSpringTest
@ExtendWith(RequiresChromium.class)
class IntroductionBrowserIntegrationTest extends IntegrationContract {

    @LocalServerPort
    int port;
    @Autowired
    ProfileService profiles;

    private WebDriver browser;

    @AfterEach
    void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aMemberIsIntroducedThroughAMutualConnectionAndConnects() {
        Member a = members.create("Ada", "Asker");
        Member b = members.create("Ben", "Bridge");
        Member c = members.create("Cleo", "Target");
        profiles.update(a.id(), new ProfileChanges(null, null, "Compiler engineer", null, null, null,
                List.of(new Position("Acme", "Engineer", 2019, null)), null, List.of("Compilers"), null, null));
        connect(a, b);
        connect(b, c);
        browser = Browsers.start();

        // A, on C's profile (2nd degree through B), asks for an introduction.
        signIn(a);
        browser.get(url("/members/" + c.id()));
        browser.findElement(By.linkText("Ask for an introduction")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("reason")));
        WebElement through = browser.findElement(By.cssSelector("input[name=intermediary][value='" + b.id() + "']"));
        assertThat(through.isSelected()).as("the only mutual connection is chosen").isTrue();
        browser.findElement(By.id("reason")).sendKeys("We both work on <compilers> & parsers.");
        browser.findElement(By.xpath("//button[normalize-space()='Send request']")).click();
        wait(browser).until(ExpectedConditions.urlContains("/introductions?tab=sent"));
        assertThat(browser.findElement(By.cssSelector(".introduction")).getText())
                .contains("You asked Ben Bridge to introduce you to Cleo Target")
                .contains("We both work on <compilers> & parsers.")
                .contains("Waiting for Ben");

        // B forwards it with a note.
        signIn(b);
        browser.get(url("/introductions"));
        WebElement request = browser.findElement(By.cssSelector(".introduction"));
        assertThat(request.getText()).contains("Ada Asker asks you to introduce them to Cleo Target");
        request.findElement(By.cssSelector("textarea[name=note]")).sendKeys("Ada is the best compiler person I know.");
        Browsers.screenshot(browser, "introduction-to-forward");
        request.findElement(By.xpath(".//button[normalize-space()='Forward to Cleo']")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), "Forwarded"));
        assertThat(browser.findElement(By.cssSelector(".introduction")).getText()).contains("Forwarded");

        // C sees the invitation card: introduced by B, with both notes, and accepts.
        signIn(c);
        browser.get(url("/network"));
        WebElement card = wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".invitation")));
        assertThat(card.getText())
                .contains("Ada Asker")
                .contains("Introduced by Ben Bridge")
                .contains("Ada is the best compiler person I know.")
                .contains("We both work on <compilers> & parsers.");
        Browsers.screenshot(browser, "introduction-invitation-card");
        card.findElement(By.xpath(".//button[normalize-space()='Accept']")).click();
        wait(browser).until(d -> index.graph().areConnected((int) a.id(), (int) c.id()));
        assertThat(index.graph().areConnected((int) a.id(), (int) c.id())).as("A and C are connected").isTrue();

        // Now connections, C endorses A's skill from A's profile.
        browser.get(url("/members/" + a.id()));
        browser.findElement(By.cssSelector("button[aria-label='Endorse Ada for Compilers']")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.id("skills"), "1 endorsement"));
        assertThat(browser.findElement(By.id("skills")).getText()).contains("Endorsed ✓").contains("Endorsed by you");
        Browsers.screenshot(browser, "endorsed-profile");
    }

    @Test
    void aRecommendationIsAskedForWrittenApprovedAndShownOnTheProfile() {
        Member a = members.create("Rita", "Recipient");
        Member b = members.create("Walt", "Writer");
        profiles.update(a.id(), new ProfileChanges(null, null, null, null, null, null,
                List.of(new Position("Globex", "Designer", 2020, null)), null, null, null, null));
        connect(a, b);
        browser = Browsers.start();

        signIn(a);
        browser.get(url("/members/" + b.id()));
        browser.findElement(By.linkText("Ask Walt for a recommendation")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("text")));
        browser.findElement(By.id("text")).sendKeys("Could you write about our work at Globex?");
        browser.findElement(By.xpath("//button[normalize-space()='Send request']")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".recommendation"), "You asked for it"));

        signIn(b);
        browser.get(url("/recommendations?tab=requests"));
        assertThat(browser.findElement(By.cssSelector(".recommendation")).getText())
                .contains("Rita Recipient").contains("Designer at Globex").contains("Could you write about our work at Globex?");
        browser.findElement(By.linkText("Write")).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("text")));
        browser.findElement(By.id("text")).sendKeys("Rita <i>designs</i> with care.");
        browser.findElement(By.xpath("//button[normalize-space()='Send recommendation']")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".recommendation"), "Waiting for approval"));

        signIn(a);
        browser.get(url("/recommendations"));
        assertThat(browser.findElement(By.cssSelector(".recommendation")).getText()).contains("Waiting for your approval")
                .contains("Rita <i>designs</i> with care.");
        Browsers.screenshot(browser, "recommendation-to-approve");
        browser.findElement(By.xpath("//button[normalize-space()='Approve']")).click();
        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), "Approved"));

        signIn(b);
        browser.get(url("/members/" + a.id()));
        String shown = browser.findElement(By.id("recommendations")).getText();
        assertThat(shown).contains("Walt Writer").contains("Designer at Globex").contains("Rita <i>designs</i> with care.");
        assertThat(browser.findElements(By.cssSelector("#recommendations i"))).as("escaped").isEmpty();
        Browsers.screenshot(browser, "recommendation-on-profile");
    }

    private void signIn(Member m) {
        browser.manage().deleteAllCookies();
        Browsers.signIn(browser, url(""), m.email());
    }

    private static WebDriverWait wait(WebDriver browser) {
        return new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
