//! Vocabulary shared by the English and the other-language rules: who an injected
//! instruction addresses, what an attacker wants, and the verbs that carry it off. Each
//! list is a regex alternation (written lowercase, accents allowed: patterns are folded
//! like the text, see [`crate::normalize::fold_pattern`]).

/// Who content addresses when it talks to the model rather than to its human reader.
/// Specific names first: a bare "model" or "agent" also labels a phone or a broker.
pub(crate) const ADDRESSEE_SPECIFIC_EN: &str = r"ai|a\.i\.|llms?|large\slanguage\smodels?|language\smodels?|ai\smodels?|ai\sassistants?|ai\sagents?|ai\ssystems?|ai\stools?|ai\scoding\s(?:assistants?|agents?|tools?)|coding\s(?:assistants?|agents?)|autonomous\sagents?|automated\s(?:agents?|systems?|assistants?|tools?|readers?|reviewers?|scanners?|moderators?|graders?|processors?|pipelines?)|ai\s(?:reviewers?|moderators?|graders?|readers?|crawlers?|scrapers?)|chatbots?|copilot|claude|chatgpt|gpt|gemini|codex|devin";
/// Generic addressees: count only when the text says it is talking to them ("…reading
/// this page", "Note to …").
pub(crate) const ADDRESSEE_GENERIC_EN: &str = r"assistants?|agents?|models?|bots?|the\sassistant|the\smodel|the\sagent";

/// Addressees in Spanish, Portuguese, French, German and Italian (folded: no accents).
pub(crate) const ADDRESSEE_EU: &str = r"asistentes?(?:\sde\sia|\svirtual(?:es)?)?|assistentes?(?:\sde\sia|\svirtua(?:l|is))?|assistants?\s(?:ia|d'ia|virtuels?)|assistenti?\s(?:ia|di\sia|virtuali?)|assistente\sia|ia|ki|ki-(?:assistent(?:en)?|agent(?:en)?|modell(?:e)?|system(?:e)?)|ki\s(?:assistent(?:en)?|agent(?:en)?)|sprachmodell(?:e)?|modelos?\sde\s(?:lenguaje|linguagem|ia)|modeles?\sde\slangage|modell[oi]\s(?:linguistic[oi]|di\sia)|agentes?\sde\sia|agents?\s(?:ia|d'ia)|agenti?\s(?:ia|di\sia)|assistent(?:en)?";

/// Words that introduce a note, in English and the European languages above.
pub(crate) const NOTE_WORDS: &str = r"(?:hidden|secret|real|new|urgent|special|priority)\s(?:task|job|assignment|mission|instructions?|orders?)|note|notes|message|messages|instructions?|notice|memo|reminder|attention|update|p\.?\s?s\.?|important|hint|heads-up|request|directive|warning|info|psa|nota|mensaje|mensagem|aviso|instrucciones|instrucoes|atencion|atencao|importante|recordatorio|lembrete|avis|rappel|consignes?|hinweis|nachricht|anweisung(?:en)?|achtung|wichtig|notiz|mitteilung|messaggio|avviso|istruzioni|attenzione|promemoria";
/// "for" / "to" after a note word, in the same languages.
pub(crate) const NOTE_FOR: &str = r"for|to|para|pour|a|aux|fur|an|per|alla?|ai|agli|al|aos?|as";
/// Articles and quantifiers before the addressee.
pub(crate) const NOTE_DET: &str = r"the|all|any|every|each|los|las|les|die|den|gli|i|le|l'|os|as|todos\slos|todas\sas|tous\sles|alle|tutti\sgli|todos\sos";

/// English words that make sending something out an exfiltration of secrets (matched
/// as substrings of a rule's match).
pub(crate) const SENSITIVE_WORDS: &[&str] = &[
    "conversation",
    "chat",
    "history",
    "key",
    "token",
    "secret",
    "credential",
    "password",
    "passwd",
    "cookie",
    "session",
    "transcript",
    "context",
    "system prompt",
    "environment",
    ".env",
    "ssh",
    "private key",
    "private data",
    "private files",
    "private messages",
    "contacts",
    "address book",
    "inbox",
    "all files",
    "every file",
    "all emails",
    "every email",
    "every message",
    "all messages",
    "user's",
    "credit card",
    "wallet",
    "seed phrase",
    "id_rsa",
    "aws",
    "security code",
    "verification code",
    "one-time",
    "otp",
    "2fa",
    "reset link",
    "reset code",
    "login code",
    "auth code",
    "recovery",
    "mfa",
    // Other languages (folded: no accents).
    "contrasena",
    "clave",
    "credencial",
    "historial",
    "conversacion",
    "senha",
    "chave",
    "historico",
    "conversa",
    "mot de passe",
    "mots de passe",
    "identifiant",
    "historique",
    "passwort",
    "passworter",
    "kennwort",
    "zugangsdaten",
    "schlussel",
    "verlauf",
    "credenziali",
    "chiavi",
    "cronologia",
    "conversazione",
];
