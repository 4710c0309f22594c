//! What a scan returns: weighted signals and a graded verdict, never a bare boolean,
//! so callers can choose to flag, redact or block.
//!
//! Weights are in `0.0..=1.0` and already adjusted for the [`ScanContext`]. The score
//! combines them as independent pieces of evidence (noisy-OR), with repeats of the same
//! kind counting for less, so a hundred HTML comments do not add up to one attack.

use std::ops::Range;

/// What the scanned text is. Thresholds differ: a tool description that mentions
/// `~/.ssh` is alarming, a tool result that lists a home directory is not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScanContext {
    /// `tools/list` → `description` of a tool.
    ToolDescription,
    /// A `description` inside a tool's input schema.
    ParameterDescription,
    /// The content of a `tools/call` result.
    ToolResult,
    /// Text of a prompt a server offers (`prompts/get`).
    PromptText,
    /// Contents of a resource (`resources/read`).
    ResourceText,
    /// `instructions` a server sends at initialisation.
    ServerInstructions,
}

impl ScanContext {
    /// Metadata is written by the server author and read by the model as guidance;
    /// content is data that passes through (web pages, files, command output).
    pub fn is_metadata(self) -> bool {
        !matches!(self, ScanContext::ToolResult | ScanContext::ResourceText)
    }
}

/// Graded outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Clean,
    Suspicious,
    Malicious,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Clean => "clean",
            Level::Suspicious => "suspicious",
            Level::Malicious => "malicious",
        }
    }
}

/// Score at or above which a verdict is [`Level::Suspicious`].
pub const SUSPICIOUS_AT: f32 = 0.3;
/// Score at or above which a verdict is [`Level::Malicious`].
pub const MALICIOUS_AT: f32 = 0.7;

macro_rules! signal_kinds {
    ($($(#[$doc:meta])* $variant:ident => $id:literal, hidden: $hidden:literal;)*) => {
        /// Kind of a signal. The kebab-case ids are stable: reports, suppressions and
        /// the precision corpus refer to them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum SignalKind {
            $($(#[$doc])* $variant,)*
        }

        impl SignalKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [SignalKind] = &[$(SignalKind::$variant,)*];

            /// Stable kebab-case id.
            pub fn id(self) -> &'static str {
                match self {
                    $(SignalKind::$variant => $id,)*
                }
            }

            /// Kinds about content a human cannot see (as opposed to what the text says).
            pub fn is_hidden_content(self) -> bool {
                match self {
                    $(SignalKind::$variant => $hidden,)*
                }
            }

            /// Inverse of [`SignalKind::id`].
            pub fn from_id(id: &str) -> Option<SignalKind> {
                match id {
                    $($id => Some(SignalKind::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

signal_kinds! {
    /// "Ignore previous instructions", "you are now…", "new instructions:", in any supported language.
    Override => "override", hidden: false;
    /// `<IMPORTANT>`, `<system>`, `<|im_start|>`, `[INST]`, `### System:`…
    FakeAuthority => "fake-authority", hidden: false;
    /// "Do not tell the user", "keep this secret", "without informing…".
    Secrecy => "secrecy", hidden: false;
    /// A credential store or private file (`~/.ssh`, `.env`, `mcp.json`…), more so when demanded.
    SensitiveFile => "sensitive-file", hidden: false;
    /// A demand to put conversation, context or secrets into a tool parameter.
    ContextExfiltration => "context-exfiltration", hidden: false;
    /// Instructions about other tools or servers ("when send_email is used, bcc…").
    ToolShadowing => "tool-shadowing", hidden: false;
    /// A markdown image/link or URL that carries data (or a placeholder for it) in its query.
    ExfilLink => "exfil-link", hidden: false;
    /// "Send it to…", "POST the result to http…", `curl` to a URL.
    ExfilInstruction => "exfil-instruction", hidden: false;
    /// Fetch-and-run: `curl … | sh`, "download this script and execute it".
    RemoteCode => "remote-code", hidden: false;
    /// The learned model's judgement of a window of words (see `crate::learned`).
    LearnedInjection => "learned-injection", hidden: false;
    /// A base64/hex blob that decodes to instruction-like text.
    EncodedPayload => "encoded-payload", hidden: true;
    /// Unicode tag characters (U+E0000–U+E007F) carrying invisible ASCII.
    TagChars => "tag-chars", hidden: true;
    /// Zero-width and other invisible format characters.
    ZeroWidth => "zero-width", hidden: true;
    /// Bidirectional controls that reorder what is displayed.
    Bidi => "bidi", hidden: true;
    /// Runs of variation selectors used to smuggle bytes.
    VariationSelector => "variation-selector", hidden: true;
    /// ANSI/OSC terminal escape sequences (colours, cursor moves, hyperlinks, clipboard writes).
    AnsiEscape => "ansi-escape", hidden: true;
    /// Other C0/C1 control characters (backspace, lone carriage return, NUL…).
    ControlChar => "control-char", hidden: true;
    /// `<!-- … -->`, invisible when rendered.
    HtmlComment => "html-comment", hidden: true;
    /// Text pushed out of sight after a long run of whitespace.
    WhitespaceHiding => "whitespace-hiding", hidden: true;
    /// Markup that renders invisibly: `display:none`, zero font size, markdown comments.
    InvisibleMarkup => "invisible-markup", hidden: true;
    /// Latin words with Cyrillic/Greek look-alike letters mixed in.
    MixedScript => "mixed-script", hidden: true;
}

impl serde::Serialize for SignalKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

impl std::fmt::Display for SignalKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// One piece of evidence.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Signal {
    pub kind: SignalKind,
    /// Byte range into the ORIGINAL scanned text (always on char boundaries).
    pub span: Range<usize>,
    /// Short excerpt or decoded content, invisible characters made visible.
    pub evidence: String,
    /// Contribution in `0.0..=1.0`, already adjusted for the scan context.
    pub weight: f32,
}

/// The result of [`crate::injection::scan`].
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Verdict {
    /// `0.0..=1.0`.
    pub score: f32,
    pub level: Level,
    /// Sorted by span start.
    pub signals: Vec<Signal>,
}

impl Verdict {
    /// A verdict with no signals.
    pub fn clean() -> Verdict {
        Verdict {
            score: 0.0,
            level: Level::Clean,
            signals: Vec::new(),
        }
    }

    /// Scores `signals` (weights already context-adjusted) and sorts them by position.
    pub fn from_signals(mut signals: Vec<Signal>) -> Verdict {
        signals.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(a.kind.cmp(&b.kind)));
        let score = combine(&signals);
        Verdict {
            score,
            level: level_for(score),
            signals,
        }
    }

    pub fn is_clean(&self) -> bool {
        self.level == Level::Clean
    }

    /// Whether any signal of `kind` is present.
    pub fn has(&self, kind: SignalKind) -> bool {
        self.signals.iter().any(|s| s.kind == kind)
    }

    /// Signals of one kind.
    pub fn of_kind(&self, kind: SignalKind) -> impl Iterator<Item = &Signal> {
        self.signals.iter().filter(move |s| s.kind == kind)
    }

    /// For content (a web page, a file, command output): hidden LAYOUT alone — comments,
    /// hidden elements, padding, colour codes, stray controls, look-alike letters — is
    /// everyday markup, and makes the verdict at most just below Suspicious. It counts in
    /// full together with anything the text says (an instruction, an exfiltration link, a
    /// payload decoded from tag characters or base64, words laced with invisible
    /// characters, a clipboard-writing escape).
    pub(crate) fn cap_layout_only(&mut self) {
        let says = self.signals.iter().any(|s| s.weight >= NOISE_FLOOR && !is_layout(s));
        if !says && self.score >= SUSPICIOUS_AT {
            self.score = SUSPICIOUS_AT - 0.01;
            self.level = level_for(self.score);
        }
    }
}

/// Hidden-content signals that are only layout (see [`Verdict::cap_layout_only`]).
fn is_layout(s: &Signal) -> bool {
    match s.kind {
        SignalKind::HtmlComment
        | SignalKind::InvisibleMarkup
        | SignalKind::WhitespaceHiding
        | SignalKind::ControlChar
        | SignalKind::Bidi
        | SignalKind::MixedScript => true,
        // Severe escapes (concealed text, clipboard writes) weigh at least 0.5.
        SignalKind::AnsiEscape => s.weight < 0.5,
        // A single stray selector; decoded selector payloads weigh more.
        SignalKind::VariationSelector => s.weight < 0.2,
        _ => false,
    }
}

/// Level for a score.
pub fn level_for(score: f32) -> Level {
    if score >= MALICIOUS_AT {
        Level::Malicious
    } else if score >= SUSPICIOUS_AT {
        Level::Suspicious
    } else {
        Level::Clean
    }
}

/// Signals weaker than this are reported but do not count toward the score: a README
/// that mentions `.env`, shows a `curl` line and colours its output is not an attack,
/// however many such mentions it has.
pub const NOISE_FLOOR: f32 = 0.1;

/// Noisy-OR across kinds; within a kind only the three strongest count, at full, half
/// and quarter weight, so repetition raises confidence a little but cannot by itself
/// turn noise into an attack.
fn combine(signals: &[Signal]) -> f32 {
    let mut remaining = 1.0f32;
    for &kind in SignalKind::ALL {
        let mut top = [0.0f32; 3];
        for s in signals.iter().filter(|s| s.kind == kind && s.weight >= NOISE_FLOOR) {
            let w = s.weight.clamp(0.0, 1.0);
            if w > top[0] {
                top = [w, top[0], top[1]];
            } else if w > top[1] {
                top = [top[0], w, top[1]];
            } else if w > top[2] {
                top[2] = w;
            }
        }
        for (w, decay) in top.iter().zip([1.0f32, 0.5, 0.25]) {
            remaining *= 1.0 - w * decay;
        }
    }
    (1.0 - remaining).clamp(0.0, 1.0)
}

/// How much a kind counts in a context. Content (tool results, resources) legitimately
/// contains coloured CLI output, HTML comments and file names; metadata should not.
pub(crate) fn context_factor(kind: SignalKind, ctx: ScanContext) -> f32 {
    if ctx.is_metadata() {
        return 1.0;
    }
    match kind {
        SignalKind::Override
        | SignalKind::FakeAuthority
        | SignalKind::Secrecy
        | SignalKind::ContextExfiltration
        | SignalKind::ExfilLink => 0.8,
        SignalKind::SensitiveFile => 0.3,
        SignalKind::ToolShadowing => 0.7,
        SignalKind::ExfilInstruction => 0.6,
        // Install instructions in READMEs pipe curl to sh all the time.
        SignalKind::RemoteCode => 0.4,
        // The model has a threshold of its own for content.
        SignalKind::LearnedInjection => 1.0,
        SignalKind::EncodedPayload | SignalKind::VariationSelector => 0.9,
        SignalKind::TagChars => 1.0,
        SignalKind::ZeroWidth | SignalKind::Bidi | SignalKind::ControlChar | SignalKind::WhitespaceHiding => 0.5,
        SignalKind::AnsiEscape => 0.5,
        SignalKind::HtmlComment => 0.4,
        SignalKind::InvisibleMarkup | SignalKind::MixedScript => 0.6,
    }
}

/// Most signals kept per kind. Beyond it a new signal replaces the weakest kept one, so
/// memory stays bounded and a late strong signal is not lost behind early weak ones.
pub(crate) const MAX_PER_KIND: usize = 32;

/// Collects signals with a per-kind cap.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    pub(crate) signals: Vec<Signal>,
    counts: [u32; 32],
}

impl Sink {
    pub(crate) fn new() -> Sink {
        Sink::default()
    }

    /// Whether a signal of `kind` with `weight` would be kept (build evidence only then).
    pub(crate) fn wants(&self, kind: SignalKind, weight: f32) -> bool {
        if weight <= 0.0 {
            return false;
        }
        if (self.counts[kind as usize] as usize) < MAX_PER_KIND {
            return true;
        }
        self.signals.iter().any(|s| s.kind == kind && s.weight < weight)
    }

    pub(crate) fn push(&mut self, signal: Signal) {
        if signal.weight <= 0.0 {
            return;
        }
        let k = signal.kind as usize;
        if (self.counts[k] as usize) < MAX_PER_KIND {
            self.counts[k] += 1;
            self.signals.push(signal);
            return;
        }
        let weakest = self
            .signals
            .iter()
            .enumerate()
            .filter(|(_, s)| s.kind == signal.kind)
            .min_by(|a, b| a.1.weight.total_cmp(&b.1.weight))
            .map(|(i, s)| (i, s.weight));
        if let Some((i, w)) = weakest {
            if w < signal.weight {
                self.signals[i] = signal;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sig(kind: SignalKind, weight: f32) -> Signal {
        Signal {
            kind,
            span: 0..1,
            evidence: String::new(),
            weight,
        }
    }

    #[test]
    fn ids_round_trip_and_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for &k in SignalKind::ALL {
            assert!(seen.insert(k.id()), "duplicate id {}", k.id());
            assert_eq!(SignalKind::from_id(k.id()), Some(k));
            assert!(k.id().chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        }
        assert_eq!(SignalKind::from_id("nope"), None);
    }

    #[test]
    fn repeats_of_one_kind_saturate() {
        let many: Vec<Signal> = (0..100).map(|_| sig(SignalKind::HtmlComment, 0.15)).collect();
        let v = Verdict::from_signals(many);
        assert!(v.score < SUSPICIOUS_AT, "{}", v.score);
        assert_eq!(v.level, Level::Clean);
        let noise: Vec<Signal> = SignalKind::ALL.iter().map(|&k| sig(k, NOISE_FLOOR * 0.9)).collect();
        assert_eq!(Verdict::from_signals(noise).score, 0.0);
    }

    #[test]
    fn independent_kinds_combine() {
        let v = Verdict::from_signals(vec![sig(SignalKind::Override, 0.6), sig(SignalKind::Secrecy, 0.5)]);
        assert_eq!(v.level, Level::Malicious);
        let one = Verdict::from_signals(vec![sig(SignalKind::Override, 0.6)]);
        assert_eq!(one.level, Level::Suspicious);
        assert_eq!(Verdict::from_signals(vec![]).level, Level::Clean);
    }

    #[test]
    fn sink_caps_per_kind_but_keeps_strong_late_signals() {
        let mut sink = Sink::new();
        for _ in 0..1000 {
            sink.push(sig(SignalKind::AnsiEscape, 0.1));
        }
        assert_eq!(sink.signals.len(), MAX_PER_KIND);
        assert!(sink.wants(SignalKind::AnsiEscape, 0.9));
        assert!(!sink.wants(SignalKind::AnsiEscape, 0.05));
        sink.push(sig(SignalKind::AnsiEscape, 0.9));
        assert_eq!(sink.signals.len(), MAX_PER_KIND);
        assert!(sink.signals.iter().any(|s| s.weight == 0.9));
    }

    #[test]
    fn layout_alone_is_capped_below_suspicious() {
        let layout = vec![
            sig(SignalKind::InvisibleMarkup, 0.27),
            sig(SignalKind::InvisibleMarkup, 0.27),
            sig(SignalKind::HtmlComment, 0.2),
        ];
        let mut v = Verdict::from_signals(layout.clone());
        assert!(v.score >= SUSPICIOUS_AT);
        v.cap_layout_only();
        assert_eq!(v.level, Level::Clean);
        let mut with_words = layout;
        with_words.push(sig(SignalKind::Override, 0.2));
        let mut v = Verdict::from_signals(with_words);
        v.cap_layout_only();
        assert_eq!(v.level, Level::Suspicious);
        let mut v = Verdict::from_signals(vec![sig(SignalKind::TagChars, 0.8)]);
        v.cap_layout_only();
        assert_eq!(v.level, Level::Malicious);
    }

    #[test]
    fn context_factor_is_lenient_only_for_content() {
        for &k in SignalKind::ALL {
            assert_eq!(context_factor(k, ScanContext::ToolDescription), 1.0);
            assert!(context_factor(k, ScanContext::ToolResult) <= 1.0);
        }
        assert!(context_factor(SignalKind::SensitiveFile, ScanContext::ToolResult) < 0.5);
    }
}
