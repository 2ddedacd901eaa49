"""Opens graphs/newsgraph.html in headless Chromium and checks that it works.

Usage: python3 .ci/check_page.py graphs/newsgraph.html graphs/newsgraph.json [SCREENSHOT_DIR]

Checks: the page opens fitted to the screen (every entity in view); zoom (the
wheel and the buttons) changes the zoom level; clicking an entity highlights
it and lists its facts with their evidence; #q=Blinken selects him, and
the panel's Meetings count, rows and left-out colleagues are those of
`newsgraph who-met Blinken` (the binary in target/release, or
$NEWSGRAPH_BIN); #q=Washington lists the candidates instead of picking one;
the time slider hides later facts; the kind filter hides entities; no console errors.
With SCREENSHOT_DIR, writes page-*.png there to look at.
"""
import json
import os
import pathlib
import re
import subprocess
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

page = pathlib.Path(sys.argv[1]).resolve()
elements = json.loads(pathlib.Path(sys.argv[2]).read_text())["elements"]
shots = pathlib.Path(sys.argv[3]) if len(sys.argv) > 3 else None
if shots:
    shots.mkdir(parents=True, exist_ok=True)
# What the command line says of Blinken's meetings, for the panel to say the same.
root = pathlib.Path(__file__).resolve().parent.parent
binary = os.environ.get("NEWSGRAPH_BIN", str(root / "target" / "release" / "newsgraph"))
who_met = json.loads(subprocess.run([binary, "who-met", "Blinken", "--format", "json"], cwd=root,
                                    check=True, capture_output=True, text=True).stdout)

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--window-size=1600,1000"]:
    options.add_argument(flag)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
failures = []


def open_page(fragment=""):
    # A fresh load each time: a changed fragment alone would not reload.
    driver.get("about:blank")
    driver.get(page.as_uri() + fragment)
    WebDriverWait(driver, 15).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true")
    return driver.find_element(By.TAG_NAME, "body")


def shot(name):
    if shots:
        driver.save_screenshot(str(shots / f"page-{name}.png"))


def js(script):
    return driver.execute_script("const cy = window.newsgraph.cy;\n" + script)


def outside_view():
    """The entities drawn outside the visible part of the graph."""
    return js("""
        const e = cy.extent();
        return cy.nodes().not('.hidden').filter((n) => {
            const b = n.boundingBox();
            return b.x1 < e.x1 - 1 || b.x2 > e.x2 + 1 || b.y1 < e.y1 - 1 || b.y2 > e.y2 + 1;
        }).map((n) => n.id());""")


try:
    # Opens fitted: every entity on screen, none cut off.
    body = open_page()
    nodes, edges = int(body.get_attribute("data-nodes")), int(body.get_attribute("data-edges"))
    if (nodes, edges) != (len(elements["nodes"]), len(elements["edges"])):
        failures.append(f"page shows {nodes} nodes and {edges} edges, the export has "
                        f"{len(elements['nodes'])} and {len(elements['edges'])}")
    drawn = js("return cy.nodes().length;")
    if drawn != nodes:
        failures.append(f"{drawn} of {nodes} entities are drawn")
    cut = outside_view()
    if cut:
        failures.append(f"the page does not open fitted: {cut[:5]} are outside the view")
    size = js("return [cy.width(), cy.height()];")
    if size[0] < 600 or size[1] < 400:
        failures.append(f"the graph gets only {size} pixels")
    shot("fitted")

    # Zoom: the mouse wheel and the + button change the zoom level.
    start = float(body.get_attribute("data-zoom"))
    canvas = driver.find_element(By.ID, "picture")
    for _ in range(3):
        ActionChains(driver).scroll_from_origin(ScrollOrigin.from_element(canvas), 0, -300).perform()
    wheel = js("return cy.zoom();")
    if not wheel > start * 1.02:
        failures.append(f"the mouse wheel did not zoom in ({start} -> {wheel})")
    driver.find_element(By.ID, "zoom-in").click()
    button = js("return cy.zoom();")
    if not button > wheel * 1.2:
        failures.append(f"the + button did not zoom in ({wheel} -> {button})")
    if not outside_view():
        failures.append("zoomed in, every entity is still in view")
    shot("zoomed")
    driver.find_element(By.ID, "fit").click()
    if outside_view():
        failures.append("Fit leaves entities outside the view")

    # Clicking an entity highlights its neighbourhood and shows its facts.
    x, y = js("const p = cy.getElementById('juan-carlos-holguin').renderedPosition(); return [p.x, p.y];")
    ActionChains(driver).move_to_element_with_offset(canvas, 0, 0).perform()
    rect = canvas.rect
    ActionChains(driver).move_to_element_with_offset(
        canvas, int(x - rect["width"] / 2), int(y - rect["height"] / 2)).click().perform()
    if body.get_attribute("data-selected") != "juan-carlos-holguin":
        failures.append(f"clicking Holguín selected {body.get_attribute('data-selected')!r}")
    faded = js("return [cy.elements('.faded').length, cy.getElementById('juan-carlos-holguin').closedNeighborhood().filter('.faded').length];")
    if faded[0] == 0 or faded[1] != 0:
        failures.append(f"the neighbourhood is not highlighted (faded: {faded})")
    panel = driver.find_element(By.ID, "panel")
    if "Meetings" not in panel.text or not panel.find_elements(By.CSS_SELECTOR, "ul.meetings blockquote"):
        failures.append("the panel lists no meetings with their evidence sentences")

    # #q=Blinken selects him and lists his meetings.
    body = open_page("#q=Blinken")
    if body.get_attribute("data-selected") != "antony-blinken":
        failures.append(f"#q=Blinken selected {body.get_attribute('data-selected')!r}")
    panel = driver.find_element(By.ID, "panel").text
    for expected in ["Antony Blinken", "Meetings", "Juan Carlos Holguín", "Guillermo Lasso", "Alicia Bárcena"]:
        if expected not in panel:
            failures.append(f"the panel for Blinken lacks {expected!r}")
    # The panel says what `who-met Blinken` says: its encounters, counterparts
    # and the colleagues on his own side it leaves out.
    heading = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "#panel h3") if h.text.startswith("Meetings")]
    shown = int(re.fullmatch(r"Meetings \((\d+)\)", heading[0]).group(1)) if heading else None
    if shown != len(who_met["encounters"]):
        failures.append(f"the panel heads Blinken's meetings {heading}, who-met lists "
                        f"{len(who_met['encounters'])} encounters")
    rows = len(driver.find_elements(By.CSS_SELECTOR, "#panel ul.meetings > li"))
    if rows != len(who_met["encounters"]):
        failures.append(f"the panel lists {rows} meetings of Blinken, who-met {len(who_met['encounters'])}")
    counterparts = len({row["counterpart"] for row in who_met["encounters"]})
    left_out = who_met["own_side_left_out"]
    def counted(k, one, many):
        return f"{k} {one if k == 1 else many}"
    summary = (counted(len(who_met["encounters"]), "encounter", "encounters") + " with "
               + counted(counterparts, "counterpart", "counterparts"))
    if left_out:
        summary += "; " + counted(left_out, "colleague", "colleagues") + " on the same side left out"
    if summary not in panel:
        failures.append(f"the panel for Blinken does not say {summary!r}")
    shot("blinken")

    # An ambiguous name lists the candidates and picks none.
    body = open_page("#q=Washington")
    if body.get_attribute("data-selected"):
        failures.append(f"#q=Washington picked {body.get_attribute('data-selected')!r}")
    if body.get_attribute("data-candidates") != "2":
        failures.append(f"#q=Washington lists {body.get_attribute('data-candidates')!r} candidates, not 2")
    candidates = [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#panel ul.candidates a")]
    if candidates != ["United States", "Washington, D.C."]:
        failures.append(f"#q=Washington lists {candidates}")
    shot("ambiguous")
    driver.find_elements(By.CSS_SELECTOR, "#panel ul.candidates a")[1].click()
    if body.get_attribute("data-selected") != "washington-dc":
        failures.append("choosing a candidate does not select it")

    # Typing a name selects it; clicking a fact shows its evidence.
    box = driver.find_element(By.ID, "search")
    box.clear()
    box.send_keys("holguin", Keys.ENTER)
    if body.get_attribute("data-selected") != "juan-carlos-holguin":
        failures.append(f"typing 'holguin' selected {body.get_attribute('data-selected')!r}")
    driver.find_element(By.CSS_SELECTOR, "#panel ul.meetings a").click()
    if "Evidence" not in driver.find_element(By.ID, "panel").text:
        failures.append("clicking a meeting shows no evidence")

    # The time slider: moving its end back hides the later facts.
    body = open_page()
    before = int(body.get_attribute("data-visible-edges"))
    until = driver.find_element(By.ID, "until")
    for _ in range(8):
        until.send_keys(Keys.ARROW_LEFT)
    after = int(body.get_attribute("data-visible-edges"))
    bound = driver.find_element(By.ID, "until-label").text
    if not after < before:
        failures.append(f"moving the time slider back hides no fact ({before} -> {after})")
    visible_dates = js("return cy.edges().not('.hidden').map((e) => e.id());")
    dated = {e["data"]["id"]: e["data"].get("date") for e in elements["edges"]}
    later = [i for i in visible_dates if not dated[i] or (dated[i] + "-01-01")[:10] > bound]
    if later:
        failures.append(f"facts after {bound} or undated still shown: {later[:5]}")
    shot("until-" + bound)

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
print(f"page check: {page.name} opens fitted with {nodes} entities and {edges} facts, zooms (wheel and "
      "buttons), highlights a clicked entity's neighbourhood, #q=Blinken selects him and counts "
      f"{len(who_met['encounters'])} meetings as who-met does, #q=Washington "
      f"lists 2 candidates, the time slider hides later facts ({before} -> {after} up to {bound}), "
      "search, evidence and filters work, no console errors")
