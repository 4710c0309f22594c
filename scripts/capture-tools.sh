#!/usr/bin/env bash
# Captures the real `tools/list` (and prompts/resources) of public MCP servers into
# crates/detect/corpus/benign/tools/<server>.json: the benign side of the detection
# quality corpus (crates/detect/tests/quality.rs) is what real servers say.
#
# Servers are installed from npm and PyPI into a scratch directory that is NOT part
# of the repository (default target/corpus-servers; node_modules and venvs stay there).
# Each server gets only PATH, HOME and dummy values for the credentials it asks for:
# most servers list their tools without a valid token. A server that does not start
# is skipped with a note; the corpus keeps whatever was captured before.
#
# Needs: node + npm, python3 (uv is installed into the scratch dir), cargo.
# Usage: scripts/capture-tools.sh [SCRATCH_DIR]   (ONLY=name1,name2 to capture a few)
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
SCRATCH="$(mkdir -p "${1:-target/corpus-servers}" && cd "${1:-target/corpus-servers}" && pwd)"
OUT="$ROOT/crates/detect/corpus/benign/tools"
mkdir -p "$OUT" "$SCRATCH/npm" "$SCRATCH/py" "$SCRATCH/home" "$SCRATCH/work"

cargo build -q -p mcpward-protocol --example capture_tools || exit 2
CAP="$ROOT/target/debug/examples/capture_tools"

# A small project for the servers that want a directory or a git repository.
WORK="$SCRATCH/work"
if [ ! -d "$WORK/.git" ]; then
  git -C "$WORK" init -q 2>/dev/null
  printf '# demo\n\nA small project used to capture MCP tool lists.\n' > "$WORK/README.md"
  git -C "$WORK" -c user.email=c@example.com -c user.name=capture add README.md
  git -C "$WORK" -c user.email=c@example.com -c user.name=capture commit -q -m init
fi

npm_install() { # package -> prints the directory it is installed in
  local p="$1" d
  d="$SCRATCH/npm/$(echo "$p" | tr '/@' '__')"
  if [ ! -f "$d/.done" ]; then
    mkdir -p "$d"
    printf '{"name":"x","private":true}\n' > "$d/package.json"
    PUPPETEER_SKIP_DOWNLOAD=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
      npm install --prefix "$d" --no-audit --no-fund --ignore-scripts --loglevel=error "$p" >"$d/install.log" 2>&1 \
      && touch "$d/.done"
  fi
  echo "$d"
}

npm_entry() { # install-dir package [bin-name] -> the JS file its bin points to
  node -e '
    const [dir, pkg, want] = process.argv.slice(1);
    const base = dir + "/node_modules/" + pkg;
    const j = require(base + "/package.json");
    let b = j.bin;
    if (typeof b === "object") b = (want && b[want]) || Object.values(b)[0];
    if (!b) b = j.main;
    console.log(base + "/" + b);
  ' "$1" "$2" "${3:-}"
}

npm_version() {
  node -e 'console.log(require(process.argv[1] + "/node_modules/" + process.argv[2] + "/package.json").version)' "$1" "$2"
}

py_install() { # package -> venv dir
  local p="$1" d="$SCRATCH/py/$1"
  if [ ! -x "$SCRATCH/uvenv/bin/uv" ]; then
    python3 -m venv "$SCRATCH/uvenv" && "$SCRATCH/uvenv/bin/pip" install -q uv
  fi
  if [ ! -f "$d/.done" ]; then
    "$SCRATCH/uvenv/bin/uv" venv -q -p python3 "$d" >"$SCRATCH/py/$p.log" 2>&1 \
      && VIRTUAL_ENV="$d" "$SCRATCH/uvenv/bin/uv" pip install -q "$p" >>"$SCRATCH/py/$p.log" 2>&1 \
      && touch "$d/.done"
  fi
  echo "$d"
}

py_version() {
  "$1/bin/python" -c 'import importlib.metadata,sys; print(importlib.metadata.version(sys.argv[1]))' "$2"
}

wanted() { [ -z "${ONLY:-}" ] || [[ ",$ONLY," == *",$1,"* ]]; }

capture() { # name registry package version -- extra capture args -- command...
  local name="$1" reg="$2" pkg="$3" ver="$4"
  shift 4
  local tmp
  tmp="$(mktemp)"
  if (cd "$WORK" && timeout 120 "$CAP" --label "server=$name" --label "registry=$reg" --label "package=$pkg" \
      --label "version=$ver" --label "captured=$(date -u +%Y-%m-%d)" --env "HOME=$SCRATCH/home" "$@" >"$tmp" 2>"$tmp.err"); then
    if node -e 'const d=JSON.parse(require("fs").readFileSync(process.argv[1]));process.exit(d.tools&&d.tools.length?0:1)' "$tmp"; then
      mv "$tmp" "$OUT/$name.json"
      echo "captured $name ($pkg@$ver): $(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).tools.length)' "$OUT/$name.json") tools"
    else
      echo "skipped $name: no tools"
    fi
  else
    echo "skipped $name: $(head -c 300 "$tmp.err" | tr '\n' ' ')"
  fi
  rm -f "$tmp" "$tmp.err"
}

# name | package | bin (or empty) | capture options (env, calls), then `--`, then args after the script
npm_server() {
  local name="$1" pkg="$2" bin="$3"
  shift 3
  wanted "$name" || return 0
  local d entry ver
  d="$(npm_install "$pkg")"
  if [ ! -f "$d/.done" ]; then echo "skipped $name: npm install failed"; return 0; fi
  entry="$(npm_entry "$d" "$pkg" "$bin")"
  ver="$(npm_version "$d" "$pkg")"
  local opts=() args=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do opts+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  args=("$@")
  capture "$name" npm "$pkg" "$ver" "${opts[@]}" -- node "$entry" "${args[@]}"
}

py_server() {
  local name="$1" pkg="$2" bin="$3"
  shift 3
  wanted "$name" || return 0
  local d ver
  d="$(py_install "$pkg")"
  if [ ! -f "$d/.done" ]; then echo "skipped $name: pip install failed"; return 0; fi
  ver="$(py_version "$d" "$pkg")"
  local opts=() args=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do opts+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  args=("$@")
  capture "$name" pypi "$pkg" "$ver" "${opts[@]}" -- "$d/bin/$bin" "${args[@]}"
}

MCP=@modelcontextprotocol
FAKE=dummy-value-for-capture
npm_server everything $MCP/server-everything "" \
  --call echo '{"message":"Hello from the corpus capture"}' --call get-sum '{"a":2,"b":40}' \
  --call get-structured-content '{"location":"New York"}' --call get-annotated-message '{"messageType":"success","includeImage":false}' --
npm_server filesystem $MCP/server-filesystem "" \
  --call list_directory "{\"path\":\"$WORK\"}" --call read_text_file "{\"path\":\"$WORK/README.md\"}" \
  --call directory_tree "{\"path\":\"$WORK\"}" --call get_file_info "{\"path\":\"$WORK/README.md\"}" -- "$WORK"
npm_server memory $MCP/server-memory "" --env "MEMORY_FILE_PATH=$SCRATCH/home/memory.jsonl" \
  --call create_entities '{"entities":[{"name":"mcpward","entityType":"project","observations":["written in Rust","scans MCP servers"]}]}' \
  --call read_graph '{}' --
npm_server sequential-thinking $MCP/server-sequential-thinking "" --
npm_server github $MCP/server-github "" --env GITHUB_PERSONAL_ACCESS_TOKEN=$FAKE --
npm_server puppeteer $MCP/server-puppeteer "" --
npm_server brave-search $MCP/server-brave-search "" --env BRAVE_API_KEY=$FAKE --
npm_server slack $MCP/server-slack "" --env SLACK_BOT_TOKEN=$FAKE --env SLACK_TEAM_ID=T000 --
npm_server gitlab $MCP/server-gitlab "" --env GITLAB_PERSONAL_ACCESS_TOKEN=$FAKE --
npm_server google-maps $MCP/server-google-maps "" --env GOOGLE_MAPS_API_KEY=$FAKE --
npm_server postgres $MCP/server-postgres "" -- postgresql://localhost:1/none
npm_server redis $MCP/server-redis "" -- redis://localhost:1
npm_server everart $MCP/server-everart "" --env EVERART_API_KEY=$FAKE --
npm_server gdrive $MCP/server-gdrive "" --
npm_server playwright @playwright/mcp "" --
npm_server context7 @upstash/context7-mcp "" --
npm_server notion @notionhq/notion-mcp-server "" --env NOTION_TOKEN=$FAKE --
npm_server supabase @supabase/mcp-server-supabase "" --env SUPABASE_ACCESS_TOKEN=$FAKE --
npm_server firecrawl firecrawl-mcp "" --env FIRECRAWL_API_KEY=$FAKE --
npm_server tavily tavily-mcp "" --env TAVILY_API_KEY=$FAKE --
npm_server desktop-commander @wonderwhy-er/desktop-commander "" --
npm_server exa exa-mcp-server "" --env EXA_API_KEY=$FAKE --
npm_server sentry @sentry/mcp-server "" --env SENTRY_ACCESS_TOKEN=$FAKE --
npm_server brave-search-official @brave/brave-search-mcp-server "" --env BRAVE_API_KEY=$FAKE --
npm_server azure-devops @azure-devops/mcp "" -- example-org
npm_server dbhub @bytebase/dbhub "" -- --transport stdio --demo
npm_server antv-chart @antv/mcp-server-chart "" --
npm_server kubernetes mcp-server-kubernetes "" --
npm_server heroku @heroku/mcp-server "" --env HEROKU_API_KEY=$FAKE --
npm_server browsermcp @browsermcp/mcp "" --
npm_server playwright-ea @executeautomation/playwright-mcp-server "" --
npm_server hubspot @hubspot/mcp-server "" --env PRIVATE_APP_ACCESS_TOKEN=$FAKE --
npm_server stripe @stripe/mcp "" -- --tools=all --api-key=sk_test_$FAKE
npm_server mongodb mongodb-mcp-server "" --
npm_server elasticsearch @elastic/mcp-server-elasticsearch "" --env ES_URL=http://localhost:1 --env ES_API_KEY=$FAKE --
npm_server circleci @circleci/mcp-server-circleci "" --env CIRCLECI_TOKEN=$FAKE --
npm_server figma figma-developer-mcp "" --env FIGMA_API_KEY=$FAKE -- --stdio
npm_server chrome-devtools chrome-devtools-mcp "" --
npm_server airbnb @openbnb/mcp-server-airbnb "" --
npm_server neon @neondatabase/mcp-server-neon "" -- start $FAKE
npm_server git-cyanheads @cyanheads/git-mcp-server "" --
npm_server webresearch @mzxrai/mcp-webresearch "" --
npm_server youtube-transcript @kimtaeyoon83/mcp-server-youtube-transcript "" --
npm_server mysql @benborla29/mcp-server-mysql "" --env MYSQL_HOST=127.0.0.1 --env MYSQL_PORT=1 --env MYSQL_USER=u --env MYSQL_PASS=$FAKE --
npm_server gmail @gongrzhe/server-gmail-autoauth-mcp "" --
npm_server apify @apify/actors-mcp-server "" --env APIFY_TOKEN=$FAKE --
npm_server browser-tools @agentdeskai/browser-tools-mcp "" --

py_server time mcp-server-time mcp-server-time \
  --call get_current_time '{"timezone":"Europe/Paris"}' \
  --call convert_time '{"source_timezone":"Europe/Paris","time":"14:30","target_timezone":"Asia/Tokyo"}' --
py_server fetch mcp-server-fetch mcp-server-fetch --
py_server git mcp-server-git mcp-server-git \
  --call git_status "{\"repo_path\":\"$WORK\"}" --call git_log "{\"repo_path\":\"$WORK\"}" -- --repository "$WORK"
py_server sqlite mcp-server-sqlite mcp-server-sqlite \
  --call create_table '{"query":"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"}' \
  --call list_tables '{}' -- --db-path "$SCRATCH/home/corpus.db"
py_server aws-documentation awslabs-aws-documentation-mcp-server awslabs.aws-documentation-mcp-server --
py_server aws-pricing awslabs-aws-pricing-mcp-server awslabs.aws-pricing-mcp-server --
py_server aws-api awslabs-aws-api-mcp-server awslabs.aws-api-mcp-server --env AWS_REGION=us-east-1 --
py_server qdrant mcp-server-qdrant mcp-server-qdrant --env QDRANT_URL=http://localhost:1 --env COLLECTION_NAME=c --
py_server atlassian mcp-atlassian mcp-atlassian --env JIRA_URL=https://example.atlassian.net \
  --env JIRA_USERNAME=u@example.com --env JIRA_API_TOKEN=$FAKE --env CONFLUENCE_URL=https://example.atlassian.net/wiki \
  --env CONFLUENCE_USERNAME=u@example.com --env CONFLUENCE_API_TOKEN=$FAKE --
py_server motherduck mcp-server-motherduck mcp-server-motherduck -- --db-path :memory:
py_server obsidian mcp-obsidian mcp-obsidian --env OBSIDIAN_API_KEY=$FAKE --
py_server clickhouse mcp-clickhouse mcp-clickhouse --env CLICKHOUSE_HOST=localhost --env CLICKHOUSE_USER=u --env CLICKHOUSE_PASSWORD=$FAKE --
py_server chroma chroma-mcp chroma-mcp -- --client-type ephemeral
py_server neo4j-cypher mcp-neo4j-cypher mcp-neo4j-cypher --env NEO4J_URI=bolt://localhost:1 --env NEO4J_PASSWORD=$FAKE --
py_server neo4j-memory mcp-neo4j-memory mcp-neo4j-memory --env NEO4J_URI=bolt://localhost:1 --env NEO4J_PASSWORD=$FAKE --
py_server arxiv arxiv-mcp-server arxiv-mcp-server -- --storage-path "$SCRATCH/home/arxiv"
py_server calculator mcp-server-calculator mcp-server-calculator --call calculate '{"expression":"2*21"}' --
py_server duckduckgo duckduckgo-mcp-server duckduckgo-mcp-server --
py_server markitdown markitdown-mcp markitdown-mcp --
py_server wcgw wcgw wcgw_mcp --
py_server blender blender-mcp blender-mcp --

# ---- Real tool RESULTS for the benign-output side: servers reading this repository's
# documentation and history (Apache-2.0, ours). Written to benign/outputs/captured/.
if [ -z "${ONLY:-}" ] || wanted outputs; then
  OUTDIR="$ROOT/crates/detect/corpus/benign/outputs/captured"
  mkdir -p "$OUTDIR"
  OUT_SAVE="$OUT"; OUT="$OUTDIR"
  calls=()
  for f in README.md docs/ARCHITECTURE.md crates/config/src/model.rs crates/config/src/vars.rs \
           crates/analyze/src/finding.rs crates/protocol/src/lib.rs scripts/install-test-servers.sh Cargo.toml; do
    [ -f "$ROOT/$f" ] && calls+=(--call read_text_file "{\"path\":\"$ROOT/$f\",\"head\":120}")
  done
  for dir in crates crates/detect crates/protocol/src examples; do
    calls+=(--call list_directory "{\"path\":\"$ROOT/$dir\"}")
  done
  calls+=(--call directory_tree "{\"path\":\"$ROOT/crates/config/src\"}" --call search_files "{\"path\":\"$ROOT/crates\",\"pattern\":\"Cargo.toml\"}")
  d="$(npm_install $MCP/server-filesystem)"
  capture fs-results npm $MCP/server-filesystem "$(npm_version "$d" $MCP/server-filesystem)" "${calls[@]}" -- \
    node "$(npm_entry "$d" $MCP/server-filesystem)" "$ROOT"
  d="$(py_install mcp-server-git)"
  capture git-results pypi mcp-server-git "$(py_version "$d" mcp-server-git)" \
    --call git_log "{\"repo_path\":\"$ROOT\",\"max_count\":40}" --call git_branch "{\"repo_path\":\"$ROOT\",\"branch_type\":\"local\"}" \
    --call git_show "{\"repo_path\":\"$ROOT\",\"revision\":\"d528c66\"}" -- "$d/bin/mcp-server-git" --repository "$ROOT"
  OUT="$OUT_SAVE"
fi
