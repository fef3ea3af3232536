package org.rapport.server.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for browser tests, started from the Debian packages without any network
 * access: the browser and driver binaries are given explicitly (so Selenium Manager never tries
 * to download one), Chromium's background services are off, and each browser gets a fresh
 * profile directory and a temporary {@code HOME} so nothing is written into the real one.
 * {@code RAPPORT_CHROMIUM} and {@code RAPPORT_CHROMEDRIVER} override the binaries.
 */
public final class Browsers {

    private Browsers() {
    }

    static String chromium() {
        return System.getenv().getOrDefault("RAPPORT_CHROMIUM", "/usr/bin/chromium");
    }

    static String chromedriver() {
        return System.getenv().getOrDefault("RAPPORT_CHROMEDRIVER", "/usr/bin/chromedriver");
    }

    /** Why no browser can be started, or null when one can. */
    static String unavailableReason() {
        if (!new File(chromium()).canExecute()) {
            return "Chromium is not installed at " + chromium();
        }
        if (!new File(chromedriver()).canExecute()) {
            return "chromedriver is not installed at " + chromedriver();
        }
        return null;
    }

    /** A new headless browser with a 1280 × 1000 window; quit it when done. */
    public static WebDriver start() {
        String reason = unavailableReason();
        if (reason != null) {
            throw new IllegalStateException(reason + (Environment.ci() ? " (CI=true requires the browser suites)" : ""));
        }
        try {
            Path home = Files.createTempDirectory("rapport-browser-home");
            Path profile = Files.createTempDirectory("rapport-browser-profile");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(chromedriver()))
                    .usingAnyFreePort()
                    .withEnvironment(Map.of("HOME", home.toString()))
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return driver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs {@code browser} in at {@code base} (http://host:port) as the test member with that address. */
    public static void signIn(WebDriver browser, String base, String email) {
        browser.get(base + "/signin");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(TestMembers.PASSWORD);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(ExpectedConditions.presenceOfElementLocated(By.id("top-search")));
    }

    /**
     * Waits until the page has loaded and then a moment more, so that its notification stream
     * (opened by a script after load) is connected before the test makes something happen.
     */
    public static void waitForTheStream(WebDriver browser) {
        new WebDriverWait(browser, Duration.ofSeconds(15))
                .until(d -> ((JavascriptExecutor) d).executeScript("return document.readyState").equals("complete"));
        try {
            Thread.sleep(1500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Saves a full-window PNG under {@code target/screenshots/<name>.png} (a name may hold a
     * sub-folder) and returns its path.
     */
    public static Path screenshot(WebDriver driver, String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.createDirectories(file.getParent());
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
