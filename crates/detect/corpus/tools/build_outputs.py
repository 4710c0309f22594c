#!/usr/bin/env python3
"""Builds the benign tool-output corpus (benign/outputs/*.jsonl) from REAL text shipped
in the npm and PyPI packages that scripts/capture-tools.sh installs (READMEs, package
descriptions, HTML pages, source files) and from permissively licensed man pages.

Only permissively licensed packages are used (MIT, ISC, BSD, Apache-2.0...), at most two
excerpts of 1-6 KB per document (the size of a typical tool result), each recording its
package, version and licence. Selection is deterministic (sorted, hashed), so running it
again over the same installs gives the same corpus.

Usage: build_outputs.py SCRATCH_DIR   (the directory given to scripts/capture-tools.sh)
"""
import glob, hashlib, json, os, re, subprocess, sys

SCRATCH = sys.argv[1] if len(sys.argv) > 1 else "target/corpus-servers"
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "benign", "outputs")
PERMISSIVE = re.compile(r"^(mit|isc|0bsd|bsd|apache|apache-2\.0|apache 2\.0|apache software license|blueoak|unlicense|python software foundation|psf|zlib|cc0)", re.I)
SIZES = [1200, 2000, 3500, 6000]

def h(s):
    return int(hashlib.sha256(s.encode()).hexdigest()[:12], 16)

def chunks(text, key, limit=2):
    """Paragraph-aligned excerpts of a size picked per document."""
    target = SIZES[h(key) % len(SIZES)]
    paras = re.split(r"(\n\s*\n)", text)
    out, cur = [], ""
    for p in paras:
        if len(cur) + len(p) > target and len(cur) >= 800:
            out.append(cur)
            cur = ""
            if len(out) >= limit:
                break
        cur += p
        if len(cur) > 10000:  # one huge paragraph: cut it
            out.append(cur[:target])
            cur = ""
            if len(out) >= limit:
                break
    if len(out) < limit and len(cur.strip()) >= 800:
        out.append(cur)
    return [c.strip("\n") for c in out if c.strip()]

def write(name, items):
    path = os.path.join(OUT, name + ".jsonl")
    with open(path, "w") as f:
        for it in items:
            f.write(json.dumps(it, ensure_ascii=False) + "\n")
    print(f"{name}: {len(items)} items, {sum(len(i['text']) for i in items)} bytes")

def pick(candidates, n, salt):
    candidates = sorted(candidates, key=lambda c: h(salt + c[0]))
    return candidates[:n]

# ---- npm packages -------------------------------------------------------------------
npm = {}
for pj in glob.glob(os.path.join(SCRATCH, "npm/*/node_modules/**/package.json"), recursive=True):
    d = os.path.dirname(pj)
    if "/test" in d or "/fixtures" in d or "/examples/" in d:
        continue
    try:
        j = json.load(open(pj))
    except Exception:
        continue
    name, ver, lic = j.get("name"), j.get("version"), j.get("license")
    if isinstance(lic, dict):
        lic = lic.get("type")
    if not (isinstance(name, str) and isinstance(ver, str) and isinstance(lic, str) and PERMISSIVE.match(lic)):
        continue
    if not pj.endswith(os.path.join(name, "package.json")):
        continue
    npm.setdefault(name, (d, ver, lic))

readmes, html, source = [], [], []
for name, (d, ver, lic) in npm.items():
    for rn in ("README.md", "readme.md", "Readme.md"):
        p = os.path.join(d, rn)
        if os.path.isfile(p) and 1500 <= os.path.getsize(p) <= 400_000:
            readmes.append((name, p, ver, lic))
            break
    for p in glob.glob(os.path.join(d, "**/*.html"), recursive=True)[:3]:
        if "node_modules" not in p[len(d):] and 1000 <= os.path.getsize(p) <= 400_000:
            html.append((name + ":" + os.path.relpath(p, d), p, ver, lic))
    js = [p for p in glob.glob(os.path.join(d, "*.js")) + glob.glob(os.path.join(d, "lib/*.js")) + glob.glob(os.path.join(d, "dist/*.js"))
          if 1500 <= os.path.getsize(p) <= 200_000 and not p.endswith(".min.js")]
    if js:
        p = sorted(js)[h(name) % len(js)]
        source.append((name + ":" + os.path.relpath(p, d), p, ver, lic))

def excerpt_items(cands, n, prefix, kind):
    items = []
    for key, p, ver, lic in pick(cands, n, prefix):
        try:
            text = open(p, encoding="utf-8").read()
        except Exception:
            continue
        pkg = key.split(":")[0]
        for i, c in enumerate(chunks(text, key)):
            items.append({"id": f"{prefix}:{key}#{i}", "group": f"npm:{pkg}", "source": f"npm {pkg}@{ver} {os.path.relpath(p, os.path.dirname(p.split('/node_modules/')[0] + '/node_modules/x'))}", "license": lic, "kind": kind, "text": c})
    return items

os.makedirs(OUT, exist_ok=True)
write("npm-readmes", excerpt_items(readmes, 130, "readme", "readme"))
write("npm-html", excerpt_items(html, 25, "html", "html"))
write("npm-source", excerpt_items(source, 45, "src", "source"))

# ---- PyPI package descriptions (METADATA long description = the README) -------------
py = {}
for meta in glob.glob(os.path.join(SCRATCH, "py/*/lib/python3*/site-packages/*.dist-info/METADATA")):
    raw = open(meta, encoding="utf-8", errors="replace").read()
    head, _, body = raw.partition("\n\n")
    fields = dict(re.findall(r"^(Name|Version|License|License-Expression): (.*)$", head, re.M))
    classifiers = re.findall(r"^Classifier: License :: (.*)$", head, re.M)
    lic = fields.get("License-Expression") or fields.get("License") or (classifiers[0].split("::")[-1].strip() if classifiers else "")
    name = fields.get("Name")
    if not name or not PERMISSIVE.match(lic.strip()) or len(body) < 1500:
        continue
    py.setdefault(name.lower(), (name, fields.get("Version", "?"), lic.strip()[:40], body))
items = []
for key, _ in pick([(k, None) for k in py], 70, "pypi"):
    name, ver, lic, body = py[key]
    for i, c in enumerate(chunks(body, key)):
        items.append({"id": f"pypi:{name}#{i}", "group": f"pypi:{name}", "source": f"pypi {name}=={ver} METADATA description", "license": lic, "kind": "readme", "text": c})
write("pypi-descriptions", items)

# ---- man pages of permissively licensed tools -----------------------------------------
MAN = {"ssh": "BSD (OpenSSH)", "ssh-keygen": "BSD (OpenSSH)", "ssh_config": "BSD (OpenSSH)", "sshd_config": "BSD (OpenSSH)",
       "ssh-agent": "BSD (OpenSSH)", "ssh-add": "BSD (OpenSSH)", "scp": "BSD (OpenSSH)", "sftp": "BSD (OpenSSH)",
       "curl": "curl (MIT-style)", "tmux": "ISC", "sudo": "ISC", "sudoers": "ISC", "jq": "MIT", "openssl": "Apache-2.0",
       "rsync": None, "nc": "BSD", "file": "BSD", "less": None, "tar": None}
items = []
for page, lic in MAN.items():
    if not lic:
        continue
    try:
        text = subprocess.run(["man", "-P", "cat", page], capture_output=True, text=True, timeout=30,
                              env={**os.environ, "MANWIDTH": "80", "MAN_KEEP_FORMATTING": "0"}).stdout
    except Exception:
        continue
    text = re.sub(r".\x08", "", text)
    if len(text) < 1500:
        continue
    for i, c in enumerate(chunks(text, "man" + page, limit=3)):
        items.append({"id": f"man:{page}#{i}", "group": f"man:{page}", "source": f"man page {page}", "license": lic, "kind": "man", "text": c})
write("man-pages", items)
