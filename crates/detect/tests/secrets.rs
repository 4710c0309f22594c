//! Behaviour of the secrets engine. Every positive is generated here from the
//! provider's documented format (prefix, length, alphabet, checksum) with a
//! seeded PRNG, so no real credential is committed and runs are repeatable.

use mcpward_detect::secrets::{
    all_kinds, describe, is_placeholder, kind_info, redact, redact_in, scan_named_value, scan_text, Confidence,
    FingerprintKey, SecretMatch,
};

// ---------------------------------------------------------------- generators

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick(&mut self, alphabet: &str, n: usize) -> String {
        let a = alphabet.as_bytes();
        (0..n)
            .map(|_| a[(self.next() % a.len() as u64) as usize] as char)
            .collect()
    }
}

const ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const UPPER_ALNUM: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const LOWER_ALNUM: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
const LETTERS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const HEX: &str = "0123456789abcdef";
const DIGITS: &str = "0123456789";
const TOKEN: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
const B64: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BECH32: &str = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";
const AZURE: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-";

/// An independent CRC-32 (bitwise, no table) to build valid GitHub tokens.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn github_body(r: &mut Rng) -> String {
    let random = r.pick(ALNUM, 30);
    let mut n = crc32(random.as_bytes()) as u64;
    let digits = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut tail = vec![b'0'; 6];
    for slot in tail.iter_mut().rev() {
        *slot = digits[(n % 62) as usize];
        n /= 62;
    }
    format!("{random}{}", String::from_utf8(tail).unwrap_or_default())
}

fn b64_encode(data: &[u8], url: bool) -> String {
    let a: &[u8] = if url {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    } else {
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    };
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let v = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..=chunk.len() {
            out.push(a[((v >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

fn uuid(r: &mut Rng) -> String {
    format!(
        "{}-{}-4{}-a{}-{}",
        r.pick(HEX, 8),
        r.pick(HEX, 4),
        r.pick(HEX, 3),
        r.pick(HEX, 3),
        r.pick(HEX, 12)
    )
}

fn jwt(r: &mut Rng, payload: &str) -> String {
    format!(
        "{}.{}.{}",
        b64_encode(br#"{"alg":"HS256","typ":"JWT"}"#, true),
        b64_encode(payload.as_bytes(), true),
        r.pick(TOKEN, 43)
    )
}

fn pem(r: &mut Rng, label: &str, newline: &str) -> String {
    let lines: Vec<String> = (0..12).map(|_| r.pick(B64, 64)).collect();
    format!(
        "-----BEGIN {label}-----{newline}{}{newline}-----END {label}-----",
        lines.join(newline)
    )
}

/// One sample: the text scanned, the secret expected in it, its kind.
struct Sample {
    kind: &'static str,
    text: String,
    secret: String,
}

/// Three surroundings for a token with a recognisable format.
fn contexts(kind: &'static str, s: String) -> Vec<Sample> {
    vec![
        Sample {
            kind,
            text: s.clone(),
            secret: s.clone(),
        },
        Sample {
            kind,
            text: format!(r#"{{"mcpServers":{{"x":{{"command":"npx","env":{{"SERVICE_TOKEN":"{s}"}}}}}}}}"#),
            secret: s.clone(),
        },
        Sample {
            kind,
            text: format!("tool output: the value ({s}) was returned, ok"),
            secret: s,
        },
    ]
}

fn named(kind: &'static str, name: &str, s: String) -> Vec<Sample> {
    vec![
        Sample {
            kind,
            text: format!("export {name}={s}\n"),
            secret: s.clone(),
        },
        Sample {
            kind,
            text: format!(r#"{{"env": {{"{name}": "{s}"}}}}"#),
            secret: s.clone(),
        },
        Sample {
            kind,
            text: format!("{}: '{s}'", name.to_ascii_lowercase()),
            secret: s,
        },
    ]
}

fn one(kind: &'static str, text: String, secret: String) -> Vec<Sample> {
    vec![Sample { kind, text, secret }]
}

fn positives(r: &mut Rng) -> Vec<Sample> {
    let mut v = Vec::new();
    macro_rules! fmt {
        ($kind:literal, $e:expr) => {{
            let s: String = $e;
            v.extend(contexts($kind, s));
        }};
    }
    fmt!("github-pat", format!("ghp_{}", github_body(r)));
    fmt!("github-oauth-token", format!("gho_{}", github_body(r)));
    fmt!("github-user-token", format!("ghu_{}", github_body(r)));
    fmt!("github-app-token", format!("ghs_{}", github_body(r)));
    fmt!("github-refresh-token", format!("ghr_{}", github_body(r)));
    fmt!(
        "github-fine-grained-pat",
        format!("github_pat_{}_{}", r.pick(ALNUM, 22), r.pick(ALNUM, 59))
    );
    fmt!("gitlab-pat", format!("glpat-{}", r.pick(TOKEN, 20)));
    fmt!("gitlab-deploy-token", format!("gldt-{}", r.pick(TOKEN, 20)));
    fmt!("gitlab-runner-token", format!("glrt-{}", r.pick(TOKEN, 20)));
    fmt!("gitlab-pipeline-trigger-token", format!("glptt-{}", r.pick(HEX, 40)));
    fmt!("gitlab-oauth-app-secret", format!("gloas-{}", r.pick(HEX, 64)));
    fmt!("gitlab-token", format!("glft-{}", r.pick(TOKEN, 20)));
    fmt!(
        "slack-bot-token",
        format!(
            "xoxb-{}-{}-{}",
            r.pick(DIGITS, 11),
            r.pick(DIGITS, 13),
            r.pick(ALNUM, 24)
        )
    );
    fmt!(
        "slack-bot-token",
        format!("xoxb-{}-{}", r.pick(DIGITS, 12), r.pick(ALNUM, 24))
    );
    fmt!(
        "slack-user-token",
        format!(
            "xoxp-{}-{}-{}-{}",
            r.pick(DIGITS, 11),
            r.pick(DIGITS, 11),
            r.pick(DIGITS, 13),
            r.pick(HEX, 32)
        )
    );
    fmt!(
        "slack-app-token",
        format!(
            "xapp-1-A{}-{}-{}",
            r.pick(UPPER_ALNUM, 10),
            r.pick(DIGITS, 13),
            r.pick(HEX, 64)
        )
    );
    fmt!("slack-config-token", format!("xoxe.xoxp-1-{}", r.pick(ALNUM, 150)));
    fmt!(
        "slack-legacy-token",
        format!("xoxa-2-{}-{}", r.pick(DIGITS, 12), r.pick(ALNUM, 40))
    );
    fmt!(
        "slack-webhook-url",
        format!(
            "https://hooks.slack.com/services/T{}/B{}/{}",
            r.pick(UPPER_ALNUM, 8),
            r.pick(UPPER_ALNUM, 10),
            r.pick(ALNUM, 24)
        )
    );
    fmt!("stripe-secret-key", format!("sk_live_{}", r.pick(ALNUM, 99)));
    fmt!("stripe-restricted-key", format!("rk_live_{}", r.pick(ALNUM, 99)));
    fmt!("stripe-test-key", format!("sk_test_{}", r.pick(ALNUM, 99)));
    fmt!("stripe-webhook-secret", format!("whsec_{}", r.pick(ALNUM, 32)));
    fmt!("aws-access-key-id", format!("AKIA{}", r.pick(UPPER_ALNUM, 16)));
    {
        let id = format!("AKIA{}", r.pick(UPPER_ALNUM, 16));
        let secret = r.pick(B64, 40);
        v.extend(one(
            "aws-secret-access-key",
            format!("[default]\naws_access_key_id = {id}\naws_secret_access_key = {secret}\n"),
            secret.clone(),
        ));
        // The CSV IAM download: no names, only the pair.
        v.extend(one(
            "aws-secret-access-key",
            format!("User,{id},{secret}\n"),
            secret.clone(),
        ));
        v.extend(one(
            "aws-secret-access-key",
            format!("\"SecretAccessKey\": \"{secret}\""),
            secret,
        ));
    }
    v.extend(named(
        "aws-session-token",
        "AWS_SESSION_TOKEN",
        format!("IQoJb3JpZ2luX2Vj{}", r.pick(B64, 300)),
    ));
    fmt!("google-api-key", format!("AIza{}", r.pick(TOKEN, 35)));
    fmt!("google-oauth-client-secret", format!("GOCSPX-{}", r.pick(TOKEN, 28)));
    fmt!("google-oauth-refresh-token", format!("1//0{}", r.pick(TOKEN, 100)));
    fmt!("google-oauth-access-token", format!("ya29.{}", r.pick(TOKEN, 150)));
    {
        let key = pem(r, "PRIVATE KEY", "\\n");
        let text = format!(
            r#"{{"type": "service_account", "project_id": "p", "private_key_id": "{}", "private_key": "{key}\n", "client_email": "a@p.iam.gserviceaccount.com"}}"#,
            r.pick(HEX, 40)
        );
        v.extend(one("gcp-service-account-key", text, key));
    }
    {
        let k = format!("{}==", r.pick(B64, 86));
        v.extend(one(
            "azure-storage-account-key",
            format!("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={k};EndpointSuffix=core.windows.net"),
            k,
        ));
        let k = format!("{}=", r.pick(B64, 43));
        v.extend(one(
            "azure-shared-access-key",
            format!("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey={k}"),
            k,
        ));
        let sig = format!("{}%3D", r.pick(B64, 43));
        v.extend(one(
            "azure-sas-token",
            format!("https://acct.blob.core.windows.net/c?sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2030-01-01T00:00:00Z&spr=https&sig={sig}"),
            sig,
        ));
    }
    fmt!(
        "azure-ad-client-secret",
        format!("{}{}Q~{}", r.pick(ALNUM, 3), r.pick(DIGITS, 1), r.pick(AZURE, 34))
    );
    v.extend(named("azure-openai-key", "AZURE_OPENAI_API_KEY", r.pick(HEX, 32)));
    fmt!(
        "openai-project-key",
        format!("sk-proj-{}T3BlbkFJ{}", r.pick(TOKEN, 74), r.pick(TOKEN, 74))
    );
    fmt!(
        "openai-service-account-key",
        format!("sk-svcacct-{}T3BlbkFJ{}", r.pick(TOKEN, 74), r.pick(TOKEN, 74))
    );
    fmt!(
        "openai-admin-key",
        format!("sk-admin-{}T3BlbkFJ{}", r.pick(TOKEN, 74), r.pick(TOKEN, 74))
    );
    fmt!(
        "openai-api-key",
        format!("sk-{}T3BlbkFJ{}", r.pick(ALNUM, 20), r.pick(ALNUM, 20))
    );
    fmt!("anthropic-api-key", format!("sk-ant-api03-{}AA", r.pick(TOKEN, 93)));
    fmt!("anthropic-admin-key", format!("sk-ant-admin01-{}AA", r.pick(TOKEN, 93)));
    fmt!("anthropic-oauth-token", format!("sk-ant-oat01-{}AA", r.pick(TOKEN, 93)));
    fmt!("openrouter-api-key", format!("sk-or-v1-{}", r.pick(HEX, 64)));
    fmt!("groq-api-key", format!("gsk_{}", r.pick(ALNUM, 52)));
    fmt!("perplexity-api-key", format!("pplx-{}", r.pick(ALNUM, 48)));
    fmt!("replicate-api-token", format!("r8_{}", r.pick(ALNUM, 37)));
    fmt!("xai-api-key", format!("xai-{}", r.pick(ALNUM, 80)));
    fmt!("huggingface-token", format!("hf_{}", r.pick(LETTERS, 34)));
    fmt!("tavily-api-key", format!("tvly-dev-{}", r.pick(ALNUM, 32)));
    fmt!("firecrawl-api-key", format!("fc-{}", r.pick(HEX, 32)));
    fmt!(
        "langsmith-api-key",
        format!("lsv2_pt_{}_{}", r.pick(HEX, 32), r.pick(HEX, 10))
    );
    fmt!(
        "pinecone-api-key",
        format!("pcsk_{}_{}", r.pick(ALNUM, 5), r.pick(ALNUM, 63))
    );
    v.extend(named("mistral-api-key", "MISTRAL_API_KEY", r.pick(ALNUM, 32)));
    v.extend(named("cohere-api-key", "COHERE_API_KEY", r.pick(ALNUM, 40)));
    fmt!("elevenlabs-api-key", format!("sk_{}", r.pick(HEX, 48)));
    fmt!("npm-token", format!("npm_{}", github_body(r)));
    fmt!("pypi-token", format!("pypi-AgEIcHlwaS5vcmc{}", r.pick(TOKEN, 150)));
    fmt!("docker-hub-token", format!("dckr_pat_{}", r.pick(TOKEN, 27)));
    fmt!("vault-token", format!("hvs.{}", r.pick(TOKEN, 90)));
    fmt!(
        "terraform-cloud-token",
        format!("{}.atlasv1.{}", r.pick(ALNUM, 14), r.pick(TOKEN, 67))
    );
    fmt!("pulumi-access-token", format!("pul-{}", r.pick(HEX, 40)));
    fmt!("doppler-token", format!("dp.pt.{}", r.pick(ALNUM, 43)));
    fmt!(
        "onepassword-service-account-token",
        format!("ops_eyJ{}", r.pick(TOKEN, 300))
    );
    fmt!(
        "onepassword-secret-key",
        format!(
            "A3-{}-{}-{}-{}-{}",
            r.pick(UPPER_ALNUM, 6),
            r.pick(UPPER_ALNUM, 11),
            r.pick(UPPER_ALNUM, 5),
            r.pick(UPPER_ALNUM, 5),
            r.pick(UPPER_ALNUM, 5)
        )
    );
    fmt!("databricks-token", format!("dapi{}", r.pick(HEX, 32)));
    fmt!("figma-token", format!("figd_{}", r.pick(TOKEN, 40)));
    fmt!(
        "postman-api-key",
        format!("PMAK-{}-{}", r.pick(HEX, 24), r.pick(HEX, 34))
    );
    fmt!(
        "atlassian-api-token",
        format!("ATATT3xFfGF0{}={}", r.pick(TOKEN, 170), r.pick(UPPER_ALNUM, 8))
    );
    // Atlassian says lengths vary: a longer one is found whole.
    fmt!(
        "atlassian-api-token",
        format!("ATATT3xFfGF0{}={}", r.pick(TOKEN, 400), r.pick(UPPER_ALNUM, 8))
    );
    fmt!("bitbucket-app-password", format!("ATBB{}", r.pick(ALNUM, 32)));
    fmt!(
        "sourcegraph-token",
        format!("sgp_{}_{}", r.pick(HEX, 16), r.pick(HEX, 40))
    );
    fmt!("buildkite-token", format!("bkua_{}", r.pick(HEX, 40)));
    fmt!("contentful-token", format!("CFPAT-{}", r.pick(TOKEN, 43)));
    fmt!("linear-api-key", format!("lin_api_{}", r.pick(ALNUM, 40)));
    fmt!("linear-oauth-token", format!("lin_oauth_{}", r.pick(HEX, 64)));
    fmt!(
        "notion-token",
        format!("ntn_{}{}", r.pick(DIGITS, 11), r.pick(ALNUM, 35))
    );
    fmt!("notion-token", format!("secret_{}", r.pick(ALNUM, 43)));
    v.extend(named(
        "asana-pat",
        "ASANA_ACCESS_TOKEN",
        format!("2/{}/{}:{}", r.pick(DIGITS, 16), r.pick(DIGITS, 16), r.pick(HEX, 32)),
    ));
    fmt!("airtable-pat", format!("pat{}.{}", r.pick(ALNUM, 14), r.pick(HEX, 64)));
    fmt!("grafana-cloud-token", format!("glc_eyJ{}", r.pick(B64, 120)));
    fmt!(
        "grafana-service-account-token",
        format!("glsa_{}_{}", r.pick(ALNUM, 32), r.pick(HEX, 8))
    );
    fmt!("grafana-api-key", format!("eyJrIjoi{}", r.pick(B64, 60)));
    fmt!("newrelic-user-api-key", format!("NRAK-{}", r.pick(UPPER_ALNUM, 27)));
    fmt!("newrelic-insert-key", format!("NRII-{}", r.pick(TOKEN, 32)));
    fmt!("newrelic-license-key", format!("{}NRAL", r.pick(HEX, 36)));
    v.extend(named("algolia-api-key", "ALGOLIA_ADMIN_API_KEY", r.pick(HEX, 32)));
    v.extend(named("datadog-api-key", "DD_API_KEY", r.pick(HEX, 32)));
    v.extend(named("datadog-app-key", "DD_APP_KEY", r.pick(HEX, 40)));
    v.extend(named("datadog-app-key", "DATADOG_APPLICATION_KEY", r.pick(HEX, 40)));
    fmt!("sentry-user-token", format!("sntryu_{}", r.pick(HEX, 64)));
    fmt!(
        "sentry-org-token",
        format!("sntrys_eyJ{}_{}", r.pick(B64, 120), r.pick(ALNUM, 43))
    );
    {
        let secret = r.pick(HEX, 32);
        v.extend(one(
            "sentry-dsn-secret",
            format!(
                "SENTRY_DSN=https://{}:{secret}@o123456.ingest.sentry.io/4505",
                r.pick(HEX, 32)
            ),
            secret,
        ));
    }
    fmt!("shopify-access-token", format!("shpat_{}", r.pick(HEX, 32)));
    fmt!("shopify-custom-app-token", format!("shpca_{}", r.pick(HEX, 32)));
    fmt!("shopify-private-app-token", format!("shppa_{}", r.pick(HEX, 32)));
    fmt!("shopify-shared-secret", format!("shpss_{}", r.pick(HEX, 32)));
    fmt!("cloudflare-api-token", format!("cfut_{}", r.pick(ALNUM, 48)));
    v.extend(named("cloudflare-api-token", "CLOUDFLARE_API_TOKEN", r.pick(TOKEN, 40)));
    fmt!("cloudflare-global-api-key", format!("cfk_{}", r.pick(ALNUM, 48)));
    v.extend(named("cloudflare-global-api-key", "CF_API_KEY", r.pick(HEX, 37)));
    fmt!("digitalocean-pat", format!("dop_v1_{}", r.pick(HEX, 64)));
    fmt!("digitalocean-oauth-token", format!("doo_v1_{}", r.pick(HEX, 64)));
    fmt!("digitalocean-refresh-token", format!("dor_v1_{}", r.pick(HEX, 64)));
    fmt!("vercel-token", format!("vcp_{}", r.pick(TOKEN, 56)));
    v.extend(named("vercel-token", "VERCEL_TOKEN", r.pick(ALNUM, 24)));
    fmt!("vercel-api-key", format!("vck_{}", r.pick(TOKEN, 56)));
    fmt!("netlify-token", format!("nfp_{}", r.pick(ALNUM, 40)));
    v.extend(named("netlify-token", "NETLIFY_AUTH_TOKEN", r.pick(TOKEN, 43)));
    fmt!("heroku-api-key", format!("HRKU-AA{}", r.pick(TOKEN, 58)));
    v.extend(named("heroku-api-key", "HEROKU_API_KEY", uuid(r)));
    v.extend(named("snyk-token", "SNYK_TOKEN", uuid(r)));
    fmt!("supabase-access-token", format!("sbp_{}", r.pick(HEX, 40)));
    fmt!("supabase-secret-key", format!("sb_secret_{}", r.pick(TOKEN, 31)));
    {
        let payload = format!(
            r#"{{"iss":"supabase","ref":"{}","role":"service_role","iat":1700000000,"exp":2000000000}}"#,
            r.pick(LOWER_ALNUM, 20)
        );
        let t = jwt(r, &payload);
        v.extend(contexts("supabase-service-role-key", t));
        let payload = format!(r#"{{"sub":"{}","iat":1700000000,"name":"x"}}"#, r.pick(ALNUM, 12));
        let t = jwt(r, &payload);
        v.extend(contexts("jwt", t));
    }
    fmt!("render-api-key", format!("rnd_{}", r.pick(ALNUM, 32)));
    fmt!("neon-api-key", format!("napi_{}", r.pick(LOWER_ALNUM, 64)));
    fmt!("planetscale-token", format!("pscale_tkn_{}", r.pick(TOKEN, 43)));
    fmt!("flyio-token", format!("fm2_{}", r.pick(B64, 200)));
    fmt!("twilio-api-key", format!("SK{}", r.pick(HEX, 32)));
    v.extend(named("twilio-auth-token", "TWILIO_AUTH_TOKEN", r.pick(HEX, 32)));
    {
        let tok = r.pick(HEX, 32);
        v.extend(one(
            "twilio-auth-token",
            format!(r#"client = Client("AC{}", "{tok}")"#, r.pick(HEX, 32)),
            tok,
        ));
    }
    {
        // The account SID as Twilio's error pages print it, in uppercase hex.
        let tok = r.pick(HEX, 32);
        v.extend(one(
            "twilio-auth-token",
            format!(r#"client = Client("AC{}", "{tok}")"#, r.pick("0123456789ABCDEF", 32)),
            tok,
        ));
    }
    fmt!(
        "sendgrid-api-key",
        format!("SG.{}.{}", r.pick(TOKEN, 22), r.pick(TOKEN, 43))
    );
    fmt!("mailgun-api-key", format!("key-{}", r.pick(HEX, 32)));
    v.extend(named(
        "mailgun-api-key",
        "MAILGUN_API_KEY",
        format!("{}-{}-{}", r.pick(HEX, 32), r.pick(HEX, 8), r.pick(HEX, 8)),
    ));
    fmt!(
        "mailchimp-api-key",
        format!("{}-us{}", r.pick(HEX, 32), 1 + r.next() % 20)
    );
    v.extend(named("postmark-server-token", "POSTMARK_SERVER_TOKEN", uuid(r)));
    {
        let id = format!("1{}", r.pick(DIGITS, 17));
        let first = b64_encode(id.as_bytes(), true);
        fmt!(
            "discord-bot-token",
            format!("{first}.{}.{}", r.pick(TOKEN, 6), r.pick(TOKEN, 38))
        );
    }
    fmt!(
        "discord-webhook-url",
        format!(
            "https://discord.com/api/webhooks/{}/{}",
            r.pick(DIGITS, 18),
            r.pick(TOKEN, 68)
        )
    );
    fmt!(
        "telegram-bot-token",
        format!("{}:AA{}", r.pick(DIGITS, 10), r.pick(TOKEN, 33))
    );
    fmt!(
        "telegram-bot-token",
        format!("{}:AA{}", r.pick(DIGITS, 11), r.pick(TOKEN, 33))
    );
    fmt!(
        "teams-webhook-url",
        format!(
            "https://contoso.webhook.office.com/webhookb2/{}@{}/IncomingWebhook/{}/{}",
            uuid(r),
            uuid(r),
            r.pick(HEX, 32),
            uuid(r)
        )
    );
    fmt!("square-access-token", format!("EAAA{}", r.pick(TOKEN, 60)));
    fmt!("square-access-token", format!("sq0atp-{}", r.pick(TOKEN, 22)));
    fmt!("square-oauth-secret", format!("sq0csp-{}", r.pick(TOKEN, 43)));
    fmt!(
        "braintree-access-token",
        format!(
            "access_token$production${}${}",
            r.pick(LOWER_ALNUM, 16),
            r.pick(HEX, 32)
        )
    );
    fmt!("age-secret-key", format!("AGE-SECRET-KEY-1{}", r.pick(BECH32, 58)));
    fmt!(
        "mapbox-secret-token",
        format!("sk.eyJ{}.{}", r.pick(TOKEN, 60), r.pick(TOKEN, 22))
    );
    fmt!("dropbox-token", format!("sl.u.{}", r.pick(TOKEN, 140)));
    v.extend(named(
        "okta-api-token",
        "OKTA_API_TOKEN",
        format!("00{}", r.pick(TOKEN, 40)),
    ));
    fmt!(
        "datadog-app-key",
        format!(
            "ddapp_{}",
            r.pick("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_", 34)
        )
    );
    fmt!("mailgun-api-key", format!("key-{}x", r.pick(LOWER_ALNUM, 31)));
    fmt!("sentry-app-client-secret", format!("sntrya_{}", r.pick(HEX, 64)));
    for (kind, label) in [
        ("private-key", "RSA PRIVATE KEY"),
        ("private-key", "PRIVATE KEY"),
        ("private-key", "EC PRIVATE KEY"),
        ("openssh-private-key", "OPENSSH PRIVATE KEY"),
        ("encrypted-private-key", "ENCRYPTED PRIVATE KEY"),
        ("pgp-private-key", "PGP PRIVATE KEY BLOCK"),
    ] {
        let k = pem(r, label, "\n");
        v.extend(one(kind, format!("cat ~/.ssh/id\n{k}\n$ "), k));
        let k = pem(r, label, "\\n");
        v.extend(one(kind, format!(r#"{{"key": "{k}"}}"#), k));
    }
    {
        let pw = r.pick(ALNUM, 20);
        v.extend(one(
            "database-url-password",
            format!("DATABASE_URL=postgres://app:{pw}@db.internal:5432/app"),
            pw,
        ));
        let pw = r.pick(ALNUM, 24);
        v.extend(one(
            "database-url-password",
            format!(r#"["mongodb+srv://svc:{pw}@cluster0.abcde.mongodb.net/db"]"#),
            pw,
        ));
        let pw = r.pick(ALNUM, 16);
        v.extend(one("database-url-password", format!("rediss://:{pw}@cache:6380/0"), pw));
        let pw = r.pick(ALNUM, 20);
        v.extend(one(
            "basic-auth-url-password",
            format!("git clone https://deploy:{pw}@git.internal.net/repo.git"),
            pw,
        ));
    }
    {
        let s = format!("{}{}", r.pick(ALNUM, 30), r.pick(DIGITS, 2));
        v.extend(one(
            "generic-assignment",
            format!("loaded config: api_secret = '{s}'"),
            s,
        ));
        let s = format!("{}{}", r.pick(ALNUM, 38), r.pick(DIGITS, 2));
        v.extend(one(
            "bearer-token",
            format!("curl -H 'Authorization: Bearer {s}' https://api.x"),
            s,
        ));
    }
    v
}

/// Named-value samples for `scan_named_value`: (kind, name, value).
fn named_values(r: &mut Rng) -> Vec<(&'static str, &'static str, String)> {
    vec![
        (
            "github-pat",
            "GITHUB_PERSONAL_ACCESS_TOKEN",
            format!("ghp_{}", github_body(r)),
        ),
        ("datadog-api-key", "DD_API_KEY", r.pick(HEX, 32)),
        ("datadog-app-key", "DD_APP_KEY", r.pick(HEX, 40)),
        ("azure-openai-key", "AZURE_OPENAI_API_KEY", r.pick(HEX, 32)),
        ("mistral-api-key", "MISTRAL_API_KEY", r.pick(ALNUM, 32)),
        ("heroku-api-key", "HEROKU_API_KEY", uuid(r)),
        ("twilio-auth-token", "TWILIO_AUTH_TOKEN", r.pick(HEX, 32)),
        ("cloudflare-api-token", "CLOUDFLARE_API_TOKEN", r.pick(TOKEN, 40)),
        (
            "generic-secret",
            "BRAVE_API_KEY",
            format!("BSA{}{}", r.pick(ALNUM, 24), r.pick(DIGITS, 3)),
        ),
        (
            "generic-secret",
            "MY_SERVICE_TOKEN",
            format!("{}{}", r.pick(ALNUM, 30), r.pick(DIGITS, 2)),
        ),
        (
            "generic-secret",
            "x-api-key",
            format!("{}{}", r.pick(ALNUM, 30), r.pick(DIGITS, 2)),
        ),
        (
            "bearer-token",
            "Authorization",
            format!("Bearer {}{}", r.pick(ALNUM, 30), r.pick(DIGITS, 2)),
        ),
        ("snyk-token", "SNYK_TOKEN", uuid(r)),
        (
            "generic-password",
            "DB_PASSWORD",
            format!("{}{}", r.pick(ALNUM, 10), r.pick(DIGITS, 2)),
        ),
    ]
}

// ---------------------------------------------------------------- helpers

fn found(text: &str, kind: &str, secret: &str) -> bool {
    scan_text(text).iter().any(|m| m.kind == kind && m.text(text) == secret)
}

fn check_offsets(text: &str, ms: &[SecretMatch]) {
    let mut last_end = 0;
    for m in ms {
        assert!(m.start < m.end && m.end <= text.len(), "bad range {m:?}");
        assert!(
            text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
            "not on a char boundary: {m:?}"
        );
        assert!(m.start >= last_end, "overlapping or unsorted matches");
        last_end = m.end;
        assert!(kind_info(m.kind).is_some(), "{} has no KindInfo", m.kind);
    }
}

// ---------------------------------------------------------------- positives

#[test]
fn every_kind_has_a_generated_true_positive() {
    let mut r = Rng(0x5EED_0001);
    let samples = positives(&mut r);
    let covered: std::collections::HashSet<&str> = samples.iter().map(|s| s.kind).collect();
    let mut missing: Vec<&str> = all_kinds()
        .iter()
        .map(|k| k.kind)
        .filter(|k| !covered.contains(k))
        .collect();
    // Produced only by scan_named_value, tested below.
    missing.retain(|k| !["generic-secret", "generic-password"].contains(k));
    assert!(missing.is_empty(), "kinds without a positive sample: {missing:?}");
    assert!(all_kinds().len() >= 50, "only {} kinds", all_kinds().len());
}

#[test]
fn recall_over_generated_positives_is_at_least_98_percent() {
    let mut total = 0usize;
    let mut hits = 0usize;
    let mut misses: Vec<String> = Vec::new();
    for seed in 1..=12u64 {
        let mut r = Rng(0x9E37_79B9_7F4A_7C15 ^ seed.wrapping_mul(0x1000_0000_01B3));
        for s in positives(&mut r) {
            total += 1;
            let ms = scan_text(&s.text);
            check_offsets(&s.text, &ms);
            if ms.iter().any(|m| m.kind == s.kind && m.text(&s.text) == s.secret) {
                hits += 1;
            } else if misses.len() < 20 {
                let got: Vec<&str> = ms.iter().map(|m| m.kind).collect();
                misses.push(format!("{} (got {got:?}) in {} bytes", s.kind, s.text.len()));
            }
        }
    }
    let recall = hits as f64 / total as f64;
    println!("recall: {hits}/{total} = {:.2}%", recall * 100.0);
    for m in &misses {
        println!("  missed: {m}");
    }
    assert!(recall >= 0.98, "recall {:.2}% < 98%: {misses:?}", recall * 100.0);
}

#[test]
fn github_tokens_with_valid_checksum_are_high_and_tampered_are_medium() {
    let mut r = Rng(42);
    let t = format!("ghp_{}", github_body(&mut r));
    let ms = scan_text(&t);
    assert_eq!(ms.len(), 1);
    assert_eq!((ms[0].kind, ms[0].confidence), ("github-pat", Confidence::High));
    let mut bad = t.clone().into_bytes();
    bad[39] = if bad[39] == b'A' { b'B' } else { b'A' };
    let bad = String::from_utf8(bad).unwrap_or_default();
    let ms = scan_text(&bad);
    assert_eq!(ms.len(), 1, "a bad checksum must not drop the match");
    assert_eq!((ms[0].kind, ms[0].confidence), ("github-pat", Confidence::Medium));
}

// ------------------------------------------------ formats checked against provider docs

/// The one match `scan_text` reports for `text`, as (kind, confidence, text).
fn only_match(text: &str) -> Option<(&'static str, Confidence, String)> {
    let ms = scan_text(text);
    match ms.as_slice() {
        [m] => Some((m.kind, m.confidence, m.text(text).to_string())),
        _ => None,
    }
}

#[test]
fn npm_tokens_with_valid_checksum_are_high_and_tampered_are_medium() {
    // npm tokens carry GitHub's base62 CRC32 tail (GitHub changelog
    // 2021-09-23, "npm has a new access token format").
    let mut r = Rng(4242);
    for _ in 0..50 {
        let t = format!("npm_{}", github_body(&mut r));
        assert_eq!(only_match(&t), Some(("npm-token", Confidence::High, t.clone())));
        let mut bad = t.clone().into_bytes();
        bad[10] = if bad[10] == b'A' { b'B' } else { b'A' };
        let bad = String::from_utf8(bad).unwrap_or_default();
        assert_eq!(
            only_match(&bad),
            Some(("npm-token", Confidence::Medium, bad.clone())),
            "a bad checksum must lower confidence, not drop the match"
        );
    }
    // Near misses: one character short, or glued to more token characters.
    let body = github_body(&mut r);
    assert!(scan_text(&format!("npm_{}", &body[..35])).is_empty());
    assert!(scan_text(&format!("npm_{body}x")).is_empty());
}

#[test]
fn slack_legacy_bot_tokens_with_one_digit_group_are_found() {
    // Classic bot users: `xoxb-<digits>-<random>` with no second digit group.
    let mut r = Rng(515);
    for _ in 0..20 {
        let t = format!("xoxb-{}-{}", r.pick(DIGITS, 12), r.pick(ALNUM, 24));
        let text = format!("SLACK_TOKEN={t}\n");
        assert_found(&text, "slack-bot-token", &t);
    }
    // Near misses: random part too short, no digit group at all.
    assert_none_found(
        "slack-bot-token",
        [
            format!("xoxb-{}-{}", r.pick(DIGITS, 12), r.pick(ALNUM, 10)),
            format!("xoxb-{}", r.pick(ALNUM, 24)),
        ],
    );
}

#[test]
fn telegram_bot_ids_longer_than_ten_digits_are_found() {
    // Bot ids are user ids, "at most 52 significant bits" (Bot API, User.id).
    let mut r = Rng(777);
    for digits in [8, 9, 10, 11, 12, 16] {
        let t = format!(
            "{}:AA{}",
            r.pick("123456789", 1) + &r.pick(DIGITS, digits - 1),
            r.pick(TOKEN, 33)
        );
        assert_eq!(
            only_match(&t).map(|m| (m.0, m.2)),
            Some(("telegram-bot-token", t.clone())),
            "{digits} digits"
        );
    }
    // Near misses: an id longer than 52 bits allow, too few digits, a short secret.
    assert_none_found(
        "telegram-bot-token",
        [
            format!("{}:AA{}", r.pick(DIGITS, 17), r.pick(TOKEN, 33)),
            format!("{}:AA{}", r.pick(DIGITS, 7), r.pick(TOKEN, 33)),
            format!("{}:AA{}", r.pick(DIGITS, 11), r.pick(TOKEN, 32)),
        ],
    );
}

/// Whether `scan_text` reports any `kind` match in `text`.
fn kind_found(text: &str, kind: &str) -> bool {
    scan_text(text).iter().any(|m| m.kind == kind)
}

/// `kind` finds exactly `token` in `text`.
fn assert_found(text: &str, kind: &str, token: &str) {
    assert!(found(text, kind, token), "{kind}: {text:?} -> {:?}", scan_text(text));
}

/// `kind` finds nothing in any of `near_misses`.
fn assert_none_found(kind: &str, near_misses: impl IntoIterator<Item = String>) {
    for t in near_misses {
        assert!(!kind_found(&t, kind), "{kind}: {t:?}");
    }
}

#[test]
fn pypi_tokens_are_at_least_85_base64_characters_and_may_be_long() {
    // "The base64 string will not be shorter than 85 characters. A token can be
    // arbitrarily long" (docs.pypi.org/api/secrets). The location field fixes the
    // first 15 (pypi.org) or 22 (test.pypi.org) of them.
    let mut r = Rng(8585);
    for (location, rest) in [("AgEIcHlwaS5vcmc", 70), ("AgENdGVzdC5weXBpLm9yZw", 63)] {
        for extra in [0, 1, 40, 900, 2500] {
            let t = format!("pypi-{location}{}", r.pick(TOKEN, rest + extra));
            let text = format!("password = {t}\n");
            assert_found(&text, "pypi-token", &t);
        }
        // One base64 character short of the documented minimum.
        let t = format!("pypi-{location}{}", r.pick(TOKEN, rest - 1));
        assert!(!kind_found(&t, "pypi-token"), "{t:?}");
    }
}

#[test]
fn mailgun_keys_in_base36_are_found() {
    // Mailgun's own docs showed key- + 32 lowercase base36 (not only hex).
    let mut r = Rng(3636);
    for _ in 0..20 {
        let t = format!("key-{}z{}", r.pick(LOWER_ALNUM, 15), r.pick(LOWER_ALNUM, 16));
        let text = format!("MAILGUN_KEY={t}\n");
        assert_found(&text, "mailgun-api-key", &t);
    }
    // Near misses: one short, upper case, glued to a longer word.
    assert_none_found(
        "mailgun-api-key",
        [
            format!("key-{}z", r.pick(LOWER_ALNUM, 30)),
            format!("key-{}Z", r.pick(LOWER_ALNUM, 31)),
            format!("monkey-{}z", r.pick(LOWER_ALNUM, 31)),
        ],
    );
}

#[test]
fn datadog_prefixed_application_keys_are_found() {
    // ddapp_ + 34 (the Datadog Agent's scrubber, pkg/util/scrubber/default.go).
    let alphabet = format!("{ALNUM}_");
    let mut r = Rng(3434);
    for _ in 0..20 {
        let t = format!("ddapp_{}", r.pick(&alphabet, 34));
        assert_found(&format!("app key: {t}"), "datadog-app-key", &t);
        let ms = scan_named_value("DD_APP_KEY", &t);
        assert_eq!(
            ms.first().map(|m| (m.kind, m.text(&t))),
            Some(("datadog-app-key", t.as_str()))
        );
    }
    assert_none_found(
        "datadog-app-key",
        [
            format!("ddapp_{}", r.pick(ALNUM, 33)),
            format!("ddapp_{}", r.pick(ALNUM, 35)),
            format!("xddapp_{}", r.pick(ALNUM, 34)),
        ],
    );
}

#[test]
fn azure_ad_client_secrets_with_a_dash_before_the_marker_are_found() {
    // [A-Za-z0-9_.~-], dashes anywhere (Purview SIT "Microsoft Entra client secret").
    let mut r = Rng(4040);
    for i in 0..20 {
        let hint = if i % 2 == 0 {
            format!("{}-{}", r.pick(ALNUM, 1), r.pick(ALNUM, 1))
        } else {
            format!("-{}", r.pick(ALNUM, 2))
        };
        let t = format!("{hint}{}Q~{}", r.pick(DIGITS, 1), r.pick(AZURE, 34));
        let text = format!("AZURE_CLIENT_SECRET: \"{t}\"");
        assert_found(&text, "azure-ad-client-secret", &t);
    }
}

#[test]
fn azure_openai_keys_in_upper_case_hex_are_found() {
    // 32 hex, a-f or A-F (Purview SIT "Azure Cognitive Service key").
    let mut r = Rng(3232);
    for _ in 0..20 {
        let k = format!("{}{}", r.pick("0123456789ABCDEF", 31), r.pick("ABCDEF", 1));
        let text = format!("AZURE_OPENAI_API_KEY={k}\n");
        assert_found(&text, "azure-openai-key", &k);
    }
}

#[test]
fn sentry_app_client_secrets_are_found() {
    // ApiApplication.client_secret = "sntrya_" + token_hex(32) (getsentry/sentry).
    let mut r = Rng(6464);
    for _ in 0..20 {
        let t = format!("sntrya_{}", r.pick(HEX, 64));
        assert_found(&format!("SENTRY_CLIENT_SECRET={t}"), "sentry-app-client-secret", &t);
    }
    assert_none_found(
        "sentry-app-client-secret",
        [
            format!("sntrya_{}", r.pick(HEX, 63)),
            format!("sntrya_{}", r.pick(HEX, 65)),
            format!("sntrya_{}g", r.pick(HEX, 63)),
        ],
    );
}

#[test]
fn named_values_are_found_with_offsets_into_the_value() {
    let mut r = Rng(7);
    for (kind, name, value) in named_values(&mut r) {
        let ms = scan_named_value(name, &value);
        assert!(
            ms.iter().any(|m| m.kind == kind),
            "{kind} not found under {name}: {ms:?}"
        );
        check_offsets(&value, &ms);
        let m = &ms[0];
        assert!(value[m.start..m.end].len() >= 6);
        if kind.starts_with("generic") || kind == "bearer-token" {
            assert_eq!(m.confidence, Confidence::Medium);
        }
    }
    // The Bearer scheme is not part of the secret.
    let v = "Bearer q8Zr2LmX9vT4kP7wN3bY6cJ1";
    let ms = scan_named_value("Authorization", v);
    assert_eq!(ms.first().map(|m| m.text(v)), Some("q8Zr2LmX9vT4kP7wN3bY6cJ1"));
}

#[test]
fn free_text_assignments_are_low_confidence() {
    let t = "debug: {\"client_secret\": \"Zq8r2LmX9vT4kP7wN3bY6cJ1\"}";
    let ms = scan_text(t);
    assert_eq!(ms.len(), 1, "{ms:?}");
    assert_eq!((ms[0].kind, ms[0].confidence), ("generic-assignment", Confidence::Low));
    // A known format under a secret name is reported once, as the format.
    let mut r = Rng(9);
    let tok = format!("ghp_{}", github_body(&mut r));
    let t = format!("GITHUB_TOKEN={tok}");
    let ms = scan_text(&t);
    assert_eq!(ms.len(), 1);
    assert_eq!(ms[0].kind, "github-pat");
}

// ---------------------------------------------------------------- negatives

const PLACEHOLDER_VALUES: &[&str] = &[
    "${GITHUB_TOKEN}",
    "${env:GITHUB_TOKEN}",
    "${input:github_token}",
    "$GITHUB_TOKEN",
    "${{ secrets.GITHUB_TOKEN }}",
    "%GITHUB_TOKEN%",
    "{{GITHUB_TOKEN}}",
    "<your-token>",
    "<YOUR_GITHUB_TOKEN>",
    "<token>",
    "[YOUR_TOKEN]",
    "YOUR_API_KEY",
    "your-key-here",
    "your_api_key_here",
    "insert-token-here",
    "replace-with-your-key",
    "REPLACE_ME",
    "xxxxxxxxxxxxxxxxxxxx",
    "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
    "sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "sk-proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
    "xoxb-XXXXXXXXXXXX-XXXXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXX",
    "AKIAXXXXXXXXXXXXXXXX",
    "****",
    "********************",
    "changeme",
    "placeholder",
    "redacted",
    "[REDACTED]",
    "dummy-token",
    "fake-api-key-123",
    "sk-...",
    "sk-ant-...",
    "sk-proj-...",
    "ghp_...",
    "github_pat_...",
    "glpat-...",
    "xoxb-...",
    "xoxb-your-bot-token",
    "ntn_your_internal_integration_token_here",
    "AKIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
    "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "ghp_000000000000000000000000000000000000",
    "sk_live_123456789012345678901234567890",
    "sk_live_abcdefghijklmnopqrstuvwxyzabcdef",
    "op://Private/GitHub/token",
    "keyring:mcpward/github",
    "d528c66e39546bf8f878ff2691928a42cacf2a3a",
    "123e4567-e89b-12d3-a456-426614174000",
];

const PLACEHOLDER_TEXTS: &[&str] = &[
    r#""GITHUB_PERSONAL_ACCESS_TOKEN": "github_pat_...""#,
    "postgres://user:password@localhost:5432/db",
    "postgres://postgres:${DB_PASSWORD}@db:5432/app",
    "mongodb://admin:changeme@localhost:27017",
    "amqp://guest:guest@localhost:5672/",
    "https://user:<password>@host.internal/",
    "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----",
    "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----",
    "Authorization: Bearer <token>",
    "Authorization: Bearer ${TOKEN}",
    "Authorization: Bearer YOUR_ACCESS_TOKEN",
    r#"{"env": {"OPENAI_API_KEY": "sk-..."}}"#,
    "export ANTHROPIC_API_KEY=\"$ANTHROPIC_API_KEY\"",
    "SUPABASE_ANON_KEY=eyJ...",
    "STRIPE_PUBLISHABLE_KEY=pk_live_51Hxxxxxxxxxxxxxxxxxxxxx",
    "\"api_key\": \"${input:api_key}\"",
    "token: ${{ secrets.NPM_TOKEN }}",
];

#[test]
fn placeholders_are_never_reported() {
    let mut samples = 0usize;
    let mut false_positives: Vec<String> = Vec::new();
    let mut check = |text: &str, ms: Vec<SecretMatch>| {
        samples += 1;
        if !ms.is_empty() {
            let kinds: Vec<&str> = ms.iter().map(|m| m.kind).collect();
            false_positives.push(format!("{kinds:?} in {text:?}"));
        }
    };
    for p in PLACEHOLDER_VALUES {
        assert!(is_placeholder(p), "is_placeholder({p:?}) is false");
        for text in [
            p.to_string(),
            format!(r#"{{"env": {{"GITHUB_TOKEN": "{p}"}}}}"#),
            format!("API_KEY={p}"),
            format!("Authorization: Bearer {p}"),
        ] {
            let ms = scan_text(&text);
            check(&text, ms);
        }
        for name in ["GITHUB_TOKEN", "OPENAI_API_KEY", "DB_PASSWORD", "AWS_SECRET_ACCESS_KEY"] {
            let ms = scan_named_value(name, p);
            check(&format!("{name}={p}"), ms);
        }
    }
    for t in PLACEHOLDER_TEXTS {
        let ms = scan_text(t);
        check(t, ms);
    }
    println!("placeholder false positives: {}/{samples}", false_positives.len());
    assert!(false_positives.is_empty(), "{false_positives:#?}");
}

#[test]
fn look_alikes_are_not_reported() {
    let mut r = Rng(99);
    let gh = github_body(&mut r);
    let cases = vec![
        format!("ghp_{}", &gh[..35]),
        format!("ghp_{gh}A"),
        format!("xghp_{gh}"),
        format!("myAKIA{}", r.pick(UPPER_ALNUM, 16)),
        format!("AKIA{}", r.pick("abcdefghijklmnop", 16)),
        format!("sk_live_{}", r.pick(ALNUM, 10)),
        "xoxb-abc-def".to_string(),
        format!("AIza{}", r.pick(TOKEN, 30)),
        format!("glpat-{}", r.pick(TOKEN, 12)),
        format!("hf_{}", r.pick(DIGITS, 34)),
        format!("npm_{}", r.pick(ALNUM, 35)),
        format!("sk-ant-api03-{}", r.pick(TOKEN, 40)),
        format!("dop_v1_{}", r.pick(HEX, 63)),
        format!("{}:BB{}", r.pick(DIGITS, 10), r.pick(TOKEN, 33)),
        "the task asked for skills; see https://example.com/path?a=1&b=2".to_string(),
        "commit d528c66e39546bf8f878ff2691928a42cacf2a3a fixed it".to_string(),
        "id 123e4567-e89b-12d3-a456-426614174000 and 550e8400-e29b-41d4-a716-446655440000".to_string(),
        "max_tokens: 4096, token_count: 1234, TOKEN_URL=https://auth.example.com/token".to_string(),
        format!("ALGOLIA_SEARCH_KEY={}", r.pick(HEX, 32)),
        "const apiKey = process.env.OPENAI_API_KEY;".to_string(),
        "password_file: /run/secrets/db_password".to_string(),
        "The Key points: secret sauce, token economy, passwords matter.".to_string(),
        "eyJhbGciOiJIUzI1NiJ9 is just a header".to_string(),
        format!("sb_publishable_{}", r.pick(TOKEN, 31)),
        format!("pk_live_{}", r.pick(ALNUM, 99)),
    ];
    for t in &cases {
        let ms = scan_text(t);
        assert!(ms.is_empty(), "{t:?} -> {ms:?}");
    }
    // Base64 of ordinary text is not a secret.
    let prose = "The quick brown fox jumps over the lazy dog. Pack my box with five dozen liquor jugs. ".repeat(20);
    for url in [false, true] {
        let b = b64_encode(prose.as_bytes(), url);
        let ms = scan_text(&b);
        assert!(ms.is_empty(), "base64 prose -> {ms:?}");
    }
    // Git SHAs and UUIDs are not placeholders' false negatives either: as
    // free text they are never secrets.
    for _ in 0..200 {
        let sha = r.pick(HEX, 40);
        let id = uuid(&mut r);
        assert!(scan_text(&format!("sha {sha} uuid {id}")).is_empty());
    }
}

// ---------------------------------------------------------------- redaction

#[test]
fn redaction_never_shows_more_than_prefix_and_four() {
    let key = FingerprintKey::new([3; 32]);
    let mut r = Rng(1234);
    let samples = positives(&mut r);
    let mut text = String::new();
    for s in &samples {
        text.push_str(&s.text);
        text.push_str("\n--\n");
    }
    let ms = scan_text(&text);
    check_offsets(&text, &ms);
    let red = redact_in(&text, &ms);
    for m in &ms {
        let secret = m.text(&text);
        if secret.len() >= 24 {
            assert!(!red.contains(secret), "{} survived redaction", m.kind);
        }
        let shown = redact(secret, m.kind);
        let visible = shown.replace('…', "");
        assert!(
            visible.chars().count() <= secret.chars().count() / 2 + 4,
            "{shown} shows too much"
        );
        let d = describe(&key, secret, m.kind);
        assert!(d.contains(m.kind) && d.contains("fp:"), "{d}");
    }
    // Every byte outside the matches is preserved.
    let plain = "before é ghp_ZZZZ after";
    assert_eq!(redact_in(plain, &scan_text(plain)), plain);
    let t = format!("a=ghp_{} ü", github_body(&mut r));
    let out = redact_in(&t, &scan_text(&t));
    assert!(out.starts_with("a=ghp_…") && out.ends_with(" ü"), "{out}");
}

#[test]
fn every_kind_has_provider_description_and_rotation_hint() {
    for k in all_kinds() {
        assert!(
            !k.provider.is_empty() && !k.description.is_empty() && !k.rotate_hint.is_empty(),
            "{k:?}"
        );
        assert_eq!(kind_info(k.kind).map(|i| i.kind), Some(k.kind));
    }
    assert_eq!(
        kind_info("github-pat").map(|k| k.rotate_hint.contains("fine-grained")),
        Some(true)
    );
    assert!(kind_info("no-such-kind").is_none());
}

// ---------------------------------------------------------------- robustness

#[test]
fn megabyte_of_random_printable_text_does_not_panic() {
    let mut r = Rng(0xDEAD_BEEF);
    let printable: String = (32u8..127).map(char::from).collect();
    let mut text = r.pick(&printable, 1 << 20);
    // Some multi-byte characters so offsets must respect char boundaries.
    text.push_str("ñ€😀");
    let start = std::time::Instant::now();
    let ms = scan_text(&text);
    check_offsets(&text, &ms);
    println!("random 1 MiB: {} matches in {:?}", ms.len(), start.elapsed());
}

#[test]
fn megabyte_of_near_misses_does_not_panic() {
    let mut r = Rng(0xFEED);
    let mut text = String::with_capacity(1 << 20);
    let prefixes = [
        "ghp_",
        "github_pat_",
        "glpat-",
        "xoxb-",
        "xapp-",
        "sk_live_",
        "AKIA",
        "AIza",
        "sk-proj-",
        "sk-ant-api03-",
        "hf_",
        "npm_",
        "pypi-AgEIcHlwaS5vcmc",
        "SG.",
        "eyJ",
        "-----BEGIN PRIVATE KEY-----",
        "postgres://",
        "https://",
        "Bearer ",
        "password=",
        "api_key: ",
        "MT",
        "sk_",
        "key-",
        "dapi",
        "pat",
        ":AA",
        "Q~",
        "sig=",
        "T3BlbkFJ",
        "hooks.slack.com/",
        "sentry",
        "AC",
        "SK",
        "-us",
        "NRAL",
        ".atlasv1.",
        "1//0",
        "ya29.",
        "dp.pt.",
        "ops_eyJ",
        "A3-",
        "sl.",
        "ёжик ",
        "日本語",
    ];
    let mut i = 0u64;
    while text.len() < 1 << 20 {
        let p = prefixes[(r.next() % prefixes.len() as u64) as usize];
        let n = (r.next() % 120) as usize;
        let alpha = [ALNUM, TOKEN, B64, HEX, DIGITS][(i % 5) as usize];
        text.push_str(p);
        text.push_str(&r.pick(alpha, n));
        text.push(if i % 7 == 0 { '\n' } else { ' ' });
        i += 1;
    }
    let start = std::time::Instant::now();
    let ms = scan_text(&text);
    check_offsets(&text, &ms);
    let _ = redact_in(&text, &ms);
    println!("near misses 1 MiB: {} matches in {:?}", ms.len(), start.elapsed());
    // The same through the named path, on a shorter slice.
    let cut = (0..=4096).rev().find(|&c| text.is_char_boundary(c)).unwrap_or(0);
    let _ = scan_named_value("GITHUB_TOKEN", &text[..cut]);
}

#[test]
fn arbitrary_bytes_as_str_and_edge_inputs_do_not_panic() {
    let mut r = Rng(5);
    for n in 0..300usize {
        let bytes: Vec<u8> = (0..n).map(|_| (r.next() & 0xff) as u8).collect();
        let s = String::from_utf8_lossy(&bytes);
        let ms = scan_text(&s);
        check_offsets(&s, &ms);
        let _ = scan_named_value(&s, &s);
        let _ = is_placeholder(&s);
        let _ = redact(&s, "x");
    }
    for s in [
        "",
        "=",
        "$",
        "%",
        "<>",
        "ghp_",
        "-----BEGIN ",
        "-----BEGIN PRIVATE KEY-----",
        "://",
        "Bearer ",
        "é",
    ] {
        let ms = scan_text(s);
        check_offsets(s, &ms);
        let _ = scan_named_value(s, s);
        let _ = redact(s, "x");
    }
}

#[test]
fn multibyte_neighbours_keep_offsets_on_boundaries() {
    let mut r = Rng(11);
    let tok = format!("ghp_{}", github_body(&mut r));
    let text = format!("日本語{tok}ñ and «{tok}»😀");
    let ms = scan_text(&text);
    check_offsets(&text, &ms);
    assert_eq!(ms.len(), 2);
    assert!(ms.iter().all(|m| m.text(&text) == tok));
    assert!(found(&text, "github-pat", &tok));
}

/// Inputs built to make windows merge, regexes run long, or parsers loop:
/// each must finish (linear work) without a panic and without inventing
/// secrets out of repeated prefixes.
#[test]
fn adversarial_repetitions_finish_without_false_positives() {
    let n = 64 * 1024;
    let tok = "aB3_-xY9".repeat(600);
    let cases: Vec<(&str, String)> = vec![
        (
            "jwt-chain",
            format!("eyJ{}.eyJ{}.{} ", &tok[..4000], &tok[..4700], &tok[..2000]).repeat(6),
        ),
        ("eyJ-dense", "eyJeyJ.eyJ.".repeat(n / 11)),
        ("long-run", format!("sl.fm2_ops_eyJ{}", "Ab+/".repeat(n / 4))),
        ("glpat", "glpat-".repeat(n / 6)),
        ("url", "https://a:b@".repeat(n / 12)),
        ("assign", "api_key: \"".repeat(n / 10)),
        ("bearer", "Bearer ".repeat(n / 7)),
        ("pem", "-----BEGIN PRIVATE KEY-----".repeat(n / 27)),
        ("named", "DD_API_KEY=".repeat(n / 11)),
        ("discord", "MTMTMTMT.".repeat(n / 9)),
        ("telegram", ":AA".repeat(n / 3)),
        ("azure", "Q~".repeat(n / 2)),
        ("sas", format!("sv=2020-01-01&{}", "sig=".repeat(n / 4))),
    ];
    for (name, t) in cases {
        let start = std::time::Instant::now();
        let ms = scan_text(&t);
        check_offsets(&t, &ms);
        println!(
            "{name:10} {:>7} bytes: {} matches in {:?}",
            t.len(),
            ms.len(),
            start.elapsed()
        );
        assert!(
            ms.is_empty(),
            "{name}: {:?}",
            ms.iter().map(|m| m.kind).collect::<Vec<_>>()
        );
    }
}

#[test]
fn a_token_printed_in_colour_is_found() {
    // A terminal escape ends in a letter (`ESC [ 31 m`) but is not text: the token after
    // it stands alone.
    let token = format!("ghp_{}", "R8x2Kq9LmN4pV7wT1yZ3bC6dF0gH5jA2sE8u");
    for before in ["\u{1b}[31m", "\u{1b}[1;32m\u{1b}[4m", "\u{1b}M", "token: \u{1b}[0m"] {
        let t = format!("{before}{token}\u{1b}[0m");
        let found = scan_text(&t);
        assert!(found.iter().any(|m| m.kind == "github-pat"), "{before:?}: {found:?}");
    }
    // Text glued on before the escape still makes it part of a longer word.
    let glued = format!("x\u{1b}[0m{token}");
    assert!(scan_text(&glued).iter().all(|m| m.kind != "github-pat"));
}

#[test]
fn sha1_digests_in_either_case_are_identifiers_not_aws_secrets() {
    // 40 hex digits in one case are a commit (lowercase) or a SHA-1 digest or OpenPGP
    // fingerprint (uppercase, as `gpg --fingerprint` and checksum lists print them):
    // `is_placeholder` (the config audit's test for a URL's password) sets both aside.
    // The AWS rule, the token rule whose alphabet holds such a run, already refuses
    // both beside a key id; this keeps it so.
    let id = "AKIAQ3EGRRSNGJ7ZK4PB";
    for digest in [
        "9554f04d7259f04124de6b476d5a82ac7e37093b",
        "9554F04D7259F04124DE6B476D5A82AC7E37093B",
    ] {
        assert_none_found(
            "aws-secret-access-key",
            [
                format!("User,{id},{digest}\n"),
                format!("key {id}\nfingerprint {digest}\n"),
            ],
        );
        assert!(is_placeholder(digest), "{digest}");
    }
    // Mixed case is not how a digest is printed: still a candidate secret.
    let mixed = "9554F04d7259f04124DE6B476D5A82ac7e37093B";
    assert_found(&format!("User,{id},{mixed}\n"), "aws-secret-access-key", mixed);
    assert!(!is_placeholder(mixed));
}
