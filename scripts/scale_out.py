"""The scaled-out topology, run for real on one machine, with consistency and exactly-once checks.

    python scripts/scale_out.py [--database kam_scale] [--rounds 60] [--clients 4] [--keep DIR]

Starts, as separate processes (DESIGN.md section 5, the Procfile's `web` x2 and `clock`):

- a Chroma server: `chroma run --path DIR --host 127.0.0.1 --port P`;
- `kam db upgrade`, `kam demo` and `kam reindex` against a fresh PostgreSQL database
  (`--database`, created on 127.0.0.1:5432 as user postgres, dropped and re-created each run);
- two `kam serve` processes on two ports and one `kam scheduler`, all with the same
  DATABASE_URL, CHROMA_HOST/CHROMA_PORT, SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and
  SLACK_API_URL pointing at a fake Slack Web API server in this process
  (tests/support/fake_slack.py), which records every call.

Then drives signed traffic (tests/support/signing.py) from several client threads, each
request to the two web processes in turn: slash commands (`account`, `stakeholders`, `plan`,
`score`, `accounts key`, `help`), @mentions and DMs, "run this command" button clicks, a
retried event delivered once to each web process, and meeting logs, half as `/kam log`
one-liners and half through the *Log as meeting* message shortcut, whose modal is opened by one
web process and whose account picker and submission go to the other. It then lets reminders
fall due: the scheduler's own tick, and two concurrent `kam run-due --at` passes (a second
and a third clock) at instants ahead, run again.

Checks, each a violation (exit 1) when it fails:
- no web process started a clock; the job store (table `apscheduler_jobs`) holds exactly one job;
- every request was acknowledged with 200 and answered exactly once (one response_url post per command);
- a retried event (same event_id, X-Slack-Retry-Num) sent to both web processes is answered once;
- every logged meeting is in the database exactly once (one note, one interaction), its note
  is indexed (indexed_at set) and is in the shared Chroma server; the Chroma collection holds
  exactly the workspace's notes;
- exactly-once delivery: no idempotency key appears twice in the fake Slack's record of
  chat.postMessage calls, every sent outbox row was posted exactly once, nothing is stuck.

Prints a summary (with the machine's load average) and exits 0 when nothing was violated.
Logs of every process are kept in the work directory (a temp dir, or --keep DIR).
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

from support import signing  # noqa: E402
from support.fake_slack import FakeSlack  # noqa: E402

BIN = Path(sys.executable).parent
KAM = str(BIN / "kam")
CHROMA = str(BIN / "chroma")
TEAM = "T_SCALE"
SECRET = "scale-out-signing-secret"
ADMIN = "U0DEMORACH"  # the demo's admin (KAM_ADMINS): may log meetings on every account
LOG_FORM_MESSAGE = "plans_log_message"
ACCOUNT_PICK = "plans:account_pick"


# =========================================================================== processes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_average() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


class Processes:
    """Every process this script starts, stopped (by its own handle) at the end."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.running: dict[str, subprocess.Popen] = {}
        self.logs: dict[str, Path] = {}

    def start(self, name: str, argv: list[str], env: dict) -> subprocess.Popen:
        path = self.workdir / f"{name}.log"
        handle = open(path, "w")
        process = subprocess.Popen(argv, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
        handle.close()
        self.running[name], self.logs[name] = process, path
        return process

    def check_alive(self) -> None:
        for name, process in self.running.items():
            if process.poll() is not None:
                raise SystemExit(f"{name} exited with {process.returncode}; see {self.logs[name]}:\n"
                                 f"{self.logs[name].read_text()[-3000:]}")

    def log(self, name: str) -> str:
        return self.logs[name].read_text(errors="replace")

    def stop_all(self) -> None:
        for process in self.running.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for name, process in self.running.items():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)


def run(argv: list[str], env: dict, timeout: float = 600) -> str:
    result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result.stdout.strip()


def wait_http(url: str, process: subprocess.Popen, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} exited with {process.returncode} before it answered {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.25)
    raise SystemExit(f"{what} did not answer {url} within {timeout:.0f} s")


def fresh_database(base_url: str, name: str) -> str:
    import psycopg

    if name in ("test", "postgres", "template0", "template1"):
        raise SystemExit(f"refusing to drop and re-create database {name!r}: pass --database with your own name")
    with psycopg.connect(f"{base_url}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return f"{base_url}/{name}"


# =========================================================================== traffic


class Traffic:
    """Signed requests to the web processes in turn; what each was answered."""

    def __init__(self, urls: list[str], fake: FakeSlack):
        self.urls = urls
        self.fake = fake
        self._turn = 0
        self._lock = threading.Lock()
        self.acks: list[float] = []
        self.statuses: collections.Counter = collections.Counter()
        self.per_process: collections.Counter = collections.Counter()
        self.expected_replies: list[str] = []  # response_url names that must be posted exactly once
        self.failures: list[str] = []

    def next_url(self) -> str:
        with self._lock:
            url = self.urls[self._turn % len(self.urls)]
            self._turn += 1
            return url

    def post(self, body: str, content_type: str, url: str | None = None, headers: dict | None = None) -> tuple:
        url = url or self.next_url()
        started = time.perf_counter()
        status, _, text = signing.post_signed(url, body, content_type, SECRET, extra_headers=headers, timeout=30)
        elapsed = time.perf_counter() - started
        with self._lock:
            self.acks.append(elapsed)
            self.statuses[status] += 1
            self.per_process[url] += 1
        if status != 200:
            self.failures.append(f"HTTP {status} from {url}: {text[:200]}")
        return status, text

    def command(self, text: str, name: str, url: str | None = None, user: str = ADMIN) -> None:
        body, content_type = signing.slash_command_body(text, team_id=TEAM, user_id=user, channel_id="C_SCALE",
                                                         response_url=self.fake.response_url(name))
        with self._lock:
            self.expected_replies.append(name)
        self.post(body, content_type, url)

    def button(self, command_line: str, name: str) -> None:
        payload = signing.block_action_payload("kam_run", command_line, user_id=ADMIN, team_id=TEAM,
                                               channel_id="C_SCALE", response_url=self.fake.response_url(name))
        with self._lock:
            self.expected_replies.append(name)
        self.post(*signing.interaction_body(payload))

    def mention(self, text: str, channel: str = "C_SCALE", dm: bool = False) -> str:
        ts = signing.new_ts()
        event = signing.message_event(text if dm else f"<@U_BOT> {text}", user_id=ADMIN, channel_id=channel, ts=ts,
                                      team_id=TEAM, event_type="message" if dm else "app_mention")
        self.post(*signing.event_body(event, team_id=TEAM))
        return ts


def drive(traffic: Traffic, accounts: list[tuple[int, str]], rounds: int, clients: int, marker: str,
          fake: FakeSlack) -> dict[str, int]:
    """`rounds` rounds of mixed traffic from `clients` threads; returns how many meetings were logged each way."""
    logged = collections.Counter()
    markers: list[str] = []
    lock = threading.Lock()
    queue = iter(range(rounds))

    def one_round(i: int) -> None:
        rng = random.Random(i)
        account_id, name = rng.choice(accounts)
        short = name.split()[0]
        # (`score` without values opens a modal for an admin: no response_url answer to count)
        traffic.command(rng.choice(["account", "stakeholders", "plan", "next"]) + f" {short}", f"cmd{i}")
        traffic.command(rng.choice(["accounts key", "help", "swot " + short]), f"cmd{i}b")
        traffic.button(f"account {short}", f"btn{i}")
        if i % 3 == 0:
            traffic.mention(f"account {short}")
        if i % 5 == 0:
            traffic.mention(f"who are the decision makers at {short}?", channel=f"D_SCALE{i}", dm=True)
        tag = f"{marker}{i:04d}"
        if i % 2 == 0:
            traffic.command(f"log {name} met the CFO today, review of the rollout, reference {tag}; positive about the "
                            f"renewal", f"log{i}")
            how = "slash"
        else:
            log_by_shortcut(traffic, fake, account_id, f"Call notes: rollout on track, reference {tag}.", i)
            how = "shortcut"
        with lock:
            logged[how] += 1
            markers.append(tag)

    def client() -> None:
        while True:
            with lock:
                i = next(queue, None)
            if i is None:
                return
            try:
                one_round(i)
            except Exception as exc:  # noqa: BLE001 - recorded as a violation
                traffic.failures.append(f"round {i}: {exc!r}")

    threads = [threading.Thread(target=client, name=f"client{k}") for k in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    logged["markers"] = markers  # type: ignore[assignment]
    return logged


def log_by_shortcut(traffic: Traffic, fake: FakeSlack, account_id: int, text: str, i: int) -> None:
    """Message shortcut to one web process; the modal's account picker and submission to the other."""
    first = traffic.next_url()
    other = traffic.urls[(traffic.urls.index(first) + 1) % len(traffic.urls)]
    trigger = signing.new_trigger_id()
    payload = signing.message_shortcut_payload("log_as_meeting", text, user_id=ADMIN, team_id=TEAM,
                                               channel_id="C_SCALE", trigger_id=trigger,
                                               response_url=fake.response_url(f"short{i}"))
    traffic.post(*signing.interaction_body(payload), url=first)
    view = _opened_view(fake, trigger)
    suggestion = {"type": "block_suggestion", "user": {"id": ADMIN, "team_id": TEAM}, "team": {"id": TEAM},
                  "api_app_id": signing.DEFAULT_APP_ID, "token": signing.VERIFICATION_TOKEN,
                  "action_id": ACCOUNT_PICK, "block_id": "account", "value": "",
                  "view": {"id": "V_SCALE", "team_id": TEAM, "type": "modal", "callback_id": LOG_FORM_MESSAGE,
                           "private_metadata": view.get("private_metadata", "")}}
    status, answer = traffic.post(urlencode({"payload": json.dumps(suggestion)}), signing.FORM, url=other)
    if status == 200 and answer and not any(o.get("value") for o in json.loads(answer).get("options", [])):
        traffic.failures.append(f"account picker offered no account: {answer[:200]}")
    notes = next((b.get("element", {}).get("initial_value") for b in view.get("blocks", [])
                  if b.get("block_id") == "notes"), text)
    state = {"account": {ACCOUNT_PICK: {"type": "external_select", "selected_option": {"value": str(account_id)}}},
             "notes": {"plans:notes": {"type": "plain_text_input", "value": notes}},
             "date": {"plans:date": {"type": "datepicker", "selected_date": None}}}
    submission = signing.view_submission_payload(LOG_FORM_MESSAGE, state, user_id=ADMIN, team_id=TEAM,
                                                 private_metadata=view.get("private_metadata", ""))
    status, answer = traffic.post(*signing.interaction_body(submission), url=other)
    if status == 200 and "errors" in (answer or ""):
        traffic.failures.append(f"log form refused: {answer[:300]}")


def _opened_view(fake: FakeSlack, trigger: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for call in fake.calls("views.open"):
            if call.args.get("trigger_id") == trigger:
                return call.args["view"]
        time.sleep(0.02)
    raise AssertionError("the Log as meeting modal was never opened")


# =========================================================================== checks


def check(args, container, fake: FakeSlack, traffic: Traffic, markers: list[str], procs: Processes,
          retried_ts: str, violations: list[str]) -> dict:
    from sqlalchemy import text as sql
    from sqlmodel import func, select

    from kam_domain.models import Delivery, Interaction, Note

    facts: dict = {}
    # -- clocks
    for name in ("web1", "web2"):
        if "clock started" in procs.log(name) or "apscheduler" in procs.log(name).lower():
            violations.append(f"{name} started a scheduler")
    with container.engine.connect() as connection:
        jobs = connection.execute(sql("SELECT id FROM apscheduler_jobs")).scalars().all()
    facts["jobs"] = jobs
    if jobs != ["kam-clock"]:
        violations.append(f"job store holds {jobs}, expected exactly ['kam-clock']")
    if "clock tick" not in procs.log("scheduler"):
        violations.append("the kam scheduler process never ran its tick")
    # -- every request answered exactly once
    replies = collections.Counter(c.args.get("_name") for c in fake.calls("response_url"))
    missing = [n for n in traffic.expected_replies if replies[n] == 0]
    doubled = [n for n in traffic.expected_replies if replies[n] > 1]
    facts["replies"] = (len(traffic.expected_replies), len(missing), len(doubled))
    if missing:
        violations.append(f"{len(missing)} commands never answered, e.g. {missing[:5]}")
    if doubled:
        violations.append(f"{len(doubled)} commands answered more than once, e.g. {doubled[:5]}")
    bad = [c.args.get("_name") for c in fake.calls("response_url")
           if "went wrong" in json.dumps(c.args) or "reference" in str(c.args.get("text", "")).lower()
           and "Sorry" in json.dumps(c.args)]
    if bad:
        violations.append(f"{len(bad)} replies were error messages, e.g. {bad[:5]}")
    thread_replies = [c for c in fake.calls("chat.postMessage") if c.args.get("thread_ts") == retried_ts]
    facts["retried_event_replies"] = len(thread_replies)
    if len(thread_replies) != 1:
        violations.append(f"a retried event sent to both web processes was answered {len(thread_replies)} times")
    # -- meetings: in the database exactly once, indexed, in the shared Chroma
    deadline = time.monotonic() + args.index_timeout
    while True:
        with container.uow() as uow:
            rows = uow.session.exec(select(Note.id, Note.body, Note.indexed_at).where(Note.team_id == TEAM)).all()
        found = {tag: [r for r in rows if tag in r.body] for tag in markers}
        unindexed = [tag for tag, notes in found.items() if any(r.indexed_at is None for r in notes)]
        if not unindexed or time.monotonic() > deadline:
            break
        time.sleep(1)
    facts["unindexed_after_wait"] = len(unindexed)
    wrong = {tag: len(notes) for tag, notes in found.items() if len(notes) != 1}
    if wrong:
        violations.append(f"{len(wrong)} logged meetings not in the database exactly once: {list(wrong.items())[:5]}")
    note_ids = {r.id for notes in found.values() for r in notes}
    with container.uow() as uow:
        interactions = collections.Counter(uow.session.exec(
            select(Interaction.note_id).where(Interaction.team_id == TEAM, Interaction.note_id.in_(note_ids))).all())
        total_notes = uow.session.exec(select(func.count()).select_from(Note).where(Note.team_id == TEAM)).one()
    if sorted(interactions) != sorted(note_ids) or any(v != 1 for v in interactions.values()):
        violations.append(f"meeting notes without exactly one interaction: {len(note_ids - set(interactions))} "
                          f"missing, {sum(1 for v in interactions.values() if v != 1)} doubled")
    if unindexed:
        violations.append(f"{len(unindexed)} logged meetings still not indexed after {args.index_timeout:.0f} s, "
                          f"e.g. {unindexed[:5]}")
    in_chroma = container.notes_index.note_ids(TEAM)
    facts["notes"] = (total_notes, len(in_chroma), len(note_ids))
    if not note_ids <= in_chroma:
        violations.append(f"{len(note_ids - in_chroma)} logged meeting notes missing from the Chroma server")
    if len(in_chroma) != total_notes:
        violations.append(f"Chroma holds {len(in_chroma)} notes, the database {total_notes}")
    # -- exactly-once delivery
    keys = collections.Counter()
    for call in fake.calls("chat.postMessage"):
        metadata = call.args.get("metadata") or {}
        key = (metadata.get("event_payload") or {}).get("key")
        if key:
            keys[key] += 1
    twice = {k: n for k, n in keys.items() if n > 1}
    with container.uow() as uow:
        statuses = collections.Counter(uow.session.exec(select(Delivery.status).where(Delivery.team_id == TEAM)).all())
        sent_keys = set(uow.session.exec(select(Delivery.idempotency_key).where(
            Delivery.team_id == TEAM, Delivery.status == "sent")).all())
    facts["deliveries"] = dict(statuses)
    facts["keys_posted"] = len(keys)
    if twice:
        violations.append(f"{len(twice)} idempotency keys posted more than once, e.g. {list(twice.items())[:3]}")
    if sent_keys != set(keys):
        violations.append(f"outbox 'sent' rows and posted keys differ: {len(sent_keys - set(keys))} sent but not "
                          f"posted, {len(set(keys) - sent_keys)} posted but not marked sent")
    if statuses.get("sending"):
        violations.append(f"{statuses['sending']} deliveries stuck in 'sending'")
    if not keys:
        violations.append("no reminder was delivered at all: the exactly-once check proved nothing")
    return facts


# =========================================================================== main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432",
                        help="server URL without a database name")
    parser.add_argument("--database", default="kam_scale", help="dropped and re-created each run (never 'test')")
    parser.add_argument("--rounds", type=int, default=60, help="traffic rounds (one meeting logged per round)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent client threads")
    parser.add_argument("--index-timeout", type=float, default=90.0,
                        help="seconds to wait for logged notes to be indexed")
    parser.add_argument("--keep", type=Path, default=None, help="keep logs and the Chroma directory here")
    args = parser.parse_args()

    started = time.monotonic()
    load_start = load_average()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="kam-scale-out-"))
    if args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
        workdir.mkdir(parents=True)
    database_url = fresh_database(args.postgres, args.database)
    procs = Processes(workdir)
    violations: list[str] = []
    timings: dict[str, float] = {}
    with FakeSlack(team_id=TEAM, strict=False) as fake:
        fake.set_response("conversations.history", {"ok": True, "messages": [], "has_more": False})
        chroma_port, web_ports = free_port(), [free_port(), free_port()]
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "KAM_", "DATABASE_URL", "CHROMA_"))}
        env.update(DATABASE_URL=database_url, CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(chroma_port),
                   SLACK_API_URL=fake.base_url, SLACK_BOT_TOKEN="xoxb-scale", SLACK_SIGNING_SECRET=SECRET,
                   KAM_TEAM_ID=TEAM, KAM_ADMINS=ADMIN, KAM_TIMEZONE="UTC", KAM_DIGEST_CHANNEL="C_DIGEST",
                   KAM_DATA_DIR=str(workdir / "unused-data-dir"), HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False")
        try:
            chroma = procs.start("chroma", [CHROMA, "run", "--path", str(workdir / "chroma"), "--host", "127.0.0.1",
                                            "--port", str(chroma_port)], env)
            wait_http(f"http://127.0.0.1:{chroma_port}/api/v2/heartbeat", chroma, "chroma run")
            step = time.monotonic()
            run([KAM, "db", "upgrade"], env)
            demo = run([KAM, "demo"], env)
            reindexed = run([KAM, "reindex"], env)
            timings["migrate, demo, reindex"] = time.monotonic() - step
            step = time.monotonic()
            procs.start("scheduler", [KAM, "scheduler"], env)
            webs = [procs.start(f"web{k + 1}", [KAM, "serve", "--host", "127.0.0.1", "--port", str(port)], env)
                    for k, port in enumerate(web_ports)]
            for web, port in zip(webs, web_ports):
                wait_http(f"http://127.0.0.1:{port}/healthz", web, f"kam serve on {port}")
            timings["start 2 web + 1 clock"] = time.monotonic() - step
            urls = [f"http://127.0.0.1:{port}/slack/events" for port in web_ports]

            from bot.bootstrap import Container
            from bot.settings import load_settings
            from kam_domain.models import Account
            from sqlmodel import select

            container = Container(load_settings(DATABASE_URL=database_url, CHROMA_HOST="127.0.0.1",
                                                CHROMA_PORT=chroma_port, KAM_TEAM_ID=TEAM,
                                                KAM_DATA_DIR=str(workdir / "unused-data-dir")))
            with container.uow() as uow:
                accounts = [(a.id, a.name) for a in uow.session.exec(
                    select(Account).where(Account.team_id == TEAM).order_by(Account.id)).all()]
            traffic = Traffic(urls, fake)
            # Warm both processes (the first request loads the embedding model in each).
            for k, url in enumerate(urls):
                traffic.command(f"swot {accounts[0][1].split()[0]}", f"warm{k}", url=url)
            fake.wait_for("response_url", count=2, timeout=180)

            step = time.monotonic()
            marker = f"SCALE{int(time.time()) % 100000:05d}R"
            logged = drive(traffic, accounts, args.rounds, args.clients, marker, fake)
            markers = logged.pop("markers")
            # One retried event: Slack re-delivers the same event_id, here to the other process.
            event = signing.message_event("<@U_BOT> account " + accounts[1][1].split()[0], user_id=ADMIN,
                                          channel_id="C_SCALE", team_id=TEAM, event_type="app_mention")
            body, content_type = signing.event_body(event, team_id=TEAM, event_id="EvSCALERETRY")
            traffic.post(body, content_type, url=urls[0])
            traffic.post(body, content_type, url=urls[1], headers={"X-Slack-Retry-Num": "1",
                                                                   "X-Slack-Retry-Reason": "http_timeout"})
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:
                answered = {c.args.get("_name") for c in fake.calls("response_url")}
                if all(n in answered for n in traffic.expected_replies):
                    break
                time.sleep(0.5)
            timings["traffic"] = time.monotonic() - step

            # Reminders: the clock's own tick has run at start; now two more clocks at once, ahead in time.
            step = time.monotonic()
            today = datetime.now(timezone.utc).replace(hour=9, minute=30, second=0, microsecond=0)
            run_due_reports = []
            for days in (1, 3, 8):
                instant = (today + timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")
                pair = [subprocess.Popen([KAM, "run-due", "--at", instant], env=env, stdout=subprocess.PIPE,
                                         stderr=subprocess.STDOUT, text=True) for _ in range(2)]
                outputs = [p.communicate(timeout=600)[0].strip() for p in pair]
                outputs.append(run([KAM, "run-due", "--at", instant], env))
                run_due_reports.append((instant, [o.splitlines()[-1] if o else "" for o in outputs]))
                if any(p.returncode != 0 for p in pair):
                    violations.append(f"kam run-due --at {instant} failed: {outputs}")
            timings["run-due x3 instants x3 clocks"] = time.monotonic() - step
            procs.check_alive()
            facts = check(args, container, fake, traffic, markers, procs, event["ts"], violations)
            violations.extend(traffic.failures[:20])
            errors = {name: procs.log(name).count("Traceback") for name in ("web1", "web2", "scheduler")}
            for name, count in errors.items():
                if count:
                    violations.append(f"{name} logged {count} tracebacks (see {procs.logs[name]})")
            container.notes_index.close()
            container.close()
        finally:
            procs.stop_all()

    from statistics import median

    acks = sorted(traffic.acks)
    p99 = acks[min(len(acks) - 1, round(0.99 * (len(acks) - 1)))]
    print("Scale-out run: PostgreSQL + Chroma server + 2 x kam serve + 1 x kam scheduler + fake Slack")
    print(f"  machine: {os.cpu_count()} cores; load average {load_start} at start, {load_average()} at end; "
          f"{time.monotonic() - started:.0f} s in all; logs in {workdir}")
    print(f"  seeded: {demo} | {reindexed}")
    print(f"  traffic: {sum(traffic.statuses.values())} signed requests ({dict(traffic.statuses)}), "
          f"per web process {[traffic.per_process[u] for u in urls]}; ack p50 {median(acks) * 1000:.0f} ms, "
          f"p99 {p99 * 1000:.0f} ms over {args.clients} clients")
    print(f"  replies: {facts['replies'][0]} commands and clicks, {facts['replies'][1]} unanswered, "
          f"{facts['replies'][2]} answered twice; retried event answered {facts['retried_event_replies']}x")
    print(f"  meetings logged: {dict(logged)}; notes in database / in Chroma / logged here: {facts['notes']}")
    print(f"  clock: job store {facts['jobs']}; deliveries {facts['deliveries']}; distinct keys posted "
          f"{facts['keys_posted']}")
    ticks = [line.split("clock tick: ", 1)[1] for line in procs.log("scheduler").splitlines() if "clock tick: " in line]
    print(f"  kam scheduler ticks: {ticks}")
    for instant, lines in run_due_reports:
        print(f"  run-due {instant}: " + " || ".join(lines))
    print("  timings: " + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items()))
    if violations:
        print(f"VIOLATIONS ({len(violations)}):")
        for violation in violations:
            print(f"  - {violation}")
        return 1
    print("OK: consistent, every meeting stored and indexed once, every reminder delivered exactly once")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
