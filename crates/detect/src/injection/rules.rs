//! The phrase table: instruction-like content aimed at the model, as regular expressions
//! over the normalised views (see [`crate::normalize`]).
//!
//! Patterns are written lowercase, without accents (the views have none), with `\b` for
//! ASCII word boundaries. Rules on the folded view are folded like the text (`l`→`i`),
//! so they must contain no digits. Each rule names anchors: literal fragments one of
//! which must occur in the folded view for the rule to run at all (the prefilter).
//! Weights are context-free; the engine scales them per [`crate::verdict::ScanContext`].

use crate::verdict::SignalKind;

/// Which normalised view a rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum View {
    /// Digits intact: paths, URLs, tags, commands.
    Light,
    /// Leetspeak undone, `l` folded onto `i`: natural-language phrases.
    Folded,
}

pub(crate) struct RuleDef {
    /// Stable id for tests and the precision corpus, e.g. `override.en.verb-object`.
    pub id: &'static str,
    pub kind: SignalKind,
    pub weight: f32,
    pub view: View,
    /// `|`-separated literals (written unfolded); one must occur for the rule to run.
    pub anchors: &'static str,
    pub pattern: String,
    /// When the pattern has a group named `x` and it captures one of these words, the
    /// match is dropped (e.g. "when *this* tool is used" is the tool talking about itself).
    pub reject: &'static [&'static str],
    /// When the matched text contains one of these words, the weight becomes the second
    /// value. Cheaper than a second, larger pattern for the sensitive variant.
    pub escalate: Option<(&'static [&'static str], f32)>,
    /// Factor applied in metadata contexts (tool and parameter descriptions). A tool
    /// description is written FOR the model, so "Note to the LLM:" is normal there and
    /// alarming only in content that passes through (a web page, an issue).
    pub metadata_factor: f32,
}

/// What makes sending something to an outside address an exfiltration of secrets.
const SENSITIVE_WORDS: &[&str] = &[
    "conversation",
    "chat",
    "history",
    "key",
    "token",
    "secret",
    "credential",
    "password",
    "cookie",
    "session",
    "transcript",
    "context",
    "system prompt",
    "environment",
    ".env",
    "ssh",
    "private",
];

/// Separator between two words: punctuation and whitespace, but not a sentence end.
const SEP: &str = r"[^\p{L}\p{N}.!?;。！？]{1,4}";
/// Any one word.
const WORD: &str = r"[\p{L}\p{N}_'-]+";

fn alt(words: &str) -> String {
    format!("(?:{})", words.trim().replace(' ', r"\s"))
}

fn rep(words: &str, min: u32, max: u32) -> String {
    format!("(?:{}{SEP}){{{min},{max}}}", alt(words))
}

/// An optional noun after "keep this …" ("keep this tool secret").
const NOUN_RE: &str = "(?:(?:tool|step|action|request|note|instruction|call|message|part){sep})?";

/// A rule whose weight rises to `high` when the match contains one of `words`.
#[allow(clippy::too_many_arguments)]
fn escalated(
    id: &'static str,
    kind: SignalKind,
    weight: f32,
    words: &'static [&'static str],
    high: f32,
    view: View,
    anchors: &'static str,
    pattern: String,
) -> RuleDef {
    let mut r = rule(id, kind, weight, view, anchors, pattern);
    r.escalate = Some((words, high));
    r
}

/// See [`RuleDef::metadata_factor`].
fn metadata_weak(mut r: RuleDef) -> RuleDef {
    r.metadata_factor = 0.4;
    r
}

fn any_words(min: u32, max: u32) -> String {
    format!("(?:{WORD}{SEP}){{{min},{max}}}?")
}

fn rule(
    id: &'static str,
    kind: SignalKind,
    weight: f32,
    view: View,
    anchors: &'static str,
    pattern: String,
) -> RuleDef {
    RuleDef {
        id,
        kind,
        weight,
        view,
        anchors,
        pattern,
        reject: &[],
        escalate: None,
        metadata_factor: 1.0,
    }
}

// ---- English override vocabulary -------------------------------------------------

const STRONG_VERB_EN: &str =
    "ignore|ignoring|disregard|disregarding|forget|forgetting|forget about|override|overriding|\
bypass|bypassing|disobey|nullify|pay no attention to|stop following|do not follow|don't follow|dont follow|\
no longer follow|do not obey|don't obey|stop obeying";
const WEAK_VERB_EN: &str = "skip|discard|drop|abandon|neglect|dismiss|cancel|erase|delete|clear|reset|set aside|\
put aside|throw away|throw out|overwrite|circumvent|remove|replace|supersede";
const FILL_EN: &str = "all|any|of|the|your|my|our|its|these|those|every|each|and|or|that|which|you|have|been|were|\
was|given|received|got|told|provided|written|so|far|until|now|just|other|entire|whole|before|earlier|previously|\
instructions|about";
const QUAL_EN: &str = "previous|previously|prior|above|earlier|preceding|foregoing|former|original|initial|old|\
existing|all|any|every|your|the|system|developer|these|those|other|current|default|safety|security|given|such";
const STRONG_QUAL_EN: &str =
    "previous|prior|above|earlier|preceding|foregoing|former|original|initial|system|developer|safety";
const OBJ_EN: &str =
    "instructions|instruction|rules|guidelines|guidance|directives|directive|directions|prompts|prompt|\
commands|constraints|restrictions|guardrails|policies|policy|orders|programming|system prompt|conditioning|\
safety rules|safeguards|filters";
const OBJ2_EN: &str = "messages|context|text|content|conversation|input|tasks|task|requests";
const OVERRIDE_EN_ANCHORS: &str = "ignor|disregard|forget|overrid|bypass|disobey|nullify|no attention|follow|obey|\
skip|discard|drop|abandon|neglect|dismiss|cancel|erase|delete|clear|reset|aside|throw|overwrit|circumvent|remov|\
replac|supersed";

// ---- Romance languages (Spanish, Portuguese, Italian) ----------------------------

const VERB_ROM: &str = "ignora|ignore|ignoren|ignorar|ignorad|ignorate|ignorare|ignorem|olvida|olvide|olviden|\
olvidar|olvidad|omite|omita|omitan|omitir|descarta|descarte|desestima|desconsidera|desconsidere|esqueca|esquecer|\
esquece|dimentica|dimenticate|dimenticare|haz caso omiso de|haz caso omiso a|no hagas caso de|no hagas caso a|\
no sigas|nao siga|nao sigas|non seguire|pasa por alto|salta|salte";
const FILL_ROM: &str = "todas|todos|toda|todo|tutte|tutti|las|los|as|os|le|gli|tus|sus|suas|tuas|vostre|tue|\
de|di|do|da|del|della|delle|dos|das|mis|mie|minhas|estas|esas|queste|essas|estas|cualquier|qualquer|qualsiasi";
const OBJ_ROM: &str = "instrucciones|instruccion|instrucoes|instrucao|istruzioni|istruzione|reglas|regras|regole|\
indicaciones|indicacoes|indicazioni|directrices|directivas|diretrizes|direttive|ordenes|ordens|ordini|normas|\
consignas|comandos|comandi";
const QUAL_ROM: &str = "anteriores|anterior|previas|previos|previa|precedentes|precedente|precedenti|pasadas|\
de arriba|arriba|di sopra|sopra|acima|originales|originais|originali|iniciales|iniziali|iniciais|del sistema|\
do sistema|di sistema|dadas|recibidas|ricevute|recebidas";

// ---- French ----------------------------------------------------------------------

const VERB_FR: &str = "ignore|ignorez|ignorer|ignores|oublie|oubliez|oublier|ne tiens pas compte|ne tenez pas compte|\
ne tiens plus compte|ne tenez plus compte|fais abstraction|faites abstraction|neglige|negligez|ne suis pas|\
ne suivez pas|ne suis plus|ne suivez plus|passe outre|passez outre|outrepasse|outrepassez";
const FILL_FR: &str = "toutes|tous|toute|tout|les|tes|vos|des|de|d'|ces|aux|l'|la|le|a";
const OBJ_FR: &str = "instructions|instruction|consignes|consigne|regles|directives|ordres|indications|commandes";
const QUAL_FR: &str = "precedentes|precedents|precedente|anterieures|anterieurs|ci-dessus|ci dessus|plus haut|\
d'avant|initiales|d'origine|originales|du systeme|systeme|donnees|recues";

// ---- German ----------------------------------------------------------------------

const VERB_DE: &str = "ignoriere|ignorieren|ignoriert|ignorier|vergiss|vergesst|vergessen|missachte|missachten|\
missachtet|uberspringe|uberspringen|verwirf|verwerfen|beachte nicht|beachten sie nicht|befolge nicht|\
befolgen sie nicht|setze ausser kraft|hebe auf";
const FILL_DE: &str = "alle|alles|die|deine|ihre|sie|samtliche|samtlichen|jegliche|jeglichen|bis|jetzt|bisher|\
der|den|dem|des|meine|unsere|diese|dieser|einfach|bitte|nun";
const QUAL_DE: &str = "vorherigen|vorherige|vorigen|vorige|bisherigen|bisherige|obigen|obige|fruheren|fruhere|\
vorangegangenen|vorangehenden|vorstehenden|ursprunglichen|ursprungliche|alten|alle|samtliche|samtlichen|\
gegebenen|erhaltenen";
const OBJ_DE: &str = "anweisungen|anweisung|instruktionen|instruktion|regeln|richtlinien|befehle|vorgaben|\
anordnungen|anleitungen|vorschriften|direktiven|systemanweisungen|systemprompt";

// ---- Chinese / Japanese ----------------------------------------------------------

const VERB_ZH: &str = "忽略|忽视|忽視|无视|無視|忘记|忘記|忘掉|不要理会|不要理會|不用理会|不要遵守|不要遵循|不再遵守|\
不再遵循|跳过|跳過|放弃|放棄|覆盖|覆蓋|抛弃|拋棄|丢弃|丟棄|违反|違反|绕过|繞過";
const QUAL_ZH: &str =
    "之前|以前|先前|此前|前面|上面|以上|上述|上文|前述|原来|原來|原有|原始|初始|系统|系統|所有|全部|一切";
const OBJ_ZH: &str =
    "指令|指示|说明|說明|规则|規則|提示词|提示詞|提示|命令|要求|设定|設定|约束|約束|限制|规定|規定|准则|準則";

// ---- Russian: written in Cyrillic and folded like the text (look-alike letters become
// Latin in the views), see [`fold_script`]. No `\b`: the boundary is ASCII-only.

const VERB_RU: &str = "игнорируй|игнорируйте|игнорировать|забудь|забудьте|забыть|не\\sобращай\\sвнимания\\sна|\
не\\sобращайте\\sвнимания\\sна|отбрось|отбросьте|не\\sследуй|не\\sследуйте|пренебреги|проигнорируй";
const QUAL_RU: &str = "предыдущ|прежн|предшествующ|все\\s|всё\\s|вышеуказанн|изначальн|исходн|системн";
const OBJ_RU: &str = "инструкци|указани|правил|команд|директив|промпт";
const RU_ANCHORS_OVERRIDE: &str = "игнорир|забуд|забыть|не обращ|отброс|не след|пренебре|проигнор";
const RU_ANCHORS_SECRECY: &str = "пользовател";

/// Lowercases a pattern written in a non-Latin script and maps its look-alike letters to
/// Latin exactly as the normaliser maps the text, so the pattern meets the view.
pub(crate) fn fold_script(pattern: &str) -> String {
    pattern
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| crate::normalize::confusable(c).unwrap_or(c))
        .collect()
}

/// Instruction-ish words that may stand alone after "new …:".
const NEW_OBJ_EN: &str =
    "instructions|instruction|directives|orders|system prompt|system message|task|objective|mission|\
rules of engagement";

const NEG_EN: &str = "do not|don't|dont|never|must not|mustn't|should not|shouldn't|cannot|can't|avoid|\
refrain from|without|no need to|do not ever|don't ever|not";
const TELL_EN: &str = "tell|telling|inform|informing|notify|notifying|mention|mentioning|reveal|revealing|disclose|\
disclosing|alert|alerting|warn|warning|explain|explaining|acknowledge|acknowledging|let|letting|bring up|\
say anything to|talk about this to";
const AUDIENCE_EN: &str = "user|users|human|humans|operator|anyone|anybody|person|customer|developer|owner|requester|\
end user|end-user";

/// What an attacker wants from the context, unambiguously.
const CONVO_OBJ: &str = "conversation history|chat history|chat log|chat logs|message history|\
messages so far|previous messages|prior messages|earlier messages|all messages|transcript|session history|\
context window|system prompt|system message|user's messages|user's prompts|user's prompt|user's requests|\
user's queries|user's data|user's files|everything the user said|everything the user wrote|\
everything the user typed|your instructions|(?:full|entire|whole|complete|all|verbatim|every|raw)\\s(?:\\w+\\s)?(?:conversation|context|chat|dialog|dialogue)";
/// Vaguer: a memory tool may legitimately ask for "context from the conversation".
const WEAK_CONVO_OBJ: &str = "conversation|context|chat|dialog|dialogue|memory|memories";
const SECRET_OBJ: &str = "api key|api keys|secrets|secret|credentials|credential|passwords|password|private key|\
private keys|access token|access tokens|tokens|auth token|session token|cookies|environment variables|env vars|\
ssh key|ssh keys";
const PARAM_WORD: &str = "parameter|parameters|param|params|argument|arguments|arg|args|field|fields|property|\
properties|input";
const CONVO_ANCHORS: &str = "conversation|chat|messages|transcript|dialog|history|context|system prompt|\
system message|user's|everything the user|memor";

pub(crate) fn rules() -> Vec<RuleDef> {
    use SignalKind::*;
    use View::*;
    let sep = SEP;
    let mut r = Vec::new();

    // ---- override: English ----------------------------------------------------
    r.push(rule(
        "override.en.verb-object",
        Override,
        0.75,
        Folded,
        OVERRIDE_EN_ANCHORS,
        format!(
            r"\b{strong}{sep}{fill}{obj}\b",
            strong = alt(STRONG_VERB_EN),
            fill = rep(&format!("{FILL_EN}|{QUAL_EN}"), 1, 5),
            obj = alt(OBJ_EN)
        ),
    ));
    r.push(rule(
        "override.en.verb-qualifier-object",
        Override,
        0.75,
        Folded,
        OVERRIDE_EN_ANCHORS,
        format!(
            r"\b{verb}{sep}{fill}{q}{sep}{fill2}{obj}\b",
            verb = alt(&format!("{STRONG_VERB_EN}|{WEAK_VERB_EN}")),
            fill = rep(FILL_EN, 0, 3),
            q = alt(STRONG_QUAL_EN),
            fill2 = rep(&format!("{FILL_EN}|{QUAL_EN}"), 0, 2),
            obj = alt(&format!("{OBJ_EN}|{OBJ2_EN}"))
        ),
    ));
    r.push(rule(
        "override.en.everything-before",
        Override,
        0.7,
        Folded,
        "ignor|disregard|forget",
        format!(
            r"\b(?:ignore|disregard|forget){sep}{f1}(?:everything|anything|all){sep}{f2}(?:above|before|previously|earlier|prior|so\sfar|until\snow|up\sto\snow|up\sto\sthis\spoint)\b",
            f1 = rep("about|all|of", 0, 2),
            f2 = rep("that|which|you|i|we|have|has|been|were|was|said|told|given|written|stated|mentioned|provided|received|read|seen|and|the|instructions", 0, 4)
        ),
    ));
    r.push(rule(
        "override.en.ignore-the-above",
        Override,
        0.5,
        Folded,
        "ignor|disregard|forget",
        format!(r"\b(?:ignore|disregard|forget){sep}(?:all{sep})?(?:of{sep})?(?:the|this|that){sep}(?:above|preceding|foregoing)\b"),
    ));
    r.push(rule(
        "override.en.void",
        Override,
        0.7,
        Folded,
        "void|cancel|obsolete|invalid|revoked|null|supersed|overridden|outdated|no longer|replaced|lifted|suspended|disabled|removed|waived|turned off",
        format!(
            r"\b(?:previous|prior|above|earlier|old|original|all|your|initial|system|safety|security|content|usage){sep}{f}(?:instructions|rules|guidelines|directives|prompts?|constraints|restrictions|filters|guardrails|policies){sep}{g}(?:void|cancell?ed|obsolete|invalid|revoked|null|superseded|overridden|outdated|no\slonger\s(?:valid|apply|applicable|in\seffect|relevant|active)|replaced|lifted|suspended|disabled|removed|waived|turned\soff)\b",
            f = rep("the|your|my|of|and", 0, 2),
            g = rep("are|is|have|has|been|now|hereby|henceforth|herewith|considered|to be|be", 1, 3)
        ),
    ));
    r.push(rule(
        "override.en.new-instructions",
        Override,
        0.5,
        Folded,
        "new|updated|real|actual|true|revised|secret|hidden|overrid|priority",
        format!(
            r"\b(?:new|updated|real|actual|true|revised|secret|hidden|override|priority|replacement){sep}{f}{obj}\s?[:：]",
            f = rep("system|set|of", 0, 2),
            obj = alt(NEW_OBJ_EN)
        ),
    ));
    r.push(rule(
        "override.en.your-new-task",
        Override,
        0.5,
        Folded,
        "new|real|true|actual|secret|hidden",
        format!(
            r"\byour{sep}(?:new|real|true|actual|secret|hidden){sep}(?:task|goal|objective|purpose|job|mission|instructions?|role|priority|directive){sep}(?:is|are|now|will\sbe)\b|\byour{sep}(?:new|real|true|actual|secret|hidden){sep}(?:task|goal|objective|purpose|job|mission|instructions?|role|directive)\s?[:：]"
        ),
    ));
    r.push(rule(
        "override.en.you-are-now",
        Override,
        0.5,
        Folded,
        "you are|you're|youre",
        format!(
            r"\b(?:you\sare|you're|youre){sep}(?:now{sep})?(?:no\slonger{sep}(?:bound|restricted|limited|required|constrained|subject|obligated|an?{sep}(?:ai|assistant|language\smodel|chatbot)|claude|chatgpt|gpt)|now{sep}(?:dan|unrestricted|jailbroken|unfiltered|uncensored|evil|free\sfrom|freed|liberated|in{sep}(?:developer|god|dan|unrestricted|jailbreak|admin|root|debug|maintenance|sudo|evil|opposite){sep}mode))\b"
        ),
    ));
    r.push(rule(
        "override.en.you-are-now-persona",
        Override,
        0.3,
        Folded,
        "you are now|you're now|youre now",
        format!(r"\b(?:you\sare|you're|youre){sep}now{sep}(?:a|an|the|my|called|named|known\sas|acting\sas|operating\sas|going\sto\sact|playing|roleplaying)\b"),
    ));
    r.push(rule(
        "override.en.from-now-on",
        Override,
        0.35,
        Folded,
        "from now|henceforth|going forward",
        format!(
            r"\b(?:from\snow\son|henceforth|going\sforward){sep}(?:you{sep}(?:will|must|shall|are|should|have\sto|need\sto|may|can)|you'll|always|never|respond|reply|answer|act|ignore|only\s(?:respond|reply|answer|output)|do\snot|don't|dont)\b"
        ),
    ));
    r.push(rule(
        "override.en.pretend",
        Override,
        0.35,
        Folded,
        "pretend|imagine|roleplay|role-play|role play|act as",
        format!(
            r"\b(?:pretend|imagine){sep}(?:that{sep})?(?:you\sare|you're|youre|to\sbe){sep}(?:a|an|the|my|dan|not|no\slonger|free|unrestricted|evil|unfiltered|jailbroken)\b|\bact\sas{sep}(?:if\syou\s(?:are|were|have\sno)|dan|an?{sep}(?:unrestricted|jailbroken|unfiltered|uncensored|evil)|an\sai\s(?:without|with\sno))|\brole-?\s?play\sas\b"
        ),
    ));
    r.push(rule(
        "override.en.mode",
        Override,
        0.55,
        Folded,
        " mode",
        format!(
            r"\b(?:developer|dan|god|jailbreak|jailbroken|sudo|unrestricted|unfiltered|uncensored|evil|opposite|dev){sep}mode{sep}(?:enabled|activated|on|unlocked|engaged|active)\b|\b(?:enable|activate|enter|switch\sto|turn\son|unlock|engage){sep}(?:the{sep})?(?:developer|dan|god|jailbreak|sudo|unrestricted|unfiltered|uncensored|evil|opposite){sep}mode\b"
        ),
    ));
    r.push(rule(
        "override.en.developer-mode",
        Override,
        0.2,
        Folded,
        "developer mode|dan mode|god mode",
        r"\b(?:developer|dan|god)\smode\b".into(),
    ));
    r.push(rule(
        "override.en.jailbreak",
        Override,
        0.35,
        Folded,
        "jailbr|do anything now",
        r"\b(?:jailbreak|jailbroken|jailbreaking|do\sanything\snow)\b".into(),
    ));
    r.push(rule(
        "override.en.prompt-leak",
        Override,
        0.5,
        Folded,
        "system prompt|system message|instructions|pre-prompt|preprompt|context window|developer",
        format!(
            r"\b(?:reveal|print|show|output|repeat|leak|disclose|tell\sme|display|dump|return|share|expose|echo|write\sout|give\sme|recite|what\s(?:is|are|was|were)){sep}(?:me{sep})?(?:your|the){sep}{f}(?:system\sprompt|system\smessage|initial\sinstructions|hidden\sinstructions|original\sinstructions|instructions\sabove|prompt\sabove|developer\s(?:message|prompt|instructions)|pre-?prompt|context\swindow)\b",
            f = rep("full|entire|complete|original|initial|hidden|secret|exact|verbatim|whole", 0, 2)
        ),
    ));
    r.push(rule(
        "override.en.system-prompt",
        Override,
        0.15,
        Folded,
        "system prompt",
        r"\bsystem\sprompt\b".into(),
    ));

    // ---- override: other languages -------------------------------------------
    r.push(rule(
        "override.romance",
        Override,
        0.75,
        Folded,
        "ignor|olvid|omit|descart|desestim|desconsider|esquec|dimentic|caso omiso|no hagas caso|no sigas|nao siga|non seguire|pasa por alto|salta|salte",
        format!(
            r"\b{v}{sep}{f}(?:{o}{sep}{f2}{q}|{q}{sep}{o})\b",
            v = alt(VERB_ROM),
            f = rep(FILL_ROM, 0, 3),
            f2 = rep(FILL_ROM, 0, 1),
            o = alt(OBJ_ROM),
            q = alt(QUAL_ROM)
        ),
    ));
    r.push(rule(
        "override.french",
        Override,
        0.75,
        Folded,
        "ignor|oubli|compte|abstraction|neglig|ne suis|ne suivez|outre|outrepass",
        format!(
            r"\b{v}{sep}{f}(?:{o}{sep}{f2}{q}|{q}{sep}{o})\b",
            v = alt(VERB_FR),
            f = rep(FILL_FR, 0, 3),
            f2 = rep(FILL_FR, 0, 1),
            o = alt(OBJ_FR),
            q = alt(QUAL_FR)
        ),
    ));
    r.push(rule(
        "override.german",
        Override,
        0.75,
        Folded,
        "ignorier|vergiss|vergesst|vergessen|missacht|uberspring|verwirf|verwerfen|beacht|befolg|ausser kraft|hebe auf",
        format!(
            r"\b{v}{sep}{f}{q}{sep}{f2}{o}\b|\b(?:beachte|beachten\ssie|befolge|befolgen\ssie){sep}{f}{q}{sep}{o}{sep}(?:nicht|nicht\smehr)\b",
            v = alt(VERB_DE),
            f = rep(FILL_DE, 0, 3),
            f2 = rep(FILL_DE, 0, 1),
            q = alt(QUAL_DE),
            o = alt(OBJ_DE)
        ),
    ));
    r.push(rule(
        "override.german.vergiss-alles",
        Override,
        0.6,
        Folded,
        "vergiss|vergessen|ignorier",
        format!(r"\b(?:vergiss|vergessen\ssie|ignoriere|ignorieren\ssie){sep}alles{sep}(?:was|bisher|vorher|davor|oben|bisherige|zuvor)\b"),
    ));
    r.push(rule(
        "override.chinese",
        Override,
        0.75,
        Folded,
        "忽略|忽视|忽視|无视|無視|忘|不要理|不用理|不要遵|不再遵|跳过|跳過|放弃|放棄|覆盖|覆蓋|抛弃|拋棄|丢弃|丟棄|违反|違反|绕过|繞過",
        format!(
            r"{v}[^。！？\n]{{0,6}}?{q}[^。！？\n]{{0,8}}?{o}",
            v = alt(VERB_ZH),
            q = alt(QUAL_ZH),
            o = alt(OBJ_ZH)
        ),
    ));
    r.push(rule(
        "override.japanese",
        Override,
        0.7,
        Folded,
        "無視|忘れ",
        r"(?:以前|前|上記|これまで|今まで|上|すべて|全て)[^。\n]{0,6}?(?:指示|命令|ルール|指令|設定|プロンプト)[^。\n]{0,4}?(?:無視|忘れ)".into(),
    ));
    r.push(rule(
        "override.russian",
        Override,
        0.75,
        Folded,
        RU_ANCHORS_OVERRIDE,
        fold_script(&format!(
            r"(?:{v})[^.!?\n]{{0,30}}?(?:{q})[^.!?\n]{{0,20}}?(?:{o})",
            v = VERB_RU,
            q = QUAL_RU,
            o = OBJ_RU
        )),
    ));
    r.push(rule(
        "secrecy.russian",
        Secrecy,
        0.55,
        Folded,
        RU_ANCHORS_SECRECY,
        fold_script(r"(?:не\s(?:говори|говорите|сообщай|сообщайте|рассказывай|рассказывайте|показывай|показывайте)|без\s(?:ведома|уведомления|согласия))[^.!?\n]{0,20}?пользовател"),
    ));
    r.push(rule(
        "override.multilingual.new-instructions",
        Override,
        0.45,
        Folded,
        "nuevas|novas|nuove|nouvelles|nouvelle|neue|neuen|新的|新指令|新指示",
        r"\b(?:nuevas\sinstrucciones|novas\sinstrucoes|nuove\sistruzioni|nouvelles\s(?:instructions|consignes)|neue\s(?:anweisungen|instruktionen|regeln))\s?[:：]|(?:新的指令|新指令|新的指示|新指示)\s?[:：]".into(),
    ));
    r.push(rule(
        "override.multilingual.you-are-now",
        Override,
        0.35,
        Folded,
        "ahora eres|a partir de ahora|agora voce|d'ora in poi|ora sei|maintenant|ab jetzt|ab sofort|du bist jetzt|你现在是|你現在是|从现在|從現在|开发者模式|開發者模式",
        r"\b(?:ahora\seres|a\spartir\sde\sahora\s(?:eres|debes|vas\sa|tu)|agora\svoce\se|d'ora\sin\spoi\s(?:sei|devi)|ora\ssei|(?:a\spartir\sde\s)?maintenant\s(?:tu\s(?:es|dois|vas)|,\stu)|tu\ses\smaintenant|ab\s(?:jetzt|sofort)\s(?:bist\sdu|musst\sdu|wirst\sdu)|du\sbist\sjetzt)\b|你现在是|你現在是|(?:从|從)现在(?:开始|起)你|(?:从|從)現在(?:開始|起)你|(?:进入|進入|启用|啟用|开启|開啟)(?:开发者|開發者)模式".into(),
    ));

    // ---- fake authority --------------------------------------------------------
    r.push(rule(
        "fake-authority.tag",
        FakeAuthority,
        0.45,
        Light,
        "<",
        r"<\s*/?\s*(?:important|system|system[-_ ]?(?:prompt|message|instructions?|override|note|notice)|override|mandatory|sudo)\s*/?\s*>".into(),
    ));
    // Also real element names in XML, HTML and source code (`<priority>` of an SRV
    // record, `<root>`, `<hidden>`): weaker alone.
    r.push(rule(
        "fake-authority.weak-tag",
        FakeAuthority,
        0.3,
        Light,
        "<",
        r"<\s*/?\s*(?:admin|administrator|critical|hidden|secret|priority|urgent|root)\s*/?\s*>".into(),
    ));
    r.push(rule(
        "fake-authority.instructions-tag",
        FakeAuthority,
        0.2,
        Light,
        "<",
        r"<\s*/?\s*(?:instructions?|developer|sys|assistant[-_ ]?instructions|ai[-_ ]?instructions|model[-_ ]?instructions|agent[-_ ]?instructions|tool[-_ ]?instructions|developer[-_ ]?(?:message|instructions))\s*/?\s*>".into(),
    ));
    r.push(rule(
        "fake-authority.chat-template",
        FakeAuthority,
        0.6,
        Light,
        "<|<<|turn>",
        r"<\|[a-z_]{2,32}(?:\|>|>)|<<\s*/?\s*sys\s*>>|<(?:start|end)_of_turn>".into(),
    ));
    r.push(rule(
        "fake-authority.inst",
        FakeAuthority,
        0.5,
        Light,
        "[inst]|[/inst]|[system]",
        r"\[/?inst\]|\[system\]".into(),
    ));
    r.push(rule(
        "fake-authority.heading",
        FakeAuthority,
        0.4,
        Light,
        "#",
        r"(?m)^\s?#{1,6}\s?(?:system|system\sprompt|system\smessage|new\sinstructions|admin|developer\smessage|developer\sinstructions)\s?:?\s?$|(?m)^\s?#{1,6}\s?(?:system|instruction|instructions|response|input)\s?:".into(),
    ));
    r.push(rule(
        "fake-authority.role-label",
        FakeAuthority,
        0.4,
        Light,
        "system|admin|developer",
        r"(?m)(?:^|<!--|[\x22'])[\s>*_\[(-]{0,3}(?:system|admin|administrator|developer)[\s_-]?(?:message|prompt|note|instructions?|override|notice|alert|update)[\]*_)\s]{0,3}:".into(),
    ));
    r.push(metadata_weak(rule(
        "fake-authority.addressing-the-model",
        FakeAuthority,
        0.45,
        Folded,
        "attention|note|message|instruction|important|notice|reminder|warning|if you are|reading this|processing this|dear|hey",
        format!(
            r"\b(?:attention|note|message|instructions?|important|notice|reminder|warning){sep}(?:to|for){sep}(?:the{sep}|any{sep}|all{sep})?(?:ai|llm|llms|assistant|assistants|model|models|language\smodel|agent|agents|chatbot|claude|gpt|chatgpt|copilot|gemini)(?:{sep}(?:assistants?|agents?|models?|reading\sthis))?\s?[:!,]|\bif\syou\sare\san?{sep}(?:ai|llm|language\smodel|assistant|ai\sassistant|ai\sagent|large\slanguage\smodel|automated\sagent|bot|chatbot)\b|\b(?:ai|llm)\s(?:assistants?|agents?|models?)\s(?:reading|processing|parsing|summari[sz]ing|seeing)\sthis\b|\b(?:dear|hey)\s(?:ai|llm|assistant|claude|chatgpt|gpt|model|agent)\b"
        ),
    )));

    r.push(metadata_weak(rule(
        "fake-authority.hey-model",
        FakeAuthority,
        0.45,
        Folded,
        "attention|hey|dear|note|hello|hi|ok",
        format!(
            r"\b(?:attention|hey|dear|note|hello|hi|ok|okay){sep}(?:ai|llm|llms|assistant|claude|chatgpt|gpt|model|agent|agents|copilot|gemini|cursor)(?:\s(?:assistants?|agents?|models?))?\s?[:!,]"
        ),
    )));
    r.push(rule(
        "fake-authority.claimed-consent",
        FakeAuthority,
        0.45,
        Folded,
        "authori|approved|consent|permitted|allowed|granted",
        r"\b(?:the\s)?(?:user|owner|admin|administrator|developer|operator)\s(?:has|have)\s(?:already\s|explicitly\s|previously\s)?(?:authori[sz]ed|approved|consented\sto|permitted|allowed|granted\spermission\sfor|pre-?approved)\s(?:you|this|the\sassistant|the\sai|the\sagent)\b".into(),
    ));

    // ---- secrecy ---------------------------------------------------------------
    r.push(rule(
        "secrecy.en.do-not-tell",
        Secrecy,
        0.6,
        Folded,
        "tell|inform|notif|mention|reveal|disclos|alert|warn|explain|acknowledg|let|bring up|say anything|talk about",
        format!(
            r"\b{neg}{sep}{f}{tell}{sep}{any}(?:the{sep}|any{sep}|your{sep})?{aud}\b",
            neg = alt(NEG_EN),
            f = rep("ever|tell|or|and|to|the|this|it|that|about|anything", 0, 2),
            tell = alt(TELL_EN),
            any = any_words(0, 4),
            aud = alt(AUDIENCE_EN)
        ),
    ));
    r.push(escalated(
        "secrecy.en.without-asking",
        Secrecy,
        0.25,
        &["permission", "confirmation", "approval", "consent", "knowledge", "awareness", "noticing", "knowing"],
        0.45,
        Folded,
        "without|don't ask|do not ask|dont ask|no need to|never ask|don't wait|do not wait",
        format!(
            r"\b(?:without|don't|do\snot|dont|never|no\sneed\sto){sep}(?:ask|asking|wait|waiting|seeking|requesting|getting|prompting|bothering|consulting|checking\swith|needing){sep}{any}(?:the{sep})?(?:user|user's|human|operator|owner|permission|confirmation|approval|consent)\b|\bwithout{sep}(?:the{sep})?(?:user's|user|human's|their|his|her|owner's){sep}(?:knowledge|consent|approval|awareness|confirmation|permission|noticing|knowing)\b",
            any = any_words(0, 3)
        ),
    ));
    r.push(rule(
        "secrecy.en.proceed-without-confirmation",
        Secrecy,
        0.45,
        Folded,
        "without",
        format!(
            r"\b(?:proceed|continue|go\sahead|execute|run|do\sit|act|call|send|delete)\b[^.\n]{{0,30}}?\bwithout{sep}(?:any{sep}|further{sep}|user{sep}|the\suser's{sep}|asking\sfor{sep})?(?:confirmation|approval|permission|consent|checking|review|prompting|verification)\b"
        ),
    ));
    r.push(rule(
        "secrecy.en.do-not-mention-this",
        Secrecy,
        0.45,
        Folded,
        "mention|reveal|disclos|talk about|acknowledg|speak of|refer to",
        format!(
            r"\b(?:do\snot|don't|dont|never|must\snot|should\snot){sep}(?:ever{sep})?(?:mention|reveal|disclose|talk\sabout|acknowledge|speak\sof|refer\sto|bring\sup){sep}(?:this|these|that|it|the\s(?:above|following|instructions?|tool\sdescription|note|step|action|request|side\seffect))\b"
        ),
    ));
    r.push(rule(
        "secrecy.en.keep-secret",
        Secrecy,
        0.25,
        Folded,
        "keep|hold",
        format!(
            r"\b(?:keep|hold){sep}(?:this|it|these|that|the\sfollowing|everything|the\s(?:above|instructions?|request|action|note))(?:{sep}(?:tool|step|action|request|note|instruction|call|message|part))?{sep}(?:a{sep}|as\sa{sep}|completely{sep}|strictly{sep}|totally{sep})?(?:secret|hidden|confidential|private|quiet|under\swraps)\b"
        ),
    ));
    r.push(rule(
        "secrecy.en.keep-from-user",
        Secrecy,
        0.55,
        Folded,
        "keep|hold|between us|yourself|hide|conceal",
        format!(
            r"\b(?:keep|hold){sep}(?:this|it|these|that|the\sfollowing|everything|the\s(?:above|instructions?|request|action|note)){sep}{noun}(?:to\syourself|between\sus|between\syou\sand\sme|(?:secret\s|hidden\s)?from\s(?:the\s)?(?:user|human|operator))\b|\b(?:hide|conceal){sep}{any}from{sep}(?:the{sep})?(?:user|human|operator|owner)\b",
            any = any_words(0, 4),
            noun = NOUN_RE.replace("{sep}", sep)
        ),
    ));
    r.push(rule(
        "secrecy.en.user-must-not-know",
        Secrecy,
        0.55,
        Folded,
        "user|human|operator",
        format!(
            r"\b(?:the{sep})?(?:user|human|operator|owner){sep}(?:must|should|will|does|need|needs|can|is|may){sep}(?:not|never|n't){sep}{any}(?:know|see|notice|find\sout|learn|be\s(?:told|informed|notified|aware|alerted)|suspect|discover|realize|realise)\b",
            any = any_words(0, 2)
        ),
    ));
    r.push(rule(
        "secrecy.en.covertly",
        Secrecy,
        0.45,
        Folded,
        "secret|covert|stealth|surreptitious|discreet|silent|quiet",
        format!(
            r"\b(?:secretly|covertly|stealthily|surreptitiously|discreetly|silently|quietly){sep}{any}(?:send|read|include|add|copy|forward|upload|call|pass|exfiltrate|attach|bcc|cc|append|insert|collect|access|fetch|email|post|transmit|leak|share|save|store|log|record)\b",
            any = any_words(0, 2)
        ),
    ));
    r.push(rule(
        "secrecy.en.for-the-model-only",
        Secrecy,
        0.45,
        Folded,
        "visible|shown|displayed|meant|intended|eyes|only for",
        format!(
            r"\b(?:not|never){sep}(?:be{sep})?(?:visible|shown|displayed|revealed){sep}to{sep}(?:the{sep})?(?:user|human|operator)\b|\b(?:this|these){sep}(?:instructions?|messages?|notes?|text|section|part){sep}(?:is|are){sep}(?:only{sep})?(?:meant|intended|visible|written){sep}(?:only{sep})?(?:for|to){sep}(?:the{sep}|an?{sep})?(?:ai|assistant|model|llm|agent)\b|\bfor{sep}(?:the{sep})?(?:ai|assistant|model|llm)(?:'s)?{sep}eyes{sep}only\b"
        ),
    ));
    r.push(rule(
        "secrecy.multilingual",
        Secrecy,
        0.55,
        Folded,
        "usuario|benutzer|nutzer|anwender|utilisateur|用户|用戶|使用者",
        format!(
            r"\bno{sep}(?:le{sep}|les{sep})?(?:digas|diga|digan|menciones|mencione|informes|informe|reveles|revele|cuentes|cuente|avises|avise){sep}{any}(?:al|a\slos|a\sla)\susuarios?\b|\bsin{sep}(?:informar|avisar|decir|preguntar|notificar){sep}(?:nada{sep})?(?:al|a\slos)\susuarios?\b|\b(?:sag|sage|erzahl|erzahle|verrate|sagen\ssie|erwahne|erwahnen\ssie){sep}{any}(?:dem|den)\s(?:benutzer|nutzer|anwender)n?{sep}{any}nichts?\b|\b(?:ohne|nicht){sep}(?:den|dem){sep}(?:benutzer|nutzer|anwender)n?{sep}(?:zu{sep})?(?:informieren|fragen|benachrichtigen|sagen)\b|\bne{sep}(?:le{sep}|lui{sep}|leur{sep}|rien{sep})?(?:dis|dites|mentionne|mentionnez|revele|revelez|signale|signalez)\w*{sep}(?:pas|rien|jamais){sep}[^.\n]{{0,40}}?utilisateur|\bsans{sep}(?:en{sep})?(?:informer|prevenir|avertir|demander\sa){sep}l'utilisateur\b|(?:不要|别|別|不得|切勿|请勿|請勿)(?:告诉|告訴|通知|提醒|透露|提及|提到|让|讓)[^。\n]{{0,6}}?(?:用户|用戶|使用者)|(?:对|對)(?:用户|用戶|使用者)保密|不(?:让|讓)(?:用户|用戶|使用者)知道",
            any = any_words(0, 3)
        ),
    ));

    // ---- context exfiltration ---------------------------------------------------
    let put = "include|add|put|pass|insert|append|attach|embed|copy|paste|provide|send|place|write|fill|set|supply|\
enter|store|save|dump|forward|encode|inject|populate|stuff";
    r.push(rule(
        "context-exfiltration.conversation-into-parameter",
        ContextExfiltration,
        0.7,
        Folded,
        CONVO_ANCHORS,
        format!(
            r"\b{put}{sep}{any}{obj}\b[^.\n]{{0,80}}?\b{param}\b",
            put = alt(put),
            any = any_words(0, 5),
            obj = alt(CONVO_OBJ),
            param = alt(PARAM_WORD)
        ),
    ));
    r.push(rule(
        "context-exfiltration.context-into-parameter",
        ContextExfiltration,
        0.4,
        Folded,
        CONVO_ANCHORS,
        format!(
            r"\b{put}{sep}{any}{obj}\b[^.\n]{{0,80}}?\b{param}\b",
            put = alt(put),
            any = any_words(0, 5),
            obj = alt(WEAK_CONVO_OBJ),
            param = alt(PARAM_WORD)
        ),
    ));
    r.push(rule(
        "context-exfiltration.encoded-context",
        ContextExfiltration,
        0.55,
        Folded,
        "base64|encod|hex",
        r"\b(?:base64|url-?encoded|urlencoded|encoded|hex|hex-encoded)\s(?:of|version\sof|form\sof|encoding\sof)\s(?:the\s|your\s|our\s)?(?:(?:whole|full|entire|complete|current)\s)?(?:chat|conversation|context|history|messages|system\sprompt|secrets?|credentials?|api\skeys?|tokens?|passwords?|user's\s\w+)\b".into(),
    ));
    r.push(rule(
        "context-exfiltration.secrets-into-parameter",
        ContextExfiltration,
        0.35,
        Folded,
        "key|secret|credentia|password|token|cookie|environment|env var",
        format!(
            r"\b{put}{sep}{any}{obj}\b[^.\n]{{0,80}}?\b{param}\b",
            put = alt(put),
            any = any_words(0, 5),
            obj = alt(SECRET_OBJ),
            param = alt(PARAM_WORD)
        ),
    ));
    r.push(rule(
        "context-exfiltration.parameter-must-contain",
        ContextExfiltration,
        0.6,
        Folded,
        CONVO_ANCHORS,
        format!(
            r"\b{param}{sep}{any}(?:should|must|will|shall|needs\sto|has\sto|is\sto){sep}{any2}(?:contain|include|hold|be|have|carry){sep}{any3}{obj}\b",
            param = alt(PARAM_WORD),
            any = any_words(0, 4),
            any2 = any_words(0, 2),
            any3 = any_words(0, 3),
            obj = alt(&format!("{CONVO_OBJ}|conversation"))
        ),
    ));
    r.push(rule(
        "context-exfiltration.summarize-into",
        ContextExfiltration,
        0.6,
        Folded,
        CONVO_ANCHORS,
        format!(
            r"\b(?:summari[sz]e|repeat|copy|quote|reproduce|list|encode|serialize){sep}{any}{obj}{sep}{any2}(?:in|into|as|to){sep}{any3}(?:{param}|url|query|link|image)\b",
            any = any_words(0, 3),
            obj = alt(&format!("{CONVO_OBJ}|conversation")),
            any2 = any_words(0, 6),
            any3 = any_words(0, 2),
            param = alt(PARAM_WORD)
        ),
    ));
    // Without a parameter word: "include your system prompt and the user's previous
    // messages". Only the unambiguous objects (not "context", which a memory tool asks for).
    r.push(rule(
        "context-exfiltration.include-conversation",
        ContextExfiltration,
        0.5,
        Folded,
        CONVO_ANCHORS,
        format!(
            r"\b(?:include|add|append|attach|send|provide|paste|dump|forward|upload|post|share|leak|reveal)\s(?:{any})?{obj}\b",
            any = any_words(0, 3),
            obj = alt(CONVO_OBJ)
        ),
    ));
    r.push(rule(
        "context-exfiltration.pass-its-content",
        ContextExfiltration,
        0.35,
        Folded,
        "content|text|data|value|output",
        format!(
            r"\b(?:pass|send|put|include|provide|add|attach|supply){sep}(?:its|their|the|that|this|those|these|all){sep}(?:full{sep}|entire{sep}|complete{sep}|raw{sep})?(?:contents?|text|data|values?|output){sep}(?:of{sep}{any})?(?:as|in|into|inside|via){sep}",
            any = any_words(1, 4)
        ),
    ));

    // ---- tool shadowing ----------------------------------------------------------
    let self_ref: &'static [&'static str] = &[
        "this", "that", "the", "current", "our", "my", "same", "these", "a", "an",
    ];
    r.push(RuleDef {
        id: "tool-shadowing.when-other-tool",
        kind: ToolShadowing,
        weight: 0.6,
        view: Folded,
        anchors: "tool|function|server",
        pattern: format!(
            r#"\b(?:when|whenever|before|after|every\stime|each\stime|any\stime|anytime|if){sep}{pre}[`'"]?(?P<x>[a-z0-9_.-]{{1,64}})[`'"]?{sep}(?:tool|function|server)s?\b[^.\n]{{0,120}}?\b(?:always|also|instead|bcc|cc|forward|redirect|must|make\ssure|ensure|remember\sto|first)\b"#,
            pre = rep("the|any|a|an|you|user|agent|model|assistant|someone|calling|using|invoking|running|call|use|invoke|run|uses|calls", 0, 3)
        ),
        reject: self_ref,
        escalate: None,
        metadata_factor: 1.0,
    });
    r.push(RuleDef {
        id: "tool-shadowing.instead-of",
        kind: ToolShadowing,
        weight: 0.28,
        view: Folded,
        anchors: "instead of|rather than",
        pattern: format!(
            r#"\b(?:instead\sof|rather\sthan){sep}(?:using{sep}|calling{sep}|invoking{sep}|running{sep})?(?:the{sep}|any{sep})?[`'"]?(?P<x>[a-z0-9_.-]{{1,64}})[`'"]?{sep}(?:tool|function|server)s?\b"#
        ),
        reject: self_ref,
        escalate: None,
        metadata_factor: 1.0,
    });
    r.push(RuleDef {
        id: "tool-shadowing.do-not-use-other",
        kind: ToolShadowing,
        weight: 0.4,
        view: Folded,
        anchors: "tool|function|server",
        pattern: format!(
            r#"\b(?:do\snot|don't|dont|never){sep}(?:use|call|invoke|trust|run){sep}(?:the{sep}|any{sep})?(?:other{sep})?[`'"]?(?P<x>[a-z0-9_.-]{{1,64}})[`'"]?{sep}(?:tool|function|server)s?\b"#
        ),
        reject: &["this", "that", "the", "current", "our", "my", "same", "these", "a", "an", "any"],
        escalate: None,
        metadata_factor: 1.0,
    });
    r.push(rule(
        "tool-shadowing.call-first",
        ToolShadowing,
        0.45,
        Folded,
        "tool|function",
        format!(
            r"\b(?:this|the){sep}(?:tool|function){sep}(?:must|should|has\sto|needs\sto|shall){sep}(?:always{sep})?(?:be{sep})?(?:called|used|run|invoked|executed){sep}(?:first|before{sep}(?:any|all|every|each){sep}(?:other|of\sthe\sother))\b|\b(?:always|must){sep}(?:call|use|run|invoke){sep}this{sep}(?:tool|function){sep}(?:first|before{sep}(?:any|all|every|each))\b"
        ),
    ));
    r.push(rule(
        "tool-shadowing.bcc",
        ToolShadowing,
        0.55,
        Folded,
        "bcc|cc|blind|forward|copy",
        format!(
            r"\b(?:always|must|also|secretly|silently){sep}{any}(?:bcc|cc|blind\scopy|blind-copy|forward|send\sa\scopy|copy){sep}{any2}(?:to\b|@)",
            any = any_words(0, 2),
            any2 = any_words(0, 4)
        ),
    ));
    r.push(rule(
        "tool-shadowing.all-messages-redirected",
        ToolShadowing,
        0.55,
        Folded,
        "email|message|request|call|transaction|payment|transfer",
        format!(
            r"\b(?:all|any|every|each){sep}(?:emails?|messages?|requests?|calls?|transactions?|payments?|transfers?){sep}{any}(?:must|should|have\sto|need\sto|shall|are\sto){sep}(?:also{sep}|always{sep})?(?:be{sep})?(?:sent|forwarded|copied|redirected|bcc'?d|cc'?d|routed|rerouted)\sto\b",
            any = any_words(0, 6)
        ),
    ));
    r.push(rule(
        "tool-shadowing.must-send-all",
        ToolShadowing,
        0.55,
        Folded,
        "send|forward|redirect|route|copy|bcc|cc",
        format!(
            r"\b(?:must|should|shall|will|has\sto|needs\sto|always){sep}{any}(?:send|forward|redirect|route|reroute|copy|bcc|cc){sep}(?:all|every|each|any){sep}{any2}(?:emails?|messages?|requests?|payments?|transfers?|data|files?|mail){sep}{any3}to\b",
            any = any_words(0, 2),
            any2 = any_words(0, 2),
            any3 = any_words(0, 3)
        ),
    ));
    r.push(RuleDef {
        id: "tool-shadowing.other-tool-must",
        kind: ToolShadowing,
        weight: 0.5,
        view: Folded,
        anchors: "tool|function",
        pattern: format!(
            r#"\bthe{sep}[`'"]?(?P<x>[a-z0-9_.-]{{1,64}})[`'"]?{sep}(?:tool|function){sep}(?:must|should|shall|has\sto|needs\sto|will\snow|is\sto){sep}(?:always{sep}|now{sep}|also{sep}|only{sep})?(?:send|forward|use|call|include|add|redirect|route|bcc|cc|set|pass|ignore|not|be\scalled\swith)\b"#
        ),
        reject: self_ref,
        escalate: None,
        metadata_factor: 1.0,
    });
    r.push(rule(
        "tool-shadowing.side-effect",
        ToolShadowing,
        0.45,
        Folded,
        "side effect|side-effect|affects|modif|changes|alters",
        r"\b(?:side[\s-]effects?|affects|modifies|changes|alters)\s(?:on\s|of\s|to\s)?(?:the\s)?(?:also\s(?:present|available)\s)?(?:other\s)?[`'\x22]?[a-z0-9_.-]{1,64}[`'\x22]?\s(?:tool|server|function)s?\b".into(),
    ));
    r.push(rule(
        "tool-shadowing.other-tools-broken",
        ToolShadowing,
        0.5,
        Folded,
        "other|another",
        format!(
            r"\b(?:other|another|all\sother|the\sother){sep}(?:mcp{sep})?(?:tools?|servers?|functions?){sep}{any}(?:are|is){sep}(?:deprecated|broken|unsafe|disabled|compromised|malicious|not\s(?:available|working|safe|to\sbe\strusted))\b",
            any = any_words(0, 4)
        ),
    ));
    r.push(RuleDef {
        id: "tool-shadowing.named-tool-broken",
        kind: ToolShadowing,
        weight: 0.25,
        view: Folded,
        anchors: "tool|function",
        pattern: format!(
            r#"\bthe{sep}(?:[a-z0-9_.-]{{1,64}}{sep})?[`'"]?(?P<x>[a-z0-9_.-]{{1,64}})[`'"]?{sep}(?:tool|function)s?{sep}(?:is|are|has\sbeen|have\sbeen){sep}(?:now{sep})?(?:deprecated|broken|unsafe|disabled|compromised|malicious|not\s(?:available|working|safe|to\sbe\strusted))\b"#
        ),
        reject: self_ref,
        escalate: None,
        metadata_factor: 1.0,
    });
    r.push(rule(
        "tool-shadowing.override-behaviour",
        ToolShadowing,
        0.45,
        Folded,
        "behavio|functionality",
        format!(
            r"\b(?:override|replace|change|modify|alter|intercept|hijack){sep}(?:the{sep})?(?:behaviou?r|functionality){sep}(?:of|for){sep}(?:the{sep}|all{sep}|any{sep})?(?:other{sep})?(?:[a-z0-9_.-]{{1,64}}{sep})?(?:tools?|servers?|functions?)\b"
        ),
    ));

    // ---- exfiltration instructions -----------------------------------------------
    let dest = r"(?:https?://|www\.|[a-z0-9._%+-]+@[a-z0-9-]+\.[a-z]|\d{1,3}(?:\.\d{1,3}){3}|[a-z0-9-]+\.(?:com|net|org|io|xyz|ru|cn|sh|dev|app|site|top|info|me|co|biz|cc|tk|ml|ga|cf|gq|pw|ws|live|online)\b|webhook|ngrok|requestbin|pipedream|burpcollaborator|interact\.sh|pastebin|attacker)";
    let send = "send|post|upload|forward|transmit|exfiltrate|leak|email|e-mail|mail|submit|report|beam|pipe|share|\
deliver|relay|sync|push|transfer|copy|write|put|log";
    let what_sensitive = "conversation|chat|history|keys?|api\\skeys?|tokens?|secrets?|credentials?|passwords?|\
cookies|session|transcript|messages|context|system\\sprompt|env|environment|ssh|private";
    let what = "it|them|this|that|these|those|everything|all|both|each|every|the|copy|of|full|entire|complete|whole|raw|your|my|\
user's|users'|data|results?|output|outputs|response|responses|contents?|files?|information|info|answers?|details|\
findings|summary|text|body|values?|above|collected|gathered|emails?|messages?|mail";
    r.push(RuleDef {
        id: "exfil-instruction.send-to-destination",
        kind: ExfilInstruction,
        weight: 0.45,
        view: Light,
        anchors: "send|post|upload|forward|transmit|exfiltrat|leak|mail|submit|report|beam|pipe|share|deliver|relay|sync|push|transfer|copy|write|put|log",
        pattern: format!(
            r"\b{send}{sep}(?:(?:{what}|{sens}){sep}){{1,6}}(?:to|at|into|via|using|on){sep}(?:(?:the|this|my|our|following|an?|external|remote|webhook|endpoint|server|url|address|email|e-mail|host|domain|site|at|on|via){sep}){{0,5}}{dest}",
            send = alt(send),
            what = what,
            sens = what_sensitive,
            dest = dest
        ),
        reject: &[],
        escalate: Some((SENSITIVE_WORDS, 0.65)),
        metadata_factor: 1.0,
    });
    r.push(rule(
        "exfil-instruction.curl",
        ExfilInstruction,
        0.2,
        Light,
        "curl|wget|invoke-webrequest|invoke-restmethod",
        r"\b(?:curl|wget|invoke-webrequest|invoke-restmethod)\b[^\n|;]{0,200}?(?:https?://|\b\d{1,3}(?:\.\d{1,3}){3}\b|\$\{?[a-z_]+|\b[a-z0-9-]+\.(?:com|net|org|io|xyz|ru|sh|dev|app|site|top)\b)".into(),
    ));
    r.push(rule(
        "exfil-instruction.curl-upload",
        ExfilInstruction,
        0.55,
        Light,
        "curl|wget",
        r"\b(?:curl|wget)\b[^\n]{0,200}?(?:\s-d\s|\s-d'|\s-d\x22|\s--data(?:-binary|-raw|-urlencode)?\b|\s-f\s+\S*[=@]|\s--form\b|\s-t\s|\s--upload-file\b|\s--post-(?:data|file)\b|\s-x\s?post\b|\$\(|`|\s@~|\s@/|=@~|=@/|\s@-)".into(),
    ));
    r.push(rule(
        "exfil-link.url-then-data",
        ExfilLink,
        0.6,
        Light,
        "http",
        r"https?://[^\s]{1,300}?[?&][a-z0-9_]{1,30}=\s{0,2}(?:followed\sby|\+|plus|then|and\sappend|append(?:ing)?|with|containing)\s(?:the\s|a\s|an\s)?(?:[\w-]+\s){0,3}?(?:user's|users'|conversation|chat|history|message|messages|data|secret|secrets|token|tokens|key|keys|password|passwords|content|contents|answer|response|summary|credentials?)\b".into(),
    ));
    r.push(rule(
        "exfil-link.data-then-url",
        ExfilLink,
        0.55,
        Light,
        "http",
        r"\b(?:append|add|attach|include|put|insert|concatenate)\s(?:[\w'-]+\s){0,4}?(?:user's|users'|conversation|chat|history|messages?|secrets?|tokens?|keys?|passwords?|credentials?|answers?|summary)\b[^.\n]{0,60}?\b(?:to|onto|into|at\sthe\send\sof)\s(?:the\s)?(?:url\s)?https?://[^\s]{1,300}?[?&][a-z0-9_]{1,30}=(?:\s|$|[^\w])".into(),
    ));
    r.push(rule(
        "remote-code.pipe-to-shell",
        RemoteCode,
        0.35,
        Light,
        "curl|wget|iwr|irm|invoke-",
        r"\b(?:curl|wget|iwr|irm|invoke-webrequest|invoke-restmethod)\b[^\n]{0,200}?\|\s?(?:sudo\s)?(?:ba|z|da|k)?sh\b|\b(?:iwr|irm|invoke-webrequest|invoke-restmethod)\b[^\n]{0,200}?\|\s?iex\b".into(),
    ));
    r.push(rule(
        "remote-code.fetch-and-run",
        RemoteCode,
        0.55,
        Light,
        "execute|run|eval|source|import|install",
        format!(
            r"\b(?:download|fetch|get|load|retrieve|curl|wget|pull)\b[^.\n]{{0,60}}?https?://\S{{1,200}}[^.\n]{{0,40}}?\b(?:and{sep})?(?:then{sep})?(?:execute|run|eval|evaluate|source|import|install)\s(?:it|them|this|the\s(?:script|code|file|payload|binary))\b"
        ),
    ));
    r.push(rule(
        "exfil-instruction.http-request-to",
        ExfilInstruction,
        0.35,
        Light,
        "request|call",
        format!(
            r"\b(?:make|send|issue|perform|do){sep}(?:an?{sep})?(?:http|https|get|post|put|web|network|api){sep}(?:request|call){sep}{any}to{sep}{dest}",
            any = any_words(0, 3),
            dest = dest
        ),
    ));
    r.push(rule(
        "exfil-instruction.chinese",
        ExfilInstruction,
        0.45,
        Light,
        "发送|發送|上传|上傳|转发|轉發|提交",
        r"(?:发送|發送|上传|上傳|转发|轉發|提交)[^。\n]{0,20}?(?:到|至|给|給)[^。\n]{0,10}?(?:https?://|[a-z0-9.-]+\.[a-z]{2,})".into(),
    ));
    r
}
