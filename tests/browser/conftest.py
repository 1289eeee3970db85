"""Headless Chromium (Debian's chromium + chromium-driver) for browser tests, with screenshots.

Skipped with a reason where the browser is missing; CI installs it and runs strict, where a skip fails.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
OUTPUT = Path(__file__).resolve().parents[2] / "test-output"


@pytest.fixture
def browser(tmp_path):
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        pytest.skip(
            "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()


@pytest.fixture
def screenshot(request):
    """screenshot("step-name") saves test-output/<test name>/<n>-step-name.png."""
    folder = OUTPUT / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 100))

    def take(driver, name: str) -> Path:
        path = folder / f"{next(counter):02d}-{name}.png"
        driver.save_screenshot(str(path))
        return path

    return take


@pytest.fixture
def login(live_server):
    def log_in(driver, username: str, password: str):
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support.ui import WebDriverWait

        driver.get(f"{live_server.url}/admin/login/")
        driver.find_element(By.NAME, "username").send_keys(username)
        driver.find_element(By.NAME, "password").send_keys(password)
        driver.find_element(By.CSS_SELECTOR, "[type=submit]").click()
        # Wait for the next page rather than racing the navigation.
        WebDriverWait(driver, 15).until(lambda d: "/admin/login/" not in d.current_url)

    return log_in
