#!/usr/bin/env python3
"""Checks a request the stand-in provider received against Duo's Admin API signing
scheme, written from Duo's documentation with Python's own hmac module, independently of
connectspec's Rust signer.

Input (JSON on stdin): method, host (as in the Host header), path_and_query, headers
(name/value pairs), ikey, skey. Exit 0 and print "ok" when the Authorization and Date
headers are what Duo expects; exit 1 with the reason otherwise.
"""

import base64
import email.utils
import hashlib
import hmac
import json
import sys
import time
import urllib.parse


def fail(why):
    print(why)
    sys.exit(1)


req = json.load(sys.stdin)
headers = {name.lower(): value for name, value in req["headers"]}
date = headers.get("date")
if date is None:
    fail("no Date header")
parsed = email.utils.parsedate_to_datetime(date)
if parsed is None or abs(parsed.timestamp() - time.time()) > 300:
    fail("Date header is not a current RFC 2822 date: " + date)

path, _, query = req["path_and_query"].partition("?")
params = urllib.parse.parse_qsl(query, keep_blank_values=True)
args = "&".join(
    "%s=%s" % (urllib.parse.quote(k, "~"), urllib.parse.quote(v, "~"))
    for k, v in sorted(params)
)
host = req["host"].split(":")[0].lower()
canon = "\n".join([date, req["method"].upper(), host, path, args])
sig = hmac.new(req["skey"].encode(), canon.encode(), hashlib.sha1).hexdigest()
expected = "Basic " + base64.b64encode(("%s:%s" % (req["ikey"], sig)).encode()).decode()
if headers.get("authorization") != expected:
    fail("Authorization header does not carry the expected signature")
print("ok")
