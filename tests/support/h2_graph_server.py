#!/usr/bin/env python3
"""A Graph-API-shaped HTTP/2 server over TLS, for Herald's tests.

Qt HttpServer 6.4 does not speak HTTP/2, and HTTP/2 over TLS is what Meta's servers negotiate:
this server lets the tests run Herald's sender through that path. It offers only "h2" by ALPN,
so a client that fell back to HTTP/1.1 fails loudly instead of passing unnoticed.

POST /{version}/{phone-number-id}/messages  accepts a send: a wamid after --latency-ms, 130429
    above --throughput sends per sliding second, and every --close-after-accept-every-th
    accepted send closes its whole connection without answering (every stream still waiting
    on it loses its answer too).
GET /__stats  what the server saw, as JSON: send requests, per-recipient counts, the peak of
    send requests in any sliding second, accepted sends whose answer never left.

Prints "PORT <n>" on standard output once it listens on 127.0.0.1. SIGTERM stops it.
"""

import argparse
import asyncio
import collections
import json
import signal
import ssl
import sys
import time

import h2.config
import h2.connection
import h2.events
import h2.exceptions


class State:
    def __init__(self, args):
        self.args = args
        self.send_requests = 0
        self.accepted = 0
        self.closed_after_accept = 0
        self.unanswered_accepted = 0
        self.received = collections.Counter()
        self.accepted_by = collections.Counter()
        self.admitted = collections.deque()  # accept times within the last second (throughput cap)
        self.last_second = collections.deque()  # send request times within the last second
        self.peak_per_second = 0
        self.throttled = 0
        self.wamid_seq = 0

    def note_send(self, now):
        self.send_requests += 1
        self.last_second.append(now)
        while self.last_second[0] <= now - 1.0:
            self.last_second.popleft()
        self.peak_per_second = max(self.peak_per_second, len(self.last_second))

    def admit(self, now):
        cap = self.args.throughput
        if cap <= 0:
            return True
        while self.admitted and self.admitted[0] <= now - 1.0:
            self.admitted.popleft()
        if len(self.admitted) >= cap:
            return False
        self.admitted.append(now)
        return True

    def stats(self):
        return {
            "sendRequests": self.send_requests,
            "accepted": self.accepted,
            "closedAfterAccept": self.closed_after_accept,
            "unansweredAccepted": self.unanswered_accepted,
            "throttled": self.throttled,
            "recipients": len(self.received),
            "receivedMoreThanOnce": sum(1 for n in self.received.values() if n > 1),
            "acceptedMoreThanOnce": sum(1 for n in self.accepted_by.values() if n > 1),
            "peakSendsPerSecond": self.peak_per_second,
        }


def graph_error(code, message, details, status):
    body = {
        "error": {
            "message": message,
            "type": "OAuthException",
            "code": code,
            "error_data": {"messaging_product": "whatsapp", "details": details},
            "fbtrace_id": "AH2TestTrace%06d" % code,
        }
    }
    return status, json.dumps(body).encode()


class Connection(asyncio.Protocol):
    def __init__(self, state):
        self.state = state
        self.conn = h2.connection.H2Connection(
            config=h2.config.H2Configuration(client_side=False, header_encoding="utf-8"))
        self.transport = None
        self.requests = {}  # stream id -> (headers, body)
        self.accepted_waiting = set()  # accepted streams whose answer has not left yet
        self.closed = False

    def connection_made(self, transport):
        self.transport = transport
        self.conn.initiate_connection()
        self.flush()

    def connection_lost(self, exc):
        self.closed = True
        self.state.unanswered_accepted += len(self.accepted_waiting)
        self.accepted_waiting.clear()

    def flush(self):
        if not self.closed:
            self.transport.write(self.conn.data_to_send())

    def data_received(self, data):
        try:
            events = self.conn.receive_data(data)
        except h2.exceptions.ProtocolError:
            self.flush()
            self.transport.close()
            return
        for event in events:
            if isinstance(event, h2.events.RequestReceived):
                self.requests[event.stream_id] = (dict(event.headers), bytearray())
            elif isinstance(event, h2.events.DataReceived):
                if event.stream_id in self.requests:
                    self.requests[event.stream_id][1].extend(event.data)
                self.conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            elif isinstance(event, h2.events.StreamEnded):
                if event.stream_id in self.requests:
                    headers, body = self.requests.pop(event.stream_id)
                    self.handle(event.stream_id, headers, bytes(body))
                    if self.closed:
                        return
            elif isinstance(event, h2.events.StreamReset):
                self.requests.pop(event.stream_id, None)
                self.accepted_waiting.discard(event.stream_id)
            elif isinstance(event, h2.events.ConnectionTerminated):
                self.flush()
                self.transport.close()
                return
        self.flush()

    def respond(self, stream_id, status, body):
        if self.closed:
            return
        self.accepted_waiting.discard(stream_id)
        try:
            self.conn.send_headers(stream_id, [
                (":status", str(status)),
                ("content-type", "application/json; charset=UTF-8"),
                ("content-length", str(len(body))),
            ])
            self.conn.send_data(stream_id, body, end_stream=True)
        except h2.exceptions.StreamClosedError:
            return
        self.flush()

    def answer_later(self, stream_id, status, body):
        delay = self.state.args.latency_ms / 1000.0
        if delay <= 0:
            self.respond(stream_id, status, body)
        else:
            asyncio.get_running_loop().call_later(delay, self.respond, stream_id, status, body)

    def handle(self, stream_id, headers, body):
        st = self.state
        path = headers.get(":path", "")
        method = headers.get(":method", "")
        if method == "GET" and path == "/__stats":
            self.respond(stream_id, 200, json.dumps(st.stats()).encode())
            return
        if headers.get("authorization", "") != "Bearer " + st.args.token:
            self.answer_later(stream_id, *graph_error(190, "Invalid OAuth access token.", "", 401))
            return
        parts = [p for p in path.split("?")[0].split("/") if p]
        if method != "POST" or len(parts) != 3 or parts[1] != st.args.phone_number_id or parts[2] != "messages":
            self.answer_later(stream_id, *graph_error(100, "Unsupported request", path, 400))
            return
        now = time.monotonic()
        st.note_send(now)
        try:
            to = json.loads(body.decode("utf-8"))["to"]
        except (ValueError, KeyError, TypeError):
            self.answer_later(stream_id, *graph_error(100, "Invalid parameter", "no recipient", 400))
            return
        key = "".join(c for c in str(to) if c.isdigit())
        st.received[key] += 1
        if not st.admit(now):
            st.throttled += 1
            self.answer_later(stream_id, *graph_error(
                130429, "(#130429) Rate limit hit", "Cloud API message throughput has been reached.", 400))
            return
        st.accepted += 1
        st.accepted_by[key] += 1
        st.wamid_seq += 1
        wamid = "wamid.H2TEST%010d" % st.wamid_seq
        self.accepted_waiting.add(stream_id)
        every = st.args.close_after_accept_every
        if every > 0 and st.accepted % every == 0:
            st.closed_after_accept += 1
            self.closed = True
            self.state.unanswered_accepted += len(self.accepted_waiting)
            self.accepted_waiting.clear()
            self.transport.close()
            return
        answer = {
            "messaging_product": "whatsapp",
            "contacts": [{"input": to, "wa_id": key}],
            "messages": [{"id": wamid, "message_status": "accepted"}],
        }
        self.answer_later(stream_id, 200, json.dumps(answer).encode())


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token", default="herald-demo-token")
    parser.add_argument("--phone-number-id", default="106540352242922")
    parser.add_argument("--latency-ms", type=int, default=0)
    parser.add_argument("--throughput", type=int, default=0)
    parser.add_argument("--close-after-accept-every", type=int, default=0)
    args = parser.parse_args()

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(args.cert, args.key)
    context.set_alpn_protocols(["h2"])
    state = State(args)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: Connection(state), "127.0.0.1", args.port, ssl=context)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    await stop.wait()
    server.close()
    print(json.dumps(state.stats()), flush=True)


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
