"""The first hour in a real (headless) Chromium: the home page's life events, and the
widget example working in ``sikoja demo`` as shipped (no edits, no CORS set-up).

Reuses the search page fixtures of ``tests/test_browser.py``; the demo test runs the real
``sikoja demo`` on free ports, crawling and indexing the bundled sample web (about half a
minute).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from tests import test_browser
from tests.conftest import sample_embeddings
from tests.processes import stop
from tests.test_browser import OUT, console_errors, type_query, wait_for, widget_root
from tests.test_first_hour import free_port  # below the ephemeral range: bound after a crawl

pytestmark = test_browser.pytestmark
sites, browser = test_browser.sites, test_browser.browser
ROOT = Path(__file__).resolve().parent.parent


def test_life_events_lead_a_citizen_to_a_service(sites, browser):
    from selenium.webdriver.common.by import By

    api, _, _ = sites
    browser.get(api + "/")
    birth = wait_for(lambda: browser.find_element(By.CSS_SELECTOR, "button[data-event=kelahiran]"))
    assert birth.text == "Kelahiran anak"
    assert birth.get_attribute("aria-expanded") == "false"
    used = browser.find_element(By.ID, "most-used-section")
    assert used.is_displayed()  # a fresh install: the events' first services stand in
    assert browser.find_element(By.ID, "most-used-h").text == "Layanan yang banyak dibutuhkan"
    birth.click()
    birth = browser.find_element(By.CSS_SELECTOR, "button[data-event=kelahiran]")  # redrawn
    assert birth.get_attribute("aria-expanded") == "true"
    panel = browser.find_element(By.ID, "event-panel")
    assert panel.is_displayed()
    services = [a.text for a in panel.find_elements(By.CSS_SELECTOR, "#event-services a")]
    assert services[0] == "Penerbitan Akta Kelahiran"
    browser.save_screenshot(str(OUT / "home-life-events.png"))
    panel.find_element(By.LINK_TEXT, "Penerbitan Akta Kelahiran").click()
    first = wait_for(lambda: browser.find_element(By.CSS_SELECTOR, "#results li h3 a"))
    assert first.text == "Penerbitan Akta Kelahiran"
    assert "q=Penerbitan+Akta+Kelahiran" in browser.current_url
    assert not browser.find_element(By.ID, "home").is_displayed()
    browser.back()  # back to the home page with its events
    wait_for(lambda: browser.find_element(By.ID, "home").is_displayed())
    browser.find_element(By.ID, "lang-toggle").click()
    assert wait_for(lambda: browser.find_element(
        By.CSS_SELECTOR, "button[data-event=kelahiran]").text) == "A baby is born"
    browser.find_element(By.ID, "lang-toggle").click()  # leave the page in Indonesian
    assert console_errors(browser) == []


@pytest.fixture(scope="module")
def demo(request):
    """``sikoja demo`` running on free ports: (its stdout so far, the data dir). It crawls
    and indexes the whole sample web as a first user's demo does; its data dir starts
    with the embedding cache of the session's index of that web (``sample_embeddings``),
    so it does not embed the same texts again."""
    data = Path(tempfile.mkdtemp(prefix="sikoja-demo-")) / "demo"
    seed = sample_embeddings(request)
    if seed is not None:
        data.mkdir()
        shutil.copyfile(seed, data / "embeddings.db")
    from sikoja.demo.run import sample_site_ports
    from tests.test_first_hour import free_block

    sites_port = free_block()
    taken = set(sample_site_ports(sites_port))
    port = free_port(avoid=taken)
    example = free_port(avoid=taken | {port})
    log = open(data.parent / "demo.out", "w+", encoding="utf-8")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "sikoja.cli", "demo", "--data-dir", str(data), "--port",
         str(port), "--sites-port", str(sites_port), "--example-port", str(example)],
        stdout=log, stderr=subprocess.STDOUT, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        deadline = time.monotonic() + 300
        while "sikoja is serving at" not in Path(log.name).read_text(encoding="utf-8"):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("the demo did not start:\n"
                                     + Path(log.name).read_text(encoding="utf-8")[-3000:])
            time.sleep(0.1)
        yield Path(log.name).read_text(encoding="utf-8"), data
    finally:
        stop(proc, grace=30)
        log.close()


def test_the_demo_says_where_things_are_and_its_admin_key_command_works(demo):
    out, data = demo
    lines = {line.split(":", 1)[0].strip(): line.split(":", 1)[1].strip()
             for line in out.splitlines() if re.match(r"^[a-z][a-z API]+: ", line)}
    assert lines["data dir"] == str(data.resolve())
    assert lines["widget example"].startswith("http://127.0.0.1:")
    assert "sikoja" in lines["sikoja command"]
    command = shlex.split(lines["admin API key"])
    assert command[1:] == ["apikey", "create", "--data-dir", str(data), "admin"]
    # the printed command, as a user would paste it (this checkout's code)
    created = subprocess.run([sys.executable, "-m", "sikoja.cli", *command[1:]],
                             capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert created.returncode == 0 and len(created.stdout.strip()) > 20


def test_the_widget_example_works_in_the_demo_across_origins(demo, browser):
    from selenium.webdriver.common.by import By

    out, _ = demo
    url = re.search(r"widget example:\s+(\S+)", out).group(1)
    console_errors(browser)
    browser.get(url)
    _, root = widget_root(browser)
    field = wait_for(lambda: root.find_element(By.CSS_SELECTOR, "input[type=search]"))
    type_query(browser, field, "urus KTP")
    first = wait_for(lambda: root.find_element(By.CSS_SELECTOR, "ol.results li h3 a"), 30)
    assert "KTP" in first.text
    href = first.get_attribute("href")
    assert href.startswith("http://127.0.0.1:")
    browser.save_screenshot(str(OUT / "demo-widget-example.png"))
    assert console_errors(browser) == []  # no CORS refusal
    browser.get(href)  # result links open while the demo runs
    assert "404" not in browser.title and browser.find_element(By.TAG_NAME, "body").text


def test_admin_synonym_list_is_searchable_and_paged(sites, browser):
    from selenium.webdriver.common.by import By

    api, _, key = sites
    browser.get(api + "/admin")
    browser.find_element(By.ID, "api-key").send_keys(key)
    browser.find_element(By.CSS_SELECTOR, "#key-form button[type=submit]").click()
    count = wait_for(lambda: browser.find_element(By.ID, "syn-count").text)
    total = int(re.search(r"dari (\d+) aturan", count).group(1))
    assert total > 100 and "halaman 1 dari" in count
    rows = browser.find_elements(By.CSS_SELECTOR, "#syn-list tr")
    assert len(rows) == 25
    first_page = rows[0].text
    browser.find_element(By.ID, "syn-next").click()
    assert "halaman 2 dari" in browser.find_element(By.ID, "syn-count").text
    assert browser.find_elements(By.CSS_SELECTOR, "#syn-list tr")[0].text != first_page
    browser.find_element(By.ID, "syn-filter").send_keys("ktp")
    rows = browser.find_elements(By.CSS_SELECTOR, "#syn-list tr")
    assert rows and all("ktp" in r.text.lower() for r in rows)
    height = browser.execute_script("return document.documentElement.scrollHeight")
    assert height < 8000  # was 21,000 px with every rule listed
