"""A real chat-completions server on 127.0.0.1 for the LLM engine's tests, one behaviour per mode.

The answers quote the sample article (tests/devset/000_26411969a0d151c5.txt) with straight apostrophes and
odd spacing where the article has curly ones, so locating a quote needs the normalisation a real model's
output needs.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from socketserver import ThreadingMixIn

GOOD = {
    "bluf": {
        "text": "Iraq's government is moving to end the US-led coalition's presence, but analysts judge a "
                "complete ouster of US forces unlikely.",
        "quotes": ["Iraq's government is taking steps to require the withdrawal of the United States-led "
                   "military coalition",
                   "according to Prime Minister  Mohammed Shia' al-Sudani",
                   "analysts suggest that political cross-pressures make a complete ouster of US forces "
                   "unlikely"],
    },
    "key_judgments": [
        {"text": "The government's stated aim is full sovereignty over Iraqi land and air.",
         "quotes": ["\u201cThe goal is to restore complete national sovereignty over Iraqi land and "
                    "skies.\u201d"]},
        {"text": "The Baghdad strike on a militia leader raised pressure to demand the withdrawal of US "
                 "forces.",
         "quotes": ["resulted in the death of a militia leader and one of his associates. This strike has "
                    "intensified internal political pressure"]},
        {"text": "About 2,500 US military personnel remain in Iraq with the coalition.",
         "quotes": ["approximately 2,500 US military personnel are stationed in Iraq"]},
    ],
    "tension_assessment": {
        "text": "The government must balance its claim to sovereignty against the risk that a withdrawal "
                "leaves a power vacuum.",
        "quotes": ["reflects a broader struggle to balance national sovereignty with the need for security",
                   "could create a power vacuum, further exacerbating the security situation in Iraq"],
    },
    "new_actors": [
        {"name": "Pat Ryder", "type": "person", "role": "Pentagon press secretary",
         "quotes": ["According to Air Force Maj. Gen. Pat Ryder, the Pentagon press secretary"]},
        {"name": "Iraqi government", "type": "government_body", "role": "plans the coalition's withdrawal",
         "quotes": ["the Iraqi government's intention to withdraw US-led coalition forces"]},
    ],
}

# Statements a model might invent; each must be kept out of the brief and listed as unsupported.
INVENTED = {
    "bluf": {"text": "Iraq has ordered all coalition troops out by March.",
             "quotes": ["Iraq has ordered all coalition troops to leave the country by March"]},
    "key_judgments": [
        {"text": "Russia offered to replace the coalition's air support.",
         "quotes": ["Russia has offered to replace the coalition with its own air support"]},
        {"text": "Sovereignty is the goal and Wagner forces stand ready to fill the gap.",
         "quotes": ["The goal is to restore complete national sovereignty over Iraqi land and skies.",
                    "Wagner forces stand ready to fill the gap left by the coalition"]},
        {"text": "Turkey will send 5,000 troops to stop a power vacuum.",
         "quotes": ["could create a power vacuum, further exacerbating the security situation in Iraq"]},
        {"text": "Iraq wants the coalition gone.", "quotes": ["Iraq"]},
    ],
    "tension_assessment": {"text": "Sovereignty has already won: the last coalition base closed last week.",
                           "quotes": ["the last coalition base in Iraq closed its gates last week"]},
    "new_actors": [
        {"name": "Wagner Group", "type": "armed_group", "role": "mercenaries filling the gap",
         "quotes": ["Wagner Group mercenaries arrived in Baghdad"]},
        {"name": "Russian Armed Forces", "type": "government_body", "role": "offers air support",
         "quotes": ["The goal is to restore complete national sovereignty over Iraqi land and skies."]},
    ],
}

# The good answer with the invented statements mixed in: the genuine ones must survive, the others not.
MIXED = {
    "bluf": INVENTED["bluf"],
    "key_judgments": [*GOOD["key_judgments"], *INVENTED["key_judgments"]],
    "tension_assessment": GOOD["tension_assessment"],
    "new_actors": [*GOOD["new_actors"], *INVENTED["new_actors"]],
}
ANSWERS = {"good": GOOD, "invented": INVENTED, "mixed": MIXED}

MODES = ("good", "invented", "mixed", "prose", "error500", "slow", "json_mode_only", "refusal", "flaky",
         "unauthorized")


class _Server(ThreadingMixIn, HTTPServer):
    # Handler threads are joined on close, so no test leaves one running behind it.
    daemon_threads = False
    block_on_close = True
    chat: ChatServer

    def handle_error(self, request, client_address):
        """A client that gave up (the timeout tests) closes its socket before the late reply: expected."""


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_POST(self):  # noqa: N802 - the name http.server dispatches to
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._send(404, {"error": {"message": f"no route {self.path}"}})
            return
        self._send(*self.server.chat.reply(body))

    def _send(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format, *args):  # noqa: A002 - keeps test output clean
        pass


class ChatServer:
    """`with ChatServer("good") as server:` serves at server.base_url; server.requests holds what came in and
    server.arrivals when (time.monotonic()). `mode` may be changed while it serves."""

    def __init__(self, mode: str, *, delay: float = 10.0) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; known: {', '.join(MODES)}")
        self.mode = mode
        self.delay = delay
        self.requests: list[dict] = []
        self.arrivals: list[float] = []
        self._lock = threading.Lock()
        self._closing = threading.Event()
        self._httpd = _Server(("127.0.0.1", 0), _Handler)
        self._httpd.chat = self
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05})

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def __enter__(self) -> ChatServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._closing.set()  # wakes slow replies so their threads can be joined at once
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    def reply(self, body: dict) -> tuple[int, dict]:
        with self._lock:
            self.requests.append(body)
            self.arrivals.append(time.monotonic())
            count = len(self.requests)
        wants_schema = body.get("response_format", {}).get("type") == "json_schema"
        if self.mode == "error500" or (self.mode == "flaky" and count == 1):
            return 500, {"error": {"message": "The server had an error", "type": "server_error"}}
        if self.mode == "unauthorized":
            return 401, {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error"}}
        if self.mode == "json_mode_only" and wants_schema:
            return 400, {"error": {"message": "response_format type json_schema is not supported",
                                   "type": "invalid_request_error", "param": "response_format"}}
        if self.mode == "slow" and self._closing.wait(self.delay):
            return 503, {"error": {"message": "shutting down"}}
        if self.mode == "prose":
            return 200, completion(body, "Iraq wants the coalition to leave; analysts doubt it will happen.")
        if self.mode == "refusal":
            return 200, completion(body, None, refusal="I can't help with that.")
        return 200, completion(body, json.dumps(ANSWERS.get(self.mode, GOOD)))


def completion(body: dict, content: str | None, *, refusal: str | None = None) -> dict:
    return {
        "id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": body.get("model", ""),
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": content, "refusal": refusal}}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }
