#!/usr/bin/env bash
# Builds the Teams app package: fills manifest.json's ${{VAR}} placeholders from the environment, validates the
# fields Teams requires, and zips manifest.json + the two icons (flat, as Teams wants) into negotiation-coach-teams.zip.
#   TEAMS_BOT_ID      the bot's Entra app id (= Teams:AppId)                       required
#   TEAMS_BOT_DOMAIN  the host name serving /api/messages, e.g. coach.example.com   required
#   TEAMS_APP_ID      the Teams app's own GUID (keep it stable across versions)     required
# Usage: TEAMS_BOT_ID=… TEAMS_BOT_DOMAIN=… TEAMS_APP_ID=… bash deploy/teams/package.sh [output.zip]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/negotiation-coach-teams.zip}"
exec python3 - "$here" "$out" <<'PY'
import json, os, re, struct, sys, uuid, zipfile

here, out = sys.argv[1], sys.argv[2]
problems = []

def need(name, check, hint):
    value = os.environ.get(name, "").strip()
    if not value or not check(value):
        problems.append(f"{name} {hint}")
    return value

def is_guid(v):
    try:
        uuid.UUID(v)
        return True
    except ValueError:
        return False

values = {
    "TEAMS_BOT_ID": need("TEAMS_BOT_ID", is_guid, "must be the bot's Entra app id (a GUID)"),
    "TEAMS_APP_ID": need("TEAMS_APP_ID", is_guid, "must be the Teams app id (a GUID; generate one once with uuidgen)"),
    "TEAMS_BOT_DOMAIN": need("TEAMS_BOT_DOMAIN", lambda v: re.fullmatch(r"[A-Za-z0-9.-]+(:\d+)?", v) is not None, "must be a bare host name like coach.example.com (no scheme or path)"),
}
if problems:
    sys.exit("cannot package:\n- " + "\n- ".join(problems))

text = open(os.path.join(here, "manifest.json"), encoding="utf-8").read()
text = re.sub(r"\$\{\{(\w+)\}\}", lambda m: values.get(m.group(1), m.group(0)), text)
left = sorted(set(re.findall(r"\$\{\{(\w+)\}\}", text)))
if left:
    sys.exit("cannot package: no value for " + ", ".join(left))
manifest = json.loads(text)

def get(path):
    node = manifest
    for key in path.split("."):
        if not isinstance(node, dict) or key not in node:
            return None
        node = node[key]
    return node

for field in ["$schema", "manifestVersion", "version", "id", "developer.name", "developer.websiteUrl", "developer.privacyUrl",
              "developer.termsOfUseUrl", "name.short", "name.full", "description.short", "description.full", "icons.color",
              "icons.outline", "accentColor", "bots", "webApplicationInfo.id"]:
    if get(field) in (None, "", []):
        problems.append(f"manifest.json: {field} is required")
if len(get("name.short") or "") > 30:
    problems.append("manifest.json: name.short is longer than 30 characters")
if len(get("description.short") or "") > 80:
    problems.append("manifest.json: description.short is longer than 80 characters")
if len(get("description.full") or "") > 4000:
    problems.append("manifest.json: description.full is longer than 4000 characters")
if not re.fullmatch(r"\d+\.\d+\.\d+", get("version") or ""):
    problems.append("manifest.json: version must be MAJOR.MINOR.PATCH")
for bot in get("bots") or []:
    for lst in bot.get("commandLists", []):
        if len(lst.get("commands", [])) > 10:
            problems.append(f"manifest.json: a commandList for {lst.get('scopes')} has more than 10 commands")
        for c in lst.get("commands", []):
            if len(c.get("title", "")) > 32 or len(c.get("description", "")) > 128:
                problems.append(f"manifest.json: command {c.get('title')!r}: title <= 32 and description <= 128 characters")

def png_size(name):
    with open(os.path.join(here, name), "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return struct.unpack(">II", head[16:24])

for key, size in (("icons.color", (192, 192)), ("icons.outline", (32, 32))):
    name = get(key)
    if name and (not os.path.exists(os.path.join(here, name)) or png_size(name) != size):
        problems.append(f"{name} must be a {size[0]}x{size[1]} PNG next to manifest.json")

if problems:
    sys.exit("cannot package:\n- " + "\n- ".join(problems))

with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False))
    z.write(os.path.join(here, get("icons.color")), get("icons.color"))
    z.write(os.path.join(here, get("icons.outline")), get("icons.outline"))
print(out)
PY
