"""Locust clients for the load benchmark (bench/load/run.py starts it headless; see bench/README.md).

Each simulated user is the supervision office of the benchmark's district, signed in by a session cookie made
by run.py (LOAD_SESSIONS, one per user: the load measures pages, not password hashing), and requests the pages
below one after the other without waiting. The targets come from the environment, written by run.py:
LOAD_DISTRICT, LOAD_YEAR, LOAD_DATE, LOAD_ITEM (a project year), LOAD_SESSIONS.
"""

import itertools
import os

from locust import HttpUser, between, constant, task

DISTRICT = os.environ.get("LOAD_DISTRICT", "")
YEAR = os.environ.get("LOAD_YEAR", "")
DATE = os.environ.get("LOAD_DATE", "")
ITEM = os.environ.get("LOAD_ITEM", "")
FRAME = f"district={DISTRICT}&year={YEAR}&date={DATE}"
SESSIONS = itertools.cycle(os.environ.get("LOAD_SESSIONS", "").split(","))
WAIT = float(os.environ.get("LOAD_WAIT", "0"))  # mean seconds a person looks at a page before the next one


class Office(HttpUser):
    wait_time = between(WAIT / 2, WAIT * 1.5) if WAIT else constant(0)

    def on_start(self):
        self.client.cookies.set("sessionid", next(SESSIONS), domain="127.0.0.1", path="/")

    def _get(self, name: str, url: str, expected: int = 200):
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != expected:
                response.failure(f"HTTP {response.status_code}")

    @task(2)
    def trivial(self):
        # The favicon redirect: routing, the middleware and the session, no query of duban's own.
        self._get("trivial view", "/favicon.ico", expected=301)

    @task(1)
    def login_page(self):
        # A page with a template and no data: the floor of a rendered page on this machine.
        self._get("login page", "/accounts/login/")

    @task(2)
    def dashboard(self):
        self._get("dashboard", f"/dashboard/?{FRAME}")

    @task(2)
    def status_list(self):
        self._get("status list", f"/tracking/status/?{FRAME}")

    @task(2)
    def item_page(self):
        self._get("item page", f"/tracking/items/project_year/{ITEM}/?date={DATE}")

    @task(2)
    def not_reported(self):
        self._get("not-reported list", f"/tracking/not-reported/?{FRAME}")

    @task(1)
    def api_project_years(self):
        self._get("API project years", f"/api/project-years?district_id={DISTRICT}&year={YEAR}")

    @task(1)
    def api_status(self):
        self._get("API status", f"/api/status?district_id={DISTRICT}&year={YEAR}&on_date={DATE}")

    @task(1)
    def api_reports(self):
        self._get("API reports", f"/api/reports?district_id={DISTRICT}&year={YEAR}")
