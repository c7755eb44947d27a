#!/usr/bin/python3
"""Waits until every given gRPC server answers grpc.health.v1.Health/Check with SERVING.

    wait_healthy.py [--deadline SECONDS] [--service NAME] [--watch-pid PID ...] HOST:PORT ...

Exits 0 once all are SERVING, 1 at the deadline naming the ones that are not (with the last
status or error seen), and 1 at once when a watched process (the servers themselves) exits. Debian's python3-grpcio ships no grpc_health module, so the two tiny
messages are encoded by hand: HealthCheckRequest{string service = 1} and
HealthCheckResponse{ServingStatus status = 1} with SERVING = 1.
Run it with Debian's /usr/bin/python3, which is the interpreter that has python3-grpcio.
"""

import argparse
import os
import sys
import time

import grpc

_CHECK = "/grpc.health.v1.Health/Check"
_STATUS_NAMES = {0: "UNKNOWN", 1: "SERVING", 2: "NOT_SERVING", 3: "SERVICE_UNKNOWN"}
_POLL_INTERVAL_S = 0.2
_CALL_TIMEOUT_S = 2.0


def _varint(value: int) -> bytes:
    out = bytearray()
    while True:
        low = value & 0x7F
        value >>= 7
        if value:
            out.append(low | 0x80)
        else:
            out.append(low)
            return bytes(out)


def encode_request(service: str) -> bytes:
    if not service:
        return b""  # proto3 omits the empty default
    raw = service.encode()
    return b"\x0a" + _varint(len(raw)) + raw


def decode_status(message: bytes) -> int:
    """Returns field 1 (varint) of a HealthCheckResponse; 0 (UNKNOWN) when absent."""
    pos, status = 0, 0
    while pos < len(message):
        key, pos = _read_varint(message, pos)
        field, wire_type = key >> 3, key & 7
        if wire_type == 0:
            value, pos = _read_varint(message, pos)
            if field == 1:
                status = value
        elif wire_type == 2:
            length, pos = _read_varint(message, pos)
            pos += length
        elif wire_type == 1:
            pos += 8
        elif wire_type == 5:
            pos += 4
        else:
            raise ValueError(f"unsupported wire type {wire_type}")
    return status


def _read_varint(data: bytes, pos: int):
    shift, value = 0, 0
    while True:
        if pos >= len(data):
            raise ValueError("truncated varint")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("addresses", nargs="+", metavar="HOST:PORT")
    parser.add_argument("--deadline", type=float, default=60.0, help="seconds (default 60)")
    parser.add_argument("--service", default="", help="service name to check (default: server)")
    parser.add_argument("--watch-pid", type=int, action="append", default=[],
                        help="give up as soon as this process exits (repeatable)")
    args = parser.parse_intermixed_args()

    request = encode_request(args.service)
    # Servers still starting refuse connections; retry them quickly rather than with gRPC's
    # default reconnect backoff of one second and more.
    options = [
        ("grpc.initial_reconnect_backoff_ms", 100),
        ("grpc.min_reconnect_backoff_ms", 100),
        ("grpc.max_reconnect_backoff_ms", 500),
    ]
    channels = {addr: grpc.insecure_channel(addr, options=options) for addr in args.addresses}
    checks = {
        addr: ch.unary_unary(_CHECK, request_serializer=None, response_deserializer=None)
        for addr, ch in channels.items()
    }
    try:
        return _poll(checks, request, args.deadline, args.watch_pid)
    finally:
        for ch in channels.values():
            ch.close()


def _exited(pid: int) -> bool:
    """True once the process is gone or a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def _poll(checks, request: bytes, deadline_s: float, watch_pids) -> int:
    pending = dict.fromkeys(checks, "no answer yet")
    deadline = time.monotonic() + deadline_s
    while True:
        exited = [pid for pid in watch_pids if _exited(pid)]
        if exited:
            print(f"wait_healthy: process {', '.join(map(str, exited))} exited while waiting",
                  file=sys.stderr)
            return 1
        for addr in list(pending):
            try:
                status = decode_status(checks[addr](request, timeout=_CALL_TIMEOUT_S))
            except grpc.RpcError as err:
                pending[addr] = f"{err.code().name}: {err.details()}"
                continue
            if status == 1:
                del pending[addr]
            else:
                pending[addr] = _STATUS_NAMES.get(status, str(status))
        if not pending:
            return 0
        if time.monotonic() >= deadline:
            for addr, last in pending.items():
                print(f"wait_healthy: {addr} not SERVING after {deadline_s:g}s (last: {last})",
                      file=sys.stderr)
            return 1
        time.sleep(_POLL_INTERVAL_S)


if __name__ == "__main__":
    sys.exit(main())
