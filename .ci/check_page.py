"""Opens graphs/newsgraph.html in headless Chromium and checks that it works.

Usage: python3 .ci/check_page.py graphs/newsgraph.html graphs/newsgraph.json [screenshot.png]
"""
import json
import pathlib
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

page = pathlib.Path(sys.argv[1]).resolve()
elements = json.loads(pathlib.Path(sys.argv[2]).read_text())["elements"]
screenshot = sys.argv[3] if len(sys.argv) > 3 else None

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--window-size=1600,1000"]:
    options.add_argument(flag)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
failures = []
try:
    driver.get(page.as_uri() + "#q=Blinken")
    wait = WebDriverWait(driver, 10)
    wait.until(lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-selected"))
    body = driver.find_element(By.TAG_NAME, "body")
    nodes, edges = int(body.get_attribute("data-nodes")), int(body.get_attribute("data-edges"))
    if (nodes, edges) != (len(elements["nodes"]), len(elements["edges"])):
        failures.append(f"page shows {nodes} nodes and {edges} edges, the export has "
                        f"{len(elements['nodes'])} and {len(elements['edges'])}")
    drawn = len(driver.find_elements(By.CSS_SELECTOR, "#picture g.node"))
    if drawn < nodes:
        failures.append(f"only {drawn} of {nodes} nodes are drawn")
    if body.get_attribute("data-selected") != "antony-blinken":
        failures.append(f"#q=Blinken selected {body.get_attribute('data-selected')!r}")
    panel = driver.find_element(By.ID, "panel").text
    for expected in ["Antony Blinken", "Meetings", "Juan Carlos Holguín", "Guillermo Lasso", "Alicia Bárcena"]:
        if expected not in panel:
            failures.append(f"the panel for Blinken lacks {expected!r}")
    if screenshot:
        driver.save_screenshot(screenshot)

    # Typing a name selects it; clicking a fact shows its evidence.
    box = driver.find_element(By.ID, "search")
    box.clear()
    box.send_keys("holguin", Keys.ENTER)
    if body.get_attribute("data-selected") != "juan-carlos-holguin":
        failures.append(f"typing 'holguin' selected {body.get_attribute('data-selected')!r}")
    driver.find_element(By.CSS_SELECTOR, "#panel ul.meetings a").click()
    if "Evidence" not in driver.find_element(By.ID, "panel").text:
        failures.append("clicking a meeting shows no evidence")

    # Filters hide what they should.
    driver.find_element(By.CSS_SELECTOR, "#filters summary").click()
    driver.find_element(By.CSS_SELECTOR, "#kinds input[value='event']").click()
    status = driver.find_element(By.ID, "status").text
    events = sum(1 for n in elements["nodes"] if n["data"]["kind"] == "event")
    if f"{nodes - events} of {nodes} entities" not in status:
        failures.append(f"hiding events gives status {status!r}")

    errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
    failures.extend(f"console: {entry['message']}" for entry in errors)
finally:
    driver.quit()

if failures:
    print("page check FAILED:\n  " + "\n  ".join(failures))
    sys.exit(1)
print(f"page check: {page.name} loads without console errors, shows {nodes} entities and {edges} facts, "
      "#q=Blinken selects him and lists his meetings, search, evidence and filters work")
