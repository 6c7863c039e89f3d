"""Reads AWS config files the way botocore does and prints what it sees, as JSON.

stdin: a JSON list of file paths. stdout: a JSON list, one entry per file:
  {"ok": true, "sections": {header: {key: value}}, "nested": {header: {key: {k: v}}},
   "profiles": {name: {key: value}}, "argv": {profile: [...] }}
  {"ok": false, "error": "...", "line": n or null}
"argv" is each profile's credential_process split as botocore splits it before running it.
"""
import configparser
import json
import sys

import botocore.compat
import botocore.configloader as configloader
import botocore.exceptions


def error_line(error):
    for attribute in ("lineno",):
        if hasattr(error, attribute):
            return getattr(error, attribute)
    if isinstance(error, configparser.ParsingError) and error.errors:
        return error.errors[0][0]
    return None


def read(path, platform):
    cp = configparser.RawConfigParser()
    try:
        cp.read([path])
    except (configparser.Error, UnicodeDecodeError) as error:
        return {"ok": False, "error": type(error).__name__, "line": error_line(error)}
    sections = {}
    for section in cp.sections():
        sections[section] = dict(cp._sections[section])
    try:
        loaded = configloader.load_config(path)
    except botocore.exceptions.ConfigParseError as error:
        return {"ok": False, "error": "ConfigParseError", "line": None}
    argv = {}
    for name, profile in loaded["profiles"].items():
        value = profile.get("credential_process")
        if isinstance(value, str):
            try:
                argv[name] = botocore.compat.compat_shell_split(value, platform)
            except ValueError as error:
                argv[name] = {"error": str(error)}
    return {
        "ok": True,
        "sections": sections,
        "profiles": loaded["profiles"],
        "ssoSessions": loaded["sso_sessions"],
        "services": loaded["services"],
        "argv": argv,
    }


def main():
    request = json.load(sys.stdin)
    platform = sys.argv[1] if len(sys.argv) > 1 else None
    json.dump([read(path, platform) for path in request], sys.stdout)


main()
