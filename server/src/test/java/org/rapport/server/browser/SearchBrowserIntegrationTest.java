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
import org.rapport.server.support.TestMembers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A member finds people with the top bar's search box despite a typo, narrows the results with a
 * facet, removes it again, pages through, and finds a colleague on the Colleagues tab.
 */
@SqliteSpringTest
@ExtendWith(RequiresChromium.class)
class SearchBrowserIntegrationTest extends IntegrationContract {

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
    void aMemberFindsPeopleNarrowsWithFacetsAndFindsColleagues() {
        String tag = Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "x");
        String company = "Browserco " + tag;
        Member me = members.create("Searching", "Member");
        profiles.update(me.id(), new ProfileChanges(null, null, null, null, null, null,
                List.of(new Position(company, "Dev", 2015, null)), null, null, null, null));
        Member friend = members.create("Friend", "Between");
        connect(me, friend);
        List<Member> found = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            Member m = members.create("Anneliese" + tag, "Person" + (char) ('a' + i));
            profiles.update(m.id(), new ProfileChanges(null, null, "Engineer", i % 2 == 0 ? "Lisbon" : "Porto", null, null,
                    List.of(new Position(company, "Dev", 2016, null)), null, null, null, null));
            found.add(m);
        }
        connect(friend, found.get(0));

        WebDriver browser = Browsers.start();
        browsers.add(browser);
        browser.get(url("/signin"));
        browser.findElement(By.id("email")).sendKeys(me.email());
        browser.findElement(By.id("password")).sendKeys(TestMembers.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("top-search")));

        // a typo: one letter missing
        WebElement box = browser.findElement(By.id("top-search"));
        box.sendKeys(("Annelise" + tag));
        box.submit();
        wait.until(ExpectedConditions.urlContains("/search"));
        String results = browser.findElement(By.id("main")).getText();
        assertThat(results).contains("23 people found");
        // the 2nd-degree member first, with the badge and the mutual connection
        WebElement first = browser.findElements(By.cssSelector(".people .person")).get(0);
        assertThat(first.getText()).contains("Person" + "a").contains("2nd").contains("1 mutual connection");
        assertThat(first.findElement(By.linkText("Connect")).getAttribute("href"))
                .endsWith("/members/" + found.get(0).id() + "/invite");
        Browsers.screenshot(browser, "search-results");

        browser.findElement(By.linkText("Next page")).click();
        wait.until(ExpectedConditions.urlContains("cursor="));
        assertThat(browser.findElements(By.cssSelector(".people .person"))).hasSize(3);
        browser.findElement(By.linkText("First page")).click();

        browser.findElement(By.cssSelector(".facets")).findElement(By.linkText("Porto")).click();
        wait.until(ExpectedConditions.urlContains("location=Porto"));
        assertThat(browser.findElement(By.id("main")).getText()).contains("11 people found");
        browser.findElement(By.cssSelector(".search-active a")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("location=")));
        assertThat(browser.findElement(By.id("main")).getText()).contains("23 people found");

        browser.findElement(By.linkText("Colleagues")).click();
        wait.until(ExpectedConditions.urlContains("/search/colleagues"));
        String colleagues = browser.findElement(By.id("main")).getText();
        assertThat(colleagues).contains("23 found").contains(company + " 2016–now · same time as you");
        Browsers.screenshot(browser, "search-colleagues");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
