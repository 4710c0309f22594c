//! The table of known credential formats. A new format is one entry here
//! (plus its [`super::kinds`] entry). Each rule is written from the issuer's
//! documented format: literal keywords for the prefilter, a regex with only
//! bounded repetitions, what may not touch the match on either side, and an
//! optional structural check. The prefilter also assumes each rule's shape
//! (a token run holding its keyword, or a named value): see `T2_KINDS`,
//! `AT_KINDS` and `NAMED_VALUE_RUNS` in `engine.rs` and the gates in `gate.rs`.

use super::validate::Check;
use super::Confidence;

/// Characters that may not sit right next to a match: a token glued to more
/// token characters is a different (longer) string, not this format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edge {
    None,
    Digit,
    Alnum,
    /// `[A-Za-z0-9_]`
    Word,
    /// `[A-Za-z0-9_-]`
    Token,
    /// `[A-Za-z0-9+/=]`
    B64,
    /// `[A-Za-z0-9+/=_-]`
    B64Any,
    /// `[A-Za-z0-9_~.-]` (Entra ID client secrets)
    Azure,
}

impl Edge {
    pub(crate) fn touches(self, c: u8) -> bool {
        match self {
            Edge::None => false,
            Edge::Digit => c.is_ascii_digit(),
            Edge::Alnum => c.is_ascii_alphanumeric(),
            Edge::Word => c.is_ascii_alphanumeric() || c == b'_',
            Edge::Token => c.is_ascii_alphanumeric() || c == b'_' || c == b'-',
            Edge::B64 => c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'='),
            Edge::B64Any => c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=' | b'_' | b'-'),
            Edge::Azure => c.is_ascii_alphanumeric() || matches!(c, b'_' | b'~' | b'.' | b'-'),
        }
    }

    /// Whether the text just before `at` glues a token onto a match starting there. A
    /// terminal escape (`ESC [ 31 m`, `ESC M`) ends in a letter but is not text: the
    /// byte before it decides, so a token printed in colour is still found.
    pub(crate) fn touches_before(self, bytes: &[u8], at: usize) -> bool {
        let at = before_escapes(bytes, at);
        at > 0 && self.touches(bytes[at - 1])
    }
}

/// `at`, moved back over terminal escapes that end right there (a few at most: a run
/// of them costs no more than that however long it is).
fn before_escapes(bytes: &[u8], mut at: usize) -> usize {
    for _ in 0..8 {
        let Some(&last) = at.checked_sub(1).and_then(|i| bytes.get(i)) else {
            break;
        };
        if !(0x40..=0x7E).contains(&last) {
            break;
        }
        // CSI: ESC [ then parameter and intermediate bytes (0x20-0x3F), then the final one.
        let mut j = at - 1;
        while j > 0 && (0x20..=0x3F).contains(&bytes[j - 1]) && at - j < 64 {
            j -= 1;
        }
        if j >= 2 && bytes[j - 1] == b'[' && bytes[j - 2] == 0x1B {
            at = j - 2;
        } else if at >= 2 && bytes[at - 2] == 0x1B {
            // A two-byte escape: ESC and one final byte.
            at -= 2;
        } else {
            break;
        }
    }
    at
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Pat {
    /// A complete regex. A group named `s`, if present, is the secret.
    Raw(&'static str),
    /// `NAME = VALUE` in any common syntax (env, shell, JSON, YAML, TOML,
    /// headers): `names` is a case-insensitive alternation the name must end
    /// with, `value` the secret's regex.
    Named { names: &'static str, value: &'static str },
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    pub kind: &'static str,
    /// Literal strings, one of which occurs in every match: the prefilter runs
    /// the regex only around them.
    pub keywords: &'static [&'static str],
    pub pat: Pat,
    /// How many bytes before a keyword a match may start.
    pub back: u16,
    /// How many bytes after a keyword a match may end.
    pub span: u32,
    pub left: Edge,
    pub right: Edge,
    pub check: Check,
    /// The secret may be shaped like an identifier (32/40 hex, a UUID).
    pub ids_ok: bool,
    /// False for anchors that only help pair another secret (Twilio SID).
    pub emit: bool,
    pub confidence: Confidence,
    /// Keywords also match in lower and UPPER case (names of variables).
    pub any_case: bool,
}

/// A prefix-format rule: keywords are the prefixes, the regex starts with one.
const fn raw(kind: &'static str, keywords: &'static [&'static str], pattern: &'static str, span: u32) -> Rule {
    Rule {
        kind,
        keywords,
        pat: Pat::Raw(pattern),
        back: 0,
        span,
        left: Edge::Word,
        right: Edge::Alnum,
        check: Check::None,
        ids_ok: false,
        emit: true,
        confidence: Confidence::High,
        any_case: false,
    }
}

/// How far before the name keyword a `PREFIX_NAME=` may start.
const NAME_BACK: u16 = 40;

/// A value recognised by the name it is stored under (`DD_API_KEY=...`).
const fn named(
    kind: &'static str,
    keywords: &'static [&'static str],
    names: &'static str,
    value: &'static str,
    value_max: u32,
) -> Rule {
    Rule {
        kind,
        keywords,
        pat: Pat::Named { names, value },
        back: NAME_BACK,
        span: 96 + value_max,
        left: Edge::Word,
        right: Edge::Alnum,
        check: Check::None,
        ids_ok: false,
        emit: true,
        confidence: Confidence::High,
        any_case: true,
    }
}

impl Rule {
    const fn back(mut self, n: u16) -> Self {
        self.back = n;
        self
    }
    const fn edges(mut self, left: Edge, right: Edge) -> Self {
        self.left = left;
        self.right = right;
        self
    }
    const fn right(mut self, right: Edge) -> Self {
        self.right = right;
        self
    }
    const fn check(mut self, c: Check) -> Self {
        self.check = c;
        self
    }
    const fn ids(mut self) -> Self {
        self.ids_ok = true;
        self
    }
    const fn anchor(mut self) -> Self {
        self.emit = false;
        self
    }

    /// The regex source this rule compiles to.
    pub(crate) fn regex_source(&self) -> String {
        match self.pat {
            Pat::Raw(p) => p.to_string(),
            Pat::Named { names, value } => format!(
                r#"(?:[A-Za-z0-9_]{{0,32}}[_.-])?(?i:{names})["'\\]{{0,2}}(?:[ \t]{{0,4}}(?::=|=>|=|:)[ \t]{{0,4}}|[ \t]{{1,4}})["'\\]{{0,2}}(?:(?i:bearer|token|basic)[ \t]{{1,4}})?(?P<s>(?:{value}))"#
            ),
        }
    }
}

const UUID: &str = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

/// The body shared by GitLab's prefixed tokens: legacy 20 characters, or the
/// longer routable form with dot-separated parts.
macro_rules! gitlab {
    ($prefix:literal) => {
        concat!($prefix, r"[A-Za-z0-9_-]{20,300}(?:\.[A-Za-z0-9_-]{1,64}){0,3}")
    };
}

/// Known formats, most specific first: when two rules match the same text the
/// earlier one is kept.
pub(crate) static RULES: &[Rule] = &[
    // ---- GitHub: prefix + 36 base62, the last 6 a CRC32 checksum.
    raw("github-pat", &["ghp_"], "ghp_[A-Za-z0-9]{36}", 48).check(Check::GithubCrc),
    raw("github-oauth-token", &["gho_"], "gho_[A-Za-z0-9]{36}", 48).check(Check::GithubCrc),
    raw("github-user-token", &["ghu_"], "ghu_[A-Za-z0-9]{36}", 48).check(Check::GithubCrc),
    raw("github-app-token", &["ghs_"], "ghs_[A-Za-z0-9]{36}", 48).check(Check::GithubCrc),
    raw("github-refresh-token", &["ghr_"], "ghr_[A-Za-z0-9]{36,76}", 88).check(Check::GithubCrc),
    raw("github-fine-grained-pat", &["github_pat_"], "github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}", 100)
        .right(Edge::Word),
    // ---- GitLab
    raw("gitlab-pat", &["glpat-"], gitlab!("glpat-"), 520).right(Edge::Token),
    raw("gitlab-deploy-token", &["gldt-"], gitlab!("gldt-"), 520).right(Edge::Token),
    raw(
        "gitlab-runner-token",
        &["glrt-", "glrtr-", "GR1348941"],
        gitlab!("(?:glrtr?-|GR1348941)"),
        520,
    )
    .right(Edge::Token),
    raw("gitlab-pipeline-trigger-token", &["glptt-"], gitlab!("glptt-"), 520).right(Edge::Token),
    raw("gitlab-oauth-app-secret", &["gloas-"], gitlab!("gloas-"), 520).right(Edge::Token),
    raw(
        "gitlab-token",
        &["glft-", "glsoat-", "glimt-", "glagent-", "glcbt-", "glffct-", "glwt-"],
        gitlab!("gl(?:ft|soat|imt|agent|cbt|ffct|wt)-"),
        520,
    )
    .right(Edge::Token),
    // ---- Slack
    // Bot tokens: `xoxb-<team digits>-<bot user digits>-<random>`; classic
    // (legacy) bot users carry only one digit group, `xoxb-<digits>-<random>`
    // (api.slack.com/legacy/enabling-bot-users; docs.slack.dev/authentication/tokens).
    raw(
        "slack-bot-token",
        &["xoxb-"],
        "xoxb-[0-9]{6,16}-(?:[0-9]{6,16}-)?[A-Za-z0-9]{18,48}",
        100,
    )
    .right(Edge::Token),
    raw(
        "slack-user-token",
        &["xoxp-"],
        "xoxp-[0-9]{6,16}-[0-9]{6,16}-[0-9]{6,16}-[A-Za-z0-9]{20,64}",
        130,
    )
    .right(Edge::Token),
    raw(
        "slack-app-token",
        &["xapp-"],
        "xapp-[0-9]{1,2}-[A-Z0-9]{8,14}-[0-9]{8,16}-[A-Za-z0-9]{32,80}",
        140,
    )
    .right(Edge::Token),
    raw(
        "slack-config-token",
        &["xoxe.xox", "xoxe-"],
        "xoxe(?:\\.xox[bp])?-[0-9]{1,2}-[A-Za-z0-9]{60,300}",
        330,
    )
    .right(Edge::Token),
    raw(
        "slack-legacy-token",
        &["xoxa-", "xoxo-", "xoxs-", "xoxr-"],
        "xox[aors]-(?:[0-9]{1,2}-)?[0-9]{6,16}-[0-9A-Za-z-]{20,120}",
        160,
    )
    .right(Edge::Token),
    raw(
        "slack-webhook-url",
        &["hooks.slack.com/"],
        r"https?://hooks\.slack\.com/(?:services|workflows|triggers)/T[A-Z0-9]{6,14}/[A-Z0-9]{6,14}/(?:[0-9]{4,24}/)?[A-Za-z0-9]{20,48}",
        200,
    )
    .back(8),
    // ---- Stripe
    // sk_/rk_ + live/test (docs.stripe.com/keys); Stripe told GitLab its keys are
    // longer than 32 characters (gitlab.com/gitlab-org/gitlab/-/issues/458019).
    raw("stripe-secret-key", &["sk_live_"], "sk_live_[A-Za-z0-9]{20,247}", 260),
    raw("stripe-restricted-key", &["rk_live_"], "rk_live_[A-Za-z0-9]{20,247}", 260),
    raw("stripe-test-key", &["sk_test_", "rk_test_"], "[sr]k_test_[A-Za-z0-9]{20,247}", 260),
    raw("stripe-webhook-secret", &["whsec_"], "whsec_[A-Za-z0-9+/]{24,88}={0,2}", 100).right(Edge::B64),
    // ---- AWS (the secret key near an access key id is paired in the engine)
    // 4-character prefix + 16 = 20 (IAM user guide, "Unique identifiers":
    // AKIA access key, ASIA STS, ABIA bearer token, ACCA context-specific).
    raw("aws-access-key-id", &["AKIA", "ASIA", "ABIA", "ACCA"], "(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}", 24),
    named(
        "aws-secret-access-key",
        &["secret_access_key", "secret-access-key", "secretaccesskey", "aws_secret_key"],
        "aws[_-]?secret[_-]?access[_-]?key|secret[_-]?access[_-]?key|aws[_-]?secret[_-]?key",
        "[A-Za-z0-9/+]{40}",
        40,
    )
    .right(Edge::B64),
    named(
        "aws-session-token",
        &["session_token", "session-token", "sessiontoken"],
        "aws[_-]?session[_-]?token|session[_-]?token",
        "[A-Za-z0-9/+]{100,2000}={0,2}",
        2000,
    )
    .right(Edge::B64),
    // ---- Google
    // AIza + 35 = 39 characters, `-` and `_` included (the example key string in
    // https://cloud.google.com/docs/authentication/api-keys).
    raw("google-api-key", &["AIza"], "AIza[0-9A-Za-z_-]{35}", 48).right(Edge::Token),
    raw("google-oauth-client-secret", &["GOCSPX-"], "GOCSPX-[A-Za-z0-9_-]{28}", 40).right(Edge::Token),
    raw("google-oauth-refresh-token", &["1//0"], "1//0[A-Za-z0-9_-]{40,512}", 520).right(Edge::Token),
    raw("google-oauth-access-token", &["ya29."], r"ya29\.[A-Za-z0-9_-]{30,2048}", 2060).right(Edge::Token),
    // ---- Azure
    // 86 of [A-Za-z0-9+/] then `==` after AccountKey= in a connection string
    // (https://learn.microsoft.com/en-us/purview/sit-defn-azure-storage-account-key).
    raw(
        "azure-storage-account-key",
        &["AccountKey="],
        "AccountKey=(?P<s>[A-Za-z0-9+/]{86}==)",
        110,
    )
    .right(Edge::B64),
    raw(
        "azure-shared-access-key",
        &["SharedAccessKey="],
        "SharedAccessKey=(?P<s>[A-Za-z0-9+/]{42,44}=)",
        70,
    )
    .right(Edge::B64),
    // sv=<version> ... sig=<URL-encoded base64 HMAC-SHA256>
    // (https://learn.microsoft.com/en-us/rest/api/storageservices/create-service-sas).
    raw(
        "azure-sas-token",
        &["sig="],
        r#"sv=[0-9]{4}-[0-9]{2}-[0-9]{2}&[^\s"'<>]{0,600}?sig=(?P<s>[A-Za-z0-9%+/]{40,120})"#,
        130,
    )
    .back(620)
    .edges(Edge::None, Edge::B64),
    // Up to 40 of [A-Za-z0-9_.~-], `-` in the first three too, e.g. abc7Q~...
    // (https://learn.microsoft.com/en-us/purview/sit-defn-azure-ad-client-secret).
    raw(
        "azure-ad-client-secret",
        &["Q~"],
        "[A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}",
        40,
    )
    .back(4)
    .edges(Edge::Azure, Edge::Azure)
    .check(Check::MinEntropy(35)),
    // 32 hex, either case (https://learn.microsoft.com/en-us/purview/sit-defn-azure-cognitive-service-key);
    // no Microsoft source found for the 84-character form.
    named(
        "azure-openai-key",
        &["azure_openai", "azure-openai", "azure_ai", "azure_cognitive", "azure_speech", "azure_search",
          "ocp-apim-subscription-key"],
        "azure[_-]?openai[_-]?(?:api[_-]?)?key|azure[_-]?(?:ai|cognitive[_-]?services?|speech|search)[_-]?(?:api[_-]?|admin[_-]?)?key|ocp-apim-subscription-key",
        "[a-fA-F0-9]{32}|[A-Za-z0-9]{84}",
        84,
    )
    .ids(),
    // ---- OpenAI
    raw("openai-project-key", &["sk-proj-"], "sk-proj-[A-Za-z0-9_-]{40,300}", 310).right(Edge::Token),
    raw("openai-service-account-key", &["sk-svcacct-"], "sk-svcacct-[A-Za-z0-9_-]{40,300}", 320)
        .right(Edge::Token),
    raw("openai-admin-key", &["sk-admin-"], "sk-admin-[A-Za-z0-9_-]{40,300}", 310).right(Edge::Token),
    raw(
        "openai-api-key",
        &["T3BlbkFJ"],
        "sk-(?:[A-Za-z0-9]{1,16}-)?[A-Za-z0-9_-]{16,150}T3BlbkFJ[A-Za-z0-9_-]{16,150}",
        160,
    )
    .back(180)
    .right(Edge::Token),
    // ---- Anthropic
    // 108 characters ending in `AA`: Anthropic Admin API `partial_key_hint`
    // examples show `sk-ant-api03-...AA`.
    raw("anthropic-api-key", &["sk-ant-api03-"], "sk-ant-api03-[A-Za-z0-9_-]{93}AA", 120).right(Edge::Token),
    raw("anthropic-admin-key", &["sk-ant-admin01-"], "sk-ant-admin01-[A-Za-z0-9_-]{93}AA", 120)
        .right(Edge::Token),
    raw(
        "anthropic-oauth-token",
        &["sk-ant-oat01-", "sk-ant-ort01-"],
        "sk-ant-o[ar]t01-[A-Za-z0-9_-]{80,140}",
        160,
    )
    .right(Edge::Token),
    // ---- Other AI providers
    raw("openrouter-api-key", &["sk-or-v1-"], "sk-or-v1-[a-f0-9]{64}", 80),
    raw("groq-api-key", &["gsk_"], "gsk_[A-Za-z0-9]{52}", 60),
    raw("perplexity-api-key", &["pplx-"], "pplx-[A-Za-z0-9]{40,56}", 64),
    // "40-character strings that always start with r8_" (https://replicate.com/docs/topics/security/api-tokens).
    raw("replicate-api-token", &["r8_"], "r8_[A-Za-z0-9]{37}", 44),
    raw("xai-api-key", &["xai-"], "xai-[A-Za-z0-9]{80}", 88),
    // Letters only after `hf_` (huggingface.co/docs/hub/security-tokens names the
    // prefix; every published reference detector uses [A-Za-z]{34}).
    raw("huggingface-token", &["hf_", "api_org_"], "(?:hf|api_org)_[A-Za-z]{34}", 44),
    raw("tavily-api-key", &["tvly-"], "tvly-(?:dev-|prod-)?[A-Za-z0-9]{32}", 48),
    raw("firecrawl-api-key", &["fc-"], "fc-[a-f0-9]{32}", 40),
    raw("langsmith-api-key", &["lsv2_"], "lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}", 56),
    raw("pinecone-api-key", &["pcsk_"], "pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{40,80}", 100),
    named("mistral-api-key", &["mistral"], "mistral[_-]?(?:ai[_-]?)?api[_-]?key|mistral[_-]?key", "[A-Za-z0-9]{32}", 32),
    named("cohere-api-key", &["cohere", "co_api_key"], "cohere[_-]?(?:api[_-]?)?key|co[_-]api[_-]key", "[A-Za-z0-9]{40}", 40),
    raw("elevenlabs-api-key", &["sk_"], "sk_[a-f0-9]{48}", 56),
    // ---- Registries and developer platforms
    // 30 random base62 + a 6-character base62 CRC32 of them, like GitHub's
    // (github.blog/changelog 2021-09-23 "npm has a new access token format";
    // legacy UUID tokens were removed 2025-11, docs.npmjs.com "About access tokens").
    raw("npm-token", &["npm_"], "npm_[A-Za-z0-9]{36}", 48).check(Check::GithubCrc),
    // pypi- + an unpadded urlsafe-base64 macaroon "not shorter than 85 characters" and
    // "arbitrarily long" (https://docs.pypi.org/api/secrets/); v2 macaroons start with their
    // location, pypi.org or test.pypi.org
    // (https://github.com/pypi/warehouse/blob/main/warehouse/macaroons/services.py).
    raw(
        "pypi-token",
        &["pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"],
        "pypi-AgE(?:IcHlwaS5vcmc[A-Za-z0-9_-]{70,4096}|NdGVzdC5weXBpLm9yZw[A-Za-z0-9_-]{63,4096})",
        4120,
    )
    .right(Edge::Token),
    raw("docker-hub-token", &["dckr_pat_", "dckr_oat_"], "dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,40}", 52)
        .right(Edge::Token),
    raw("vault-token", &["hvs.", "hvb.", "hvr."], r"hv[sbr]\.[A-Za-z0-9_-]{24,400}", 410).right(Edge::Token),
    raw(
        "terraform-cloud-token",
        &[".atlasv1."],
        r"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}",
        80,
    )
    .back(16)
    .edges(Edge::Alnum, Edge::Token),
    raw("pulumi-access-token", &["pul-"], "pul-[a-f0-9]{40}", 48),
    // Service tokens carry their config's name, dp.st.<config>.<secret>
    // (https://docs.doppler.com/docs/service-tokens); the other prefixes have no Doppler source.
    raw(
        "doppler-token",
        &["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."],
        r"dp\.(?:pt|st|sa|ct|scim|audit)\.(?:[A-Za-z0-9_-]{1,40}\.)?[A-Za-z0-9]{40,44}",
        100,
    ),
    raw("onepassword-service-account-token", &["ops_eyJ"], "ops_eyJ[A-Za-z0-9+/_-]{100,2000}={0,2}", 2020)
        .right(Edge::B64Any),
    raw(
        "onepassword-secret-key",
        &["A3-"],
        "A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}",
        48,
    )
    .right(Edge::Token),
    raw("databricks-token", &["dapi"], "dapi[a-f0-9]{32}(?:-[0-9])?", 44),
    raw("figma-token", &["figd_"], "figd_[A-Za-z0-9_-]{38,48}", 56).right(Edge::Token),
    raw("postman-api-key", &["PMAK-"], "PMAK-[a-f0-9]{24}-[a-f0-9]{34}", 68),
    // Atlassian says token length varies (support.atlassian.com, "Manage API tokens
    // for your Atlassian account"); observed ATATT3 tokens are ~190 characters. The
    // bound is generous: a longer token would fail the edge check and be missed whole.
    raw("atlassian-api-token", &["ATATT3", "ATCTT3"], "AT[AC]TT3[A-Za-z0-9_=-]{150,1024}", 1040).right(Edge::Token),
    raw("bitbucket-app-password", &["ATBB"], "ATBB[A-Za-z0-9]{28,40}", 48),
    raw("sourcegraph-token", &["sgp_"], "sgp_(?:[a-f0-9]{16}_|local_)?[a-f0-9]{40}", 68),
    raw("buildkite-token", &["bkua_"], "bkua_[a-f0-9]{40}", 48),
    raw("contentful-token", &["CFPAT-"], "CFPAT-[A-Za-z0-9_-]{43}", 52).right(Edge::Token),
    // Keys start with lin_api_ (Linear settings, Personal API keys).
    raw("linear-api-key", &["lin_api_"], "lin_api_[A-Za-z0-9]{40}", 52),
    raw("linear-oauth-token", &["lin_oauth_"], "lin_oauth_[a-f0-9]{64}", 80),
    raw("notion-token", &["secret_", "ntn_"], "secret_[A-Za-z0-9]{43}|ntn_[A-Za-z0-9]{40,50}", 56),
    named(
        "asana-pat",
        &["asana"],
        "asana[_-]?(?:access[_-]?token|api[_-]?(?:key|token)|pat|token|personal[_-]?access[_-]?token)",
        "[12]/[0-9]{10,20}(?:/[0-9]{10,20})?:[A-Za-z0-9]{32}",
        80,
    ),
    raw("airtable-pat", &["pat"], r"pat[A-Za-z0-9]{14}\.[a-f0-9]{64}", 88),
    raw("grafana-cloud-token", &["glc_"], "glc_[A-Za-z0-9+/]{32,400}={0,2}", 420).right(Edge::B64),
    raw("grafana-service-account-token", &["glsa_"], "glsa_[A-Za-z0-9]{32}_[a-f0-9]{8}", 52),
    raw("grafana-api-key", &["eyJrIjoi"], "eyJrIjoi[A-Za-z0-9+/]{40,100}={0,2}", 120).right(Edge::B64),
    raw("newrelic-user-api-key", &["NRAK-"], "NRAK-[A-Z0-9]{27}", 40),
    raw("newrelic-insert-key", &["NRII-"], "NRII-[A-Za-z0-9_-]{32}", 40).right(Edge::Token),
    raw("newrelic-license-key", &["NRAL"], "[a-f0-9]{36}NRAL", 8).back(40).edges(Edge::Alnum, Edge::Alnum),
    // API keys 32 hex, application keys 40 hex, newer application keys ddapp_ + 34
    // (Datadog Agent's own scrubber, https://github.com/DataDog/datadog-agent/blob/main/pkg/util/scrubber/default.go).
    raw("datadog-app-key", &["ddapp_"], "ddapp_[A-Za-z0-9_]{34}", 48).right(Edge::Word),
    named(
        "datadog-api-key",
        &["dd_api_key", "dd-api-key", "datadog_api_key", "datadog-api-key"],
        "(?:dd|datadog)[_-]api[_-]key",
        "[a-f0-9]{32}",
        32,
    )
    .ids(),
    named(
        "datadog-app-key",
        &["dd_app_key", "dd-app-key", "dd_application_key", "dd-application-key", "datadog_app_key",
          "datadog_application_key", "datadog-app-key", "datadog-application-key"],
        "(?:dd|datadog)[_-](?:app|application)[_-]key",
        "[a-f0-9]{40}",
        40,
    )
    .ids(),
    // Search-only keys are public by design; admin and write keys are not.
    named(
        "algolia-api-key",
        &["algolia"],
        "algolia[_-](?:admin[_-]|write[_-])?(?:api[_-])?key",
        "[a-f0-9]{32}",
        32,
    )
    .ids(),
    // sntryu_ + token_hex(32) (https://github.com/getsentry/sentry/blob/master/src/sentry/models/apitoken.py);
    // OAuth application client secrets are sntrya_ + token_hex(32)
    // (https://github.com/getsentry/sentry/blob/master/src/sentry/models/apiapplication.py).
    // sntrys_ + standard base64 of a JSON payload + _ + 43 base64
    // (https://github.com/getsentry/sentry/blob/master/src/sentry/utils/security/orgauthtoken_token.py).
    raw("sentry-user-token", &["sntryu_"], "sntryu_[a-f0-9]{64}", 80),
    raw("sentry-app-client-secret", &["sntrya_"], "sntrya_[a-f0-9]{64}", 80),
    raw("sentry-org-token", &["sntrys_"], "sntrys_[A-Za-z0-9+/=_-]{60,600}", 620).right(Edge::B64Any),
    // DSN keys are uuid4().hex, public:secret@host/project
    // (https://github.com/getsentry/sentry/blob/master/src/sentry/models/projectkey.py).
    raw(
        "sentry-dsn-secret",
        &["sentry"],
        "https?://[a-f0-9]{32}:(?P<s>[a-f0-9]{32})@[A-Za-z0-9.-]{0,100}sentry[A-Za-z0-9.-]{0,100}",
        120,
    )
    .back(180)
    .right(Edge::None)
    .ids(),
    // 32 characters after a 6-character prefix (shopify.dev changelog "Length of the
    // Shopify access token is increasing" and "App secret key length has increased").
    raw("shopify-access-token", &["shpat_"], "shpat_[a-fA-F0-9]{32}", 40),
    raw("shopify-custom-app-token", &["shpca_"], "shpca_[a-fA-F0-9]{32}", 40),
    raw("shopify-private-app-token", &["shppa_"], "shppa_[a-fA-F0-9]{32}", 40),
    raw("shopify-shared-secret", &["shpss_"], "shpss_[a-fA-F0-9]{32}", 40),
    // cfk_/cfut_/cfat_ + 40 characters + a checksum of undocumented length
    // (developers.cloudflare.com/fundamentals/api/get-started/token-formats).
    raw("cloudflare-api-token", &["cfut_", "cfat_"], "cf(?:ut|at)_[A-Za-z0-9]{40,56}", 64),
    raw("cloudflare-global-api-key", &["cfk_"], "cfk_[A-Za-z0-9]{40,56}", 64),
    named(
        "cloudflare-api-token",
        &["cloudflare_api_token", "cloudflare-api-token", "cf_api_token", "cf-api-token"],
        "(?:cloudflare|cf)[_-]api[_-]token",
        "[A-Za-z0-9_-]{40}",
        40,
    )
    .right(Edge::Token),
    named(
        "cloudflare-global-api-key",
        &["cloudflare_api_key", "cloudflare-api-key", "cf_api_key", "cf-api-key", "cloudflare_global_api_key"],
        "(?:cloudflare|cf)[_-](?:global[_-])?api[_-]key",
        "[a-f0-9]{37,45}",
        45,
    )
    .ids(),
    // dop_v1_/doo_v1_/dor_v1_ (DigitalOcean prefixed tokens, 2021).
    raw("digitalocean-pat", &["dop_v1_"], "dop_v1_[a-f0-9]{64}", 72),
    raw("digitalocean-oauth-token", &["doo_v1_"], "doo_v1_[a-f0-9]{64}", 72),
    raw("digitalocean-refresh-token", &["dor_v1_"], "dor_v1_[a-f0-9]{64}", 72),
    raw("vercel-token", &["vcp_", "vci_", "vca_", "vcr_"], "vc[piar]_[A-Za-z0-9_-]{24,120}", 130).right(Edge::Token),
    raw("vercel-api-key", &["vck_"], "vck_[A-Za-z0-9_-]{24,120}", 130).right(Edge::Token),
    named(
        "vercel-token",
        &["vercel"],
        "vercel[_-](?:api[_-]|access[_-]|auth[_-])?(?:token|key)",
        "[A-Za-z0-9]{24}",
        24,
    ),
    raw("netlify-token", &["nfp_"], "nfp_[A-Za-z0-9]{36,44}", 52),
    named(
        "netlify-token",
        &["netlify"],
        "netlify[_-](?:auth|access|api|personal[_-]access)[_-]token",
        "[A-Za-z0-9_-]{40,64}",
        64,
    )
    .right(Edge::Token),
    raw("heroku-api-key", &["HRKU-"], "HRKU-[A-Za-z0-9_-]{40,80}", 90).right(Edge::Token),
    named("heroku-api-key", &["heroku"], "heroku[_-](?:api[_-])?(?:key|token)", UUID, 36).ids(),
    named("snyk-token", &["snyk"], "snyk[_-](?:api[_-])?(?:token|key)", UUID, 36).ids(),
    raw("supabase-access-token", &["sbp_"], "sbp_[a-f0-9]{40}", 48),
    raw("supabase-secret-key", &["sb_secret_"], "sb_secret_[A-Za-z0-9_-]{20,80}", 96).right(Edge::Token),
    raw("render-api-key", &["rnd_"], "rnd_[A-Za-z0-9]{32}", 40),
    raw("neon-api-key", &["napi_"], "napi_[a-z0-9]{64}", 72),
    raw(
        "planetscale-token",
        &["pscale_tkn_", "pscale_pw_", "pscale_oauth_"],
        "pscale_(?:tkn|pw|oauth)_[A-Za-z0-9_.-]{32,64}",
        80,
    )
    .right(Edge::Token),
    raw("flyio-token", &["fm2_", "fo1_"], "f(?:m2|o1)_[A-Za-z0-9+/=_-]{40,2000}", 2010).right(Edge::B64Any),
    // ---- Messaging and webhooks
    // Every Twilio SID is a 2-letter prefix + 32 hex (twilio.com/docs/glossary/what-is-a-sid).
    raw("twilio-api-key", &["SK"], "SK[0-9a-fA-F]{32}", 40),
    // Account SIDs are shown in lowercase hex, but Twilio's own error pages quote them
    // in uppercase too (twilio.com/docs/errors/21470).
    raw("twilio-auth-token", &["AC"], "AC[0-9a-fA-F]{32}", 40).anchor(),
    named(
        "twilio-auth-token",
        &["twilio"],
        "twilio[_-](?:auth[_-]token|api[_-]secret|secret)",
        "[A-Za-z0-9]{32}",
        32,
    )
    .ids(),
    // "Twilio SendGrid API keys are 69 characters long" (twilio.com/docs/sendgrid,
    // API Keys): SG. + 22 + . + 43.
    raw("sendgrid-api-key", &["SG."], r"SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}", 72).right(Edge::Token),
    // key- + 32 lowercase base36, e.g. key-3ax6xnjp... in Mailgun's own docs until 2019
    // (https://github.com/mailgun/documentation/blob/8b9342e2eb4f56deb646d3c56001c904713deb34/source/api-intro.rst);
    // no Mailgun source found for the newer hex-hex-hex form below.
    raw("mailgun-api-key", &["key-"], "key-[0-9a-z]{32}", 40).ids(),
    named(
        "mailgun-api-key",
        &["mailgun", "mg_api_key"],
        "mailgun[_-](?:api[_-]|private[_-]|sending[_-])?key|mg[_-]api[_-]key",
        "[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}",
        50,
    )
    .ids(),
    raw("mailchimp-api-key", &["-us"], "[a-f0-9]{32}-us[0-9]{1,2}", 8).back(34).edges(Edge::Alnum, Edge::Alnum).ids(),
    named(
        "postmark-server-token",
        &["postmark"],
        "postmark[_-](?:server[_-]|account[_-]|api[_-])?(?:token|key)",
        UUID,
        36,
    )
    .ids(),
    raw(
        "discord-bot-token",
        &["MT", "Mj", "Mz", "ND", "NT", "Nj", "Nz", "OD", "OT"],
        r"[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40}",
        80,
    )
    .edges(Edge::Token, Edge::Token)
    .check(Check::DiscordBot),
    raw(
        "discord-webhook-url",
        &["discord.com/api/webhooks/", "discordapp.com/api/webhooks/"],
        r"https?://(?:[a-z]{1,10}\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,68}",
        130,
    )
    .back(24)
    .right(Edge::Token),
    // `<bot id>:<35 characters>` (core.telegram.org/bots/features#botfather,
    // example 110201543:AAHdq...). Bot ids are user ids: "at most 52
    // significant bits" (core.telegram.org/bots/api#user), so up to 16 digits;
    // 10-digit ids are already common and 11 will follow.
    raw("telegram-bot-token", &[":AA"], "[0-9]{8,16}:AA[A-Za-z0-9_-]{33}", 40)
        .back(18)
        .edges(Edge::Digit, Edge::Token),
    raw(
        "teams-webhook-url",
        &[".webhook.office.com/"],
        r"https://[A-Za-z0-9-]{1,64}\.webhook\.office\.com/webhookb2/[A-Za-z0-9@/_.-]{40,400}",
        440,
    )
    .back(80)
    .right(Edge::None),
    // ---- Payments
    raw("square-access-token", &["EAAA", "sq0atp-"], "EAAA[A-Za-z0-9_-]{60}|sq0atp-[A-Za-z0-9_-]{22}", 72)
        .right(Edge::Token),
    raw("square-oauth-secret", &["sq0csp-"], "sq0csp-[A-Za-z0-9_-]{43}", 56).right(Edge::Token),
    raw(
        "braintree-access-token",
        &["access_token$"],
        r"access_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32}",
        90,
    ),
    // ---- Keys and miscellaneous
    raw("age-secret-key", &["AGE-SECRET-KEY-1"], "AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}", 80),
    raw("mapbox-secret-token", &["sk.eyJ"], r"sk\.eyJ[A-Za-z0-9_-]{20,300}\.[A-Za-z0-9_-]{20,60}", 380)
        .right(Edge::Token),
    raw("dropbox-token", &["sl."], r"sl\.(?:u\.)?[A-Za-z0-9_-]{130,1400}", 1410).right(Edge::Token),
    named("okta-api-token", &["okta"], "okta[_-](?:api[_-])?(?:token|key)", "00[A-Za-z0-9_-]{40}", 42)
        .right(Edge::Token),
    // ---- JWTs (a service_role claim turns one into supabase-service-role-key).
    raw(
        "jwt",
        &["eyJ"],
        r"eyJ[A-Za-z0-9_-]{8,4096}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{16,2048}",
        14400,
    )
    .right(Edge::Token)
    .check(Check::Jwt),
    // ---- Credentials inside URLs (after the provider-specific URL rules).
    raw(
        "database-url-password",
        &["://"],
        r#"(?i:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|clickhouse|cockroachdb|couchdb|neo4j(?:\+s)?|bolt|memcached|cassandra)://[^:@/\s"'<>\\]{0,128}:(?P<s>[^@/\s"'<>\\]{1,256})@[A-Za-z0-9\[_-]"#,
        400,
    )
    .back(24)
    .right(Edge::None)
    .check(Check::UrlPassword),
    raw(
        "basic-auth-url-password",
        &["://"],
        r#"(?i:https?|ftps?|sftp|ssh|git|wss?|smtps?|imaps?|pop3s?|ldaps?|svn|rsync|nntp)://[^:@/\s"'<>\\]{1,128}:(?P<s>[^@/\s"'<>\\]{1,256})@[A-Za-z0-9\[_-]"#,
        400,
    )
    .back(12)
    .right(Edge::None)
    .check(Check::UrlPassword),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::kinds::KINDS;

    /// Kinds produced by code rather than by a table rule.
    const PRODUCED_ELSEWHERE: &[&str] = &[
        "gcp-service-account-key",
        "supabase-service-role-key",
        "private-key",
        "openssh-private-key",
        "encrypted-private-key",
        "pgp-private-key",
        "generic-secret",
        "generic-password",
        "generic-assignment",
        "bearer-token",
    ];

    #[test]
    fn every_rule_kind_is_described_and_every_kind_is_produced() {
        for r in RULES {
            assert!(KINDS.iter().any(|k| k.kind == r.kind), "{} has no KindInfo", r.kind);
        }
        for k in KINDS {
            assert!(
                RULES.iter().any(|r| r.kind == k.kind && r.emit)
                    || PRODUCED_ELSEWHERE.contains(&k.kind)
                    || k.kind == "twilio-auth-token",
                "{} is never produced",
                k.kind
            );
        }
        let mut seen = std::collections::HashSet::new();
        for k in KINDS {
            assert!(seen.insert(k.kind), "duplicate kind {}", k.kind);
        }
    }

    #[test]
    fn every_rule_compiles_and_has_keywords() {
        for r in RULES {
            assert!(!r.keywords.is_empty(), "{}", r.kind);
            let re = regex::Regex::new(&r.regex_source());
            assert!(re.is_ok(), "{}: {:?}", r.kind, re.err());
        }
    }
}
