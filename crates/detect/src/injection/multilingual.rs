//! The phrase table for languages other than English: Spanish, Portuguese, French,
//! German, Italian, Russian, Chinese, Japanese and Korean. For each, the core of an
//! injection: overriding earlier instructions (or the user's request), a new task,
//! secrecy toward the user, sending data to an address, revealing the system prompt,
//! and a note addressed to the AI followed by an order.
//!
//! Patterns are written in the language's own spelling (accents, kana, Hangul): the
//! engine folds them exactly as the normaliser folds text (accents and kana voicing marks
//! dropped, Hangul decomposed, Cyrillic look-alikes mapped to Latin). `\b` is an ASCII
//! boundary, so it is used only around Latin-script words.

use super::lexicon::SENSITIVE_WORDS;
use super::rules::{alt, any_words, escalated, requires, rule, RuleDef, View, SEP};
use crate::verdict::SignalKind;

/// Where data goes: a URL or an e-mail address.
const DEST: &str = r"(?:https?://|s?ftp://|www\.|[a-z0-9._%+-]+@[a-z0-9-]+\.[a-z])";

/// One Latin-script language's vocabulary (regex alternations).
struct Lang {
    /// Rule ids: override, override without qualifier, the user's request, new task,
    /// secrecy, exfiltration, prompt leak.
    ids: [&'static str; 8],
    /// Imperatives that set instructions aside ("ignora", "oubliez").
    verbs: &'static str,
    /// The subset of [`Lang::verbs`] that cannot mean "skip" or "cancel": enough without
    /// a qualifier ("olvida tus reglas"), where "omita las instrucciones de instalación"
    /// is documentation.
    strong_verbs: &'static str,
    /// Instructions, rules, guidelines…
    objects: &'static str,
    /// Earlier, above, the system's… (raise the weight).
    qualifiers: &'static str,
    /// The user's request as the object of an override.
    user_request: &'static str,
    /// "Your new task is…"
    new_task: &'static str,
    /// Secrecy toward the user.
    secrecy: &'static str,
    /// Sending verbs.
    send: &'static str,
    /// Revealing the system prompt.
    prompt_leak: &'static str,
    /// Secrets or the conversation put into the answer ("cole as chaves na resposta").
    into_answer: &'static str,
    /// Prefilter literals (see [`RuleDef::anchors`]) of the rules: the override verbs,
    /// the instruction nouns (required as well), the user, secrecy, sending, a new task,
    /// the prompt, the answer.
    anchors: Anchors,
}

struct Anchors {
    verbs: &'static str,
    objects: &'static str,
    user: &'static str,
    secrecy: &'static str,
    send: &'static str,
    task: &'static str,
    leak: &'static str,
    answer: &'static str,
}

/// Literals of a destination (a URL, an e-mail's domain) in the folded view.
const DEST_ANCHORS: &str = "http|www.|ftp|.com|.org|.net|.io|.es|.mx|.ar|.co|.br|.pt|.fr|.de|.it|.ru|.cn|.jp|.kr|.dev|.app|.xyz|.info|.biz|.eu|.ch|.at|.be|.nl";

const SPANISH: Lang = Lang {
    ids: [
        "override.es",
        "override.es.bare",
        "override.es.user-request",
        "override.new-task.es",
        "secrecy.es",
        "exfil-instruction.es",
        "override.es.prompt-leak",
        "context-exfiltration.es.into-answer",
    ],
    verbs: "ignora|ignore|ignoren|ignorad|ignorar|olvida|olvide|olviden|olvidad|olvidar|olvídate de|olvídese de|\
descarta|descarte|descarten|desestima|desestime|desatiende|desatienda|omite|omita|omitan|no sigas|no siga|no sigan|\
deja de seguir|deja de lado|pasa por alto|pase por alto|haz caso omiso de|haz caso omiso a|haga caso omiso de|\
no hagas caso de|no hagas caso a|no obedezcas|no obedezca|sáltate|prescinde de|desobedece|no respetes",
    strong_verbs: "ignora|ignore|ignoren|ignorad|olvida|olvide|olviden|olvidad|olvídate de|olvídese de|desestima|\
desestime|desatiende|desatienda|no sigas|no siga|no sigan|deja de seguir|haz caso omiso de|haz caso omiso a|\
haga caso omiso de|no hagas caso de|no hagas caso a|no obedezcas|no obedezca|desobedece|no respetes",
    objects: "instrucciones|instrucción|indicaciones|reglas|normas|directrices|directivas|órdenes|pautas|consignas|\
comandos|restricciones|prompt|mensaje del sistema|prompt del sistema|lineamientos|limitaciones|políticas|\
instrucciones del sistema",
    qualifiers: "anteriores|anterior|previas|previos|previa|precedentes|pasadas|de arriba|arriba|originales|\
iniciales|del sistema|de sistema|dadas|recibidas|de seguridad|del desarrollador|del operador|que te dieron|\
que te han dado|todas",
    user_request: "(?:la|las|el|los|su|sus)\\s(?:petición|peticiones|solicitud|solicitudes|pregunta|preguntas|\
instrucciones|orden|órdenes|mensaje|mensajes|indicaciones|consulta)\\sdel\\susuario|al\\susuario|\
lo\\sque\\s(?:diga|pida|quiera|dice|pide|quiere)\\sel\\susuario",
    new_task: "(?:tu|su)\\s(?:nueva|verdadera|real|única|actual)\\s(?:tarea|misión|instrucción|función|orden|prioridad|\
meta)|(?:tu|su)\\s(?:nuevo|verdadero|único|real)\\s(?:objetivo|trabajo|rol|cometido|encargo)|\
(?:nuevas|verdaderas)\\sinstrucciones\\s?:",
    secrecy: "sin\\s(?:que|decirle|decir|avisar|avisarle|informar|informarle|notificar|notificarle|mencionar|\
mencionarlo|preguntar|preguntarle)\\b[^.\\n]{0,30}?\\b(?:usuario|usuarios|nadie|nada)\\b|\
\\bno\\s(?:le\\s|les\\s|se\\slo\\s)?(?:digas|diga|digan|menciones|mencione|informes|informe|cuentes|cuente|avises|\
avise|reveles|revele|comentes|comente|muestres|muestre)\\b[^.\\n]{0,30}?\\b(?:usuario|usuarios|nadie|nada|esto|\
esta\\sinstrucción)\\b|\\b(?:el|al)\\susuario\\sno\\s(?:debe\\s|tiene\\sque\\s|puede\\s|debería\\s)?(?:saber|\
enterarse|notar|ver|sospechar|darse\\scuenta)|\\ben\\ssecreto\\b|\\ba\\sescondidas\\b|\\bsecretamente\\b",
    send: "envía|envíe|envíen|enviar|manda|mande|manden|reenvía|reenvíe|sube|suba|subir|publica|publique|comparte|\
comparta|transmite|transmita|transfiere|transfiera|copia|pega|filtra|exporta|remite|remita",
    prompt_leak: "(?:muestra|muéstrame|muestre|revela|revele|imprime|escribe|dime|repite|comparte|enséñame)\\s\
(?:[a-z]+\\s){0,2}?(?:tu|el|su)\\s(?:prompt|mensaje|instrucciones)\\s(?:del\\s|de\\s)?(?:sistema|iniciales|ocultas|\
originales)",
    into_answer: "(?:copia|pega|incluye|incluya|añade|añada|agrega|pon|ponga|escribe|muestra|inserta)\\s[^.\\n]{0,60}?\\b\
(?:claves|clave\\sde\\sapi|contraseñas|credenciales|tokens|cookies|historial|conversación|datos\\spersonales|secretos)\\b\
[^.\\n]{0,60}?\\b(?:en|a)\\s(?:tu|la|su|cada)\\s(?:próxima\\s)?(?:respuesta|contestación|resumen)",
    anchors: Anchors {
        verbs: "ignor|olvid|descart|desestim|desatiend|omit|no sig|deja de|pasa por|pase por|caso omiso|no hagas caso|\
obedezc|saltat|prescinde|desobedec|no respet",
        objects: "instruc|indicacion|regla|norma|directri|directiva|orden|pauta|consigna|comando|restriccion|prompt|\
mensaje del sistema|lineamiento|limitacion|politica",
        user: "usuario",
        secrecy: "usuario|nadie|secreto|escondidas|secretamente",
        send: "envi|mand|reenvi|sube|suba|subir|public|compart|transmit|transfier|copia|pega|filtra|exporta|remit",
        task: "nueva|nuevo|nuevas|verdader",
        leak: "prompt|instrucciones",
        answer: "respuesta|resumen|contestacion",
    },
};

const PORTUGUESE: Lang = Lang {
    ids: [
        "override.pt",
        "override.pt.bare",
        "override.pt.user-request",
        "override.new-task.pt",
        "secrecy.pt",
        "exfil-instruction.pt",
        "override.pt.prompt-leak",
        "context-exfiltration.pt.into-answer",
    ],
    verbs: "ignore|ignora|ignorem|ignorar|esqueça|esquece|esqueçam|esquecer|desconsidere|desconsidera|desconsiderem|\
descarte|descarta|despreze|despreza|não siga|não sigas|não obedeça|não obedeças|deixe de lado|pare de seguir|\
abandone|passe por cima de|não leve em conta|não considere|não respeite",
    strong_verbs: "ignore|ignora|ignorem|esqueça|esquece|esqueçam|desconsidere|desconsidera|desconsiderem|despreze|\
despreza|não siga|não sigas|não obedeça|não obedeças|pare de seguir|não leve em conta|não respeite",
    objects: "instruções|instrução|orientações|regras|normas|diretrizes|diretivas|ordens|comandos|restrições|prompt|\
mensagem do sistema|prompt do sistema|limitações|políticas|indicações|instruções do sistema",
    qualifiers: "anteriores|anterior|prévias|precedentes|acima|originais|iniciais|do sistema|de sistema|dadas|\
recebidas|de segurança|do desenvolvedor|todas",
    user_request: "(?:o|os|a|as)\\s(?:pedido|pedidos|solicitação|solicitações|pergunta|perguntas|instruções|ordens|\
mensagem|mensagens)\\sdo\\susuário|ao\\susuário|o\\sque\\so\\susuário\\s(?:diz|pede|quer|disser|pedir)",
    new_task: "(?:sua|tua)\\s(?:nova|verdadeira|real|única)\\s(?:tarefa|missão|instrução|função|ordem|prioridade|\
meta)|(?:seu|teu)\\s(?:novo|verdadeiro|único|real)\\s(?:objetivo|trabalho|papel|propósito)|\
(?:novas|verdadeiras)\\sinstruções\\s?:",
    secrecy: "sem\\s(?:que|avisar|informar|contar|dizer|notificar|mencionar|perguntar|alertar)\\b[^.\\n]{0,30}?\\b\
(?:usuário|usuários|ninguém|nada)\\b|\\bnão\\s(?:lhe\\s)?(?:conte|diga|mencione|informe|avise|revele|fale|mostre|\
comente|contes|digas|menciones)\\b[^.\\n]{0,30}?\\b(?:usuário|usuários|ninguém|nada|isso|isto)\\b|\\b(?:o\\s)?usuário\\s\
não\\s(?:pode|deve|precisa)\\s(?:saber|perceber|ver|desconfiar|notar|descobrir)|\\bem\\ssegredo\\b|\\bsecretamente\\b|\
\\bàs\\sescondidas\\b",
    send: "envie|envia|enviar|mande|manda|encaminhe|encaminha|repasse|carregue|faça upload|publique|compartilhe|\
transmita|transfira|copie|cole|exporte",
    prompt_leak: "(?:mostre|revele|imprima|exiba|diga|repita|compartilhe)\\s(?:[a-z]+\\s){0,2}?(?:seu|o|teu)\\s(?:prompt|\
mensagem|instruções)\\s(?:de|do)\\s(?:sistema|iniciais)",
    into_answer: "(?:copie|cole|inclua|adicione|coloque|escreva|mostre|insira)\\s[^.\\n]{0,60}?\\b(?:chaves|chave\\sde\\sapi|\
senhas|credenciais|tokens|cookies|histórico|conversa|dados\\spessoais|segredos)\\b[^.\\n]{0,60}?\\b(?:na|em\\ssua|à|a)\\s\
(?:sua\\s|próxima\\s)?(?:resposta|resumo)",
    anchors: Anchors {
        verbs: "ignor|esquec|desconsider|descart|despre|nao sig|nao obedec|deixe de|pare de|abandone|passe por|\
nao leve|nao consider|nao respeit",
        objects: "instruc|orientac|regra|norma|diretri|diretiva|ordens|ordem|comando|restric|prompt|mensagem do sistema|\
limitac|politica|indicac",
        user: "usuario",
        secrecy: "usuario|ninguem|segredo|secretamente|escondidas",
        send: "envi|mand|encaminh|repasse|carregue|upload|publique|compartilh|transmit|transfir|copie|cole|export",
        task: "nova|novo|novas|verdadeir",
        leak: "prompt|instrucoes",
        answer: "resposta|resumo",
    },
};

const FRENCH: Lang = Lang {
    ids: [
        "override.fr",
        "override.fr.bare",
        "override.fr.user-request",
        "override.new-task.fr",
        "secrecy.fr",
        "exfil-instruction.fr",
        "override.fr.prompt-leak",
        "context-exfiltration.fr.into-answer",
    ],
    verbs: "ignore|ignorez|ignorer|oublie|oubliez|oublier|ne tiens pas compte|ne tenez pas compte|ne tiens plus compte|\
ne tenez plus compte|fais abstraction|faites abstraction|néglige|négligez|ne suis pas|ne suivez pas|ne suis plus|\
ne suivez plus|passe outre|passez outre|outrepasse|outrepassez|écarte|écartez|laisse tomber|laissez tomber|\
n'obéis pas|n'obéissez pas|n'obéis plus|n'obéissez plus|abandonne|abandonnez|fais fi|faites fi|\
ne respecte plus|ne respectez plus|ne respecte pas|ne respectez pas",
    strong_verbs: "ignore|ignorez|oublie|oubliez|ne tiens pas compte|ne tenez pas compte|ne tiens plus compte|\
ne tenez plus compte|fais abstraction|faites abstraction|ne suis pas|ne suivez pas|ne suis plus|ne suivez plus|\
passe outre|passez outre|outrepasse|outrepassez|n'obéis pas|n'obéissez pas|n'obéis plus|n'obéissez plus|fais fi|\
faites fi|ne respecte plus|ne respectez plus",
    objects: "instructions|instruction|consignes|consigne|règles|directives|ordres|indications|commandes|\
restrictions|prompt|message système|message du système|prompt système|limites|politiques|lignes directrices",
    qualifiers: "précédentes|précédents|précédente|antérieures|antérieurs|ci-dessus|ci dessus|plus haut|d'avant|\
initiales|d'origine|originales|du système|système|données|reçues|de sécurité|du développeur|toutes",
    user_request: "(?:la|les)\\s(?:demande|demandes|question|questions|instructions|consignes|messages?)\\s\
de\\sl'utilisateur|l'utilisateur|ce\\sque\\s(?:dit|demande|veut)\\sl'utilisateur",
    new_task: "(?:ta|votre)\\s(?:nouvelle|vraie|véritable|seule|unique)\\s(?:tâche|mission|consigne|instruction|\
priorité|fonction)|(?:ton|votre)\\s(?:nouveau|vrai|véritable|seul)\\s(?:rôle|objectif|travail|but)|\
nouvelles\\s(?:instructions|consignes)\\s?:",
    secrecy: "sans\\s(?:le\\s|la\\s|les\\s|l'|lui\\s|leur\\s|en\\s)?(?:prévenir|informer|avertir|dire|mentionner|\
demander|alerter|notifier|parler|rien\\sdire)\\b|\\bsans\\sque\\s(?:l'utilisateur|personne|qui\\sque\\sce\\ssoit)\\b|\\bne\\s(?:le\\s|la\\s|\
lui\\s|leur\\s|rien\\s|en\\s)?(?:dis|dites|mentionne|mentionnez|révèle|révélez|signale|signalez|préviens|prévenez|\
parle|parlez|montre|montrez|informe|informez)\\b[^.\\n]{0,10}?\\b(?:pas|rien|jamais|plus)\\b|\\b(?:l'utilisateur|\
l'usager)\\sne\\sdoit\\s(?:pas|jamais|rien)\\s(?:le\\s)?(?:savoir|voir|remarquer|apprendre|soupçonner)|\\ben\\ssecret\\b|\
\\bsecrètement\\b|\\bdiscrètement\\b|\\bà\\sson\\sinsu\\b|\\bà\\sl'insu\\sde\\b",
    send: "envoie|envoyez|envoyer|transmets|transmettez|transmettre|transfère|transférez|téléverse|téléversez|publie|\
publiez|partage|partagez|poste|postez|expédie|expédiez|copie|copiez|colle|collez|exporte|exportez|fais suivre|\
faites suivre|renvoie|renvoyez",
    prompt_leak: "(?:affiche|affichez|révèle|révélez|montre|montrez|imprime|écris|répète|donne-moi|donne\\smoi|\
dis-moi)\\s(?:[a-z]+\\s){0,2}?(?:ton|le|votre)\\s(?:prompt|message)\\s(?:système|du\\ssystème|initial)",
    into_answer: "(?:copie|copiez|colle|collez|inclus|incluez|ajoute|ajoutez|mets|mettez|écris|écrivez|affiche|affichez|\
insère|insérez)\\s[^.\\n]{0,60}?\\b(?:clés|clé\\sd'api|mots\\sde\\spasse|identifiants|jetons|tokens|cookies|historique|\
conversation|données\\spersonnelles|secrets)\\b[^.\\n]{0,60}?\\b(?:dans|à)\\s(?:ta|votre|la|chaque)\\s(?:prochaine\\s)?\
(?:réponse|résumé)",
    anchors: Anchors {
        verbs: "ignor|oubli|tiens pas compte|tenez pas compte|tiens plus compte|tenez plus compte|abstraction|neglig|\
ne suis|ne suivez|outre|outrepass|ecart|laisse|obei|abandonn|fais fi|faites fi|respecte",
        objects: "instruction|consigne|regle|directive|ordre|indication|commande|restriction|prompt|message systeme|\
message du systeme|limite|politique|lignes directrices",
        user: "utilisateur",
        secrecy: "sans|utilisateur|usager|secret|insu|discretement",
        send: "envo|transmet|transfer|televers|publi|partag|poste|expedi|copi|colle|export|suivre|renvo",
        task: "nouvelle|nouveau|nouvelles|vraie|veritable",
        leak: "prompt|message",
        answer: "reponse|resume",
    },
};

const GERMAN: Lang = Lang {
    ids: [
        "override.de",
        "override.de.bare",
        "override.de.user-request",
        "override.new-task.de",
        "secrecy.de",
        "exfil-instruction.de",
        "override.de.prompt-leak",
        "context-exfiltration.de.into-answer",
    ],
    verbs: "ignoriere|ignorieren sie|ignoriert|ignorier|vergiss|vergesst|vergessen sie|missachte|missachten sie|\
überspringe|überspringen sie|verwirf|verwerfen sie|übergehe|übergehen sie|umgehe|umgehen sie",
    strong_verbs: "ignoriere|ignorieren sie|ignoriert|ignorier|vergiss|vergesst|vergessen sie|missachte|\
missachten sie|verwirf|verwerfen sie",
    objects: "anweisungen|anweisung|instruktionen|instruktion|regeln|richtlinien|befehle|vorgaben|anordnungen|\
anleitungen|vorschriften|direktiven|systemanweisungen|systemprompt|systemnachricht|einschränkungen|beschränkungen|\
weisungen|aufträge|sicherheitsrichtlinien|sicherheitsregeln|prompt",
    qualifiers: "vorherigen|vorherige|vorigen|vorige|bisherigen|bisherige|obigen|obige|früheren|frühere|\
vorangegangenen|vorangehenden|vorstehenden|ursprünglichen|ursprüngliche|alten|alle|sämtliche|sämtlichen|gegebenen|\
erhaltenen|des systems|des entwicklers",
    user_request: "(?:die|den|der)\\s(?:anfrage|frage|bitte|anweisungen?|nachricht|wünsche|auftrag)\\s(?:des|vom)\\s\
(?:benutzers|nutzers|anwenders)|(?:den|die)\\s(?:benutzer|nutzer|anwender)(?:in)?\\b|\
(?:alles,?\\s)?was\\s(?:der|die)\\s(?:benutzer|nutzer|anwender)(?:in)?\\s",
    new_task: "(?:deine|ihre|die)\\s(?:neue|eigentliche|wahre|echte|einzige)\\s(?:aufgabe|mission|anweisung|rolle|\
priorität|funktion)|neue\\s(?:anweisungen|instruktionen|regeln|aufgabe)\\s?:|dein\\s(?:neuer|eigentlicher|wahrer)\\s\
(?:auftrag|job|zweck)",
    secrecy: "ohne\\s(?:dass\\s)?(?:der|den|dem|die|es\\sder)\\s(?:benutzer|nutzer|anwender|kunde|kunden)\\b[^.\\n]{0,30}?\
(?:merkt|bemerkt|erfährt|weiß|mitbekommt|informiert|gefragt|benachrichtigt)|\\bohne\\s(?:es\\s|das\\s|dies\\s)?\
(?:zu\\s)?(?:erwähnen|sagen|informieren|benachrichtigen|fragen|melden)\\b|\\bohne\\s(?:den\\s|dem\\s)?(?:benutzer|nutzer|\
anwender)n?\\s(?:zu\\s)?(?:informieren|fragen|benachrichtigen)\\b|\\b(?:erwähne|erwähnen\\ssie|sag|sage|sagen\\ssie|\
verrate|verraten\\ssie|erzähl|erzähle|zeige|zeigen\\ssie|melde)\\s(?:es\\s|das\\s|dies\\s|davon\\s|darüber\\s|etwas\\s|\
dem\\s|den\\s|ihm\\s|ihr\\s)?[^.\\n]{0,30}?\\b(?:nicht|nichts|niemals|keinesfalls)\\b|\\b(?:der\\s)?(?:benutzer|nutzer|\
anwender)\\s(?:darf|soll|muss)\\s(?:davon\\s)?(?:nichts|nicht|niemals)\\s(?:wissen|erfahren|merken|bemerken|sehen)|\
\\bheimlich\\b|\\bunbemerkt\\b|\\bim\\sverborgenen\\b|\\bohne\\s(?:sein|ihr|dessen)\\swissen\\b|\\bohne\\swissen\\sdes\\b",
    send: "sende|senden sie|schicke|schick|schicken sie|übermittle|übermitteln sie|übertrage|lade|laden sie|\
poste|teile|veröffentliche|kopiere|exportiere|maile",
    prompt_leak: "(?:zeige|zeig|gib|gebe|verrate|drucke|wiederhole|nenne)\\s(?:[a-z]+\\s){0,2}?(?:deinen|den|ihren|dein|\
deine)\\s(?:systemprompt|system-prompt|prompt|systemnachricht|systemanweisungen)",
    into_answer: "(?:kopiere|füge|schreibe|gib|zeige|setze)\\s[^.\\n]{0,60}?\\b(?:schlüssel|api-schlüssel|passwörter|\
zugangsdaten|token|cookies|verlauf|chatverlauf|unterhaltung|persönlichen\\sdaten|geheimnisse)\\b[^.\\n]{0,60}?\\b\
(?:in|zu|an)\\s(?:deine|die|ihre|jede)\\s(?:nächste\\s)?(?:antwort|zusammenfassung)",
    anchors: Anchors {
        verbs: "ignorier|vergiss|vergesst|vergessen|missacht|uberspring|verwirf|verwerfen|ubergeh|umgeh",
        objects: "anweisung|instruktion|regel|richtlinie|befehl|vorgabe|anordnung|anleitung|vorschrift|direktive|\
systemprompt|systemnachricht|einschrank|beschrank|weisung|auftrag|prompt",
        user: "benutzer|nutzer|anwender",
        secrecy: "ohne|heimlich|unbemerkt|verborgen|nicht",
        send: "sende|schick|ubermittl|ubertrag|lade|poste|teile|veroffentlich|kopier|exportier|maile",
        task: "neue|neuer|eigentlich|wahre|echte|einzige",
        leak: "prompt|systemnachricht|systemanweisung",
        answer: "antwort|zusammenfassung",
    },
};

const ITALIAN: Lang = Lang {
    ids: [
        "override.it",
        "override.it.bare",
        "override.it.user-request",
        "override.new-task.it",
        "secrecy.it",
        "exfil-instruction.it",
        "override.it.prompt-leak",
        "context-exfiltration.it.into-answer",
    ],
    verbs: "ignora|ignorate|ignori|ignorare|dimentica|dimenticate|dimentichi|dimenticare|dimenticati di|non seguire|\
non seguite|non segua|tralascia|tralasciate|trascura|trascurate|non considerare|non considerate|non tenere conto|\
non tener conto|non tenete conto|lascia perdere|lasciate perdere|scarta|scartate|\
non obbedire|non rispettare|non rispettate|abbandona|abbandonate|sorvola su",
    strong_verbs: "ignora|ignorate|ignori|dimentica|dimenticate|dimentichi|dimenticati di|non seguire|non seguite|\
non segua|non considerare|non considerate|non tenere conto|non tener conto|non tenete conto|non obbedire|\
non rispettare|non rispettate",
    objects: "istruzioni|istruzione|regole|indicazioni|direttive|linee guida|ordini|comandi|restrizioni|prompt|\
messaggio di sistema|prompt di sistema|limitazioni|politiche|consegne|vincoli",
    qualifiers: "precedenti|precedente|di prima|sopra|di sopra|iniziali|originali|originarie|del sistema|di sistema|\
ricevute|date|di sicurezza|dello sviluppatore|fornite|tutte",
    user_request: "(?:la|le|il|i)\\s(?:richiesta|richieste|domanda|domande|istruzioni|messaggio|messaggi|ordini)\\s\
dell'utente|l'utente|quello\\sche\\s(?:dice|chiede|vuole)\\sl'utente",
    new_task: "(?:il\\stuo|il\\svostro|il\\ssuo)\\s(?:nuovo|vero|unico|reale)\\s(?:compito|obiettivo|lavoro|ruolo|incarico)|\
(?:la\\stua|la\\svostra|la\\ssua)\\s(?:nuova|vera|unica)\\s(?:missione|istruzione|priorità|funzione)|\
nuove\\sistruzioni\\s?:",
    secrecy: "senza\\s(?:che|avvisare|informare|dire|avvertire|notificare|menzionare|chiedere)\\b[^.\\n]{0,30}?\\b\
(?:utente|utenti|nessuno|nulla|niente)\\b|\\bnon\\s(?:dire|dirlo|dirgli|informare|avvisare|menzionare|rivelare|mostrare|\
comunicare|segnalare)\\b[^.\\n]{0,30}?(?:all'utente|a\\snessuno|\\bnulla\\b|\\bniente\\b|l'utente)|\\b(?:l'utente|\
l'utilizzatore)\\snon\\s(?:deve|dovrà|può)\\s(?:saperlo|sapere|accorgersi|vedere|notare|scoprire)|\\bdi\\snascosto\\b|\
\\bsegretamente\\b|\\bin\\ssegreto\\b|\\ball'insaputa\\b",
    send: "invia|inviate|inviare|manda|mandate|inoltra|inoltrate|carica|caricate|pubblica|pubblicate|condividi|\
condividete|trasmetti|trasmettete|copia|copiate|incolla|esporta|trasferisci",
    prompt_leak: "(?:mostra|mostrami|rivela|stampa|scrivi|ripeti|dimmi)\\s(?:[a-z]+\\s){0,2}?(?:il\\stuo|il|tuo)\\s\
(?:prompt|messaggio)\\s(?:di\\ssistema|iniziale)",
    into_answer: "(?:copia|incolla|includi|aggiungi|metti|scrivi|mostra|inserisci)\\s[^.\\n]{0,60}?\\b(?:chiavi|chiave\\sapi|\
password|credenziali|token|cookie|cronologia|conversazione|dati\\spersonali|segreti)\\b[^.\\n]{0,60}?\\b(?:nella|alla|in)\\s\
(?:tua\\s|prossima\\s|ogni\\s)?(?:risposta|riassunto)",
    anchors: Anchors {
        verbs: "ignor|dimentic|non segu|tralasci|trascur|non consider|non ten|lascia|scart|obbedi|rispett|abbandon|\
sorvola",
        objects: "istruzion|regol|indicazion|direttiv|linee guida|ordin|comand|restrizion|prompt|messaggio di sistema|\
limitazion|politich|consegn|vincol",
        user: "utente",
        secrecy: "senza|non |utente|utilizzatore|nascosto|segret|insaputa",
        send: "invi|manda|inoltr|caric|pubblic|condivid|trasmett|copia|incolla|esporta|trasferisc",
        task: "nuovo|nuova|nuove|vero|vera",
        leak: "prompt|messaggio",
        answer: "risposta|riassunto",
    },
};

const LATIN_LANGS: &[Lang] = &[SPANISH, PORTUGUESE, FRENCH, GERMAN, ITALIAN];

fn latin_rules(lang: &Lang, r: &mut Vec<RuleDef>) {
    use SignalKind::*;
    use View::*;
    let sep = SEP;
    let words = any_words(0, 4);
    let [id_override, id_bare, id_user, id_new, id_secrecy, id_exfil, id_leak, id_into] = lang.ids;
    // Verb … (qualifier) object, or verb … object … qualifier, within a clause.
    r.push(requires(
        rule(
            id_override,
            Override,
            0.75,
            Folded,
            lang.anchors.verbs,
            format!(
                r"\b{v}{sep}{w}(?:{o}{sep}{w2}{q}|{q}{sep}{w2}{o})\b",
                v = alt(lang.verbs),
                w = words,
                w2 = any_words(0, 2),
                o = alt(lang.objects),
                q = alt(lang.qualifiers)
            ),
        ),
        lang.anchors.objects,
    ));
    // Without a qualifier: "Ignora tus reglas", "Vergiss deine Anweisungen".
    r.push(requires(
        rule(
            id_bare,
            Override,
            0.6,
            Folded,
            lang.anchors.verbs,
            format!(
                r"\b{v}{sep}{w}{o}\b",
                v = alt(lang.strong_verbs),
                w = words,
                o = alt(lang.objects)
            ),
        ),
        lang.anchors.objects,
    ));
    r.push(requires(
        rule(
            id_user,
            Override,
            0.6,
            Folded,
            lang.anchors.verbs,
            format!(r"\b{v}{sep}(?:{u})", v = alt(lang.strong_verbs), u = lang.user_request),
        ),
        lang.anchors.user,
    ));
    r.push(rule(
        id_new,
        Override,
        0.5,
        Folded,
        lang.anchors.task,
        format!(r"\b(?:{n})", n = lang.new_task),
    ));
    r.push(rule(
        id_secrecy,
        Secrecy,
        0.5,
        Folded,
        lang.anchors.secrecy,
        format!(r"\b(?:{s})", s = lang.secrecy),
    ));
    r.push(requires(
        escalated(
            id_exfil,
            ExfilInstruction,
            0.35,
            SENSITIVE_WORDS,
            0.65,
            Light,
            lang.anchors.send,
            format!(r"\b(?:{s})\b[^.\n]{{0,100}}?{DEST}", s = lang.send),
        ),
        DEST_ANCHORS,
    ));
    r.push(rule(
        id_leak,
        Override,
        0.5,
        Folded,
        lang.anchors.leak,
        format!(r"\b(?:{p})", p = lang.prompt_leak),
    ));
    r.push(rule(
        id_into,
        ContextExfiltration,
        0.5,
        Folded,
        lang.anchors.answer,
        format!(r"\b(?:{p})", p = lang.into_answer),
    ));
}

/// German negated imperatives put "nicht" late: "Befolge die Anweisungen des Systems nicht".
fn german_negated(r: &mut Vec<RuleDef>) {
    r.push(rule(
        "override.de.negated",
        SignalKind::Override,
        0.65,
        View::Folded,
        "beacht|befolg|folge|gehorch|halte dich",
        format!(
            r"\b(?:beachte|beachten\ssie|befolge|befolgen\ssie|folge|folgen\ssie|gehorche|gehorchen\ssie|halte\sdich\san)\s(?:nicht(?:\smehr)?\s|keinesfalls\s)?{w}(?:{o}|den\s(?:benutzer|nutzer|anwender))\b(?:\s{w2}(?:nicht|nicht\smehr|keinesfalls|niemals)\b)?",
            w = any_words(0, 4),
            w2 = any_words(0, 3),
            o = alt(GERMAN.objects)
        ),
    ));
    // Keep the earlier "vergiss alles, was…" rule.
    r.push(rule(
        "override.german.vergiss-alles",
        SignalKind::Override,
        0.6,
        View::Folded,
        "vergiss|vergessen|ignorier",
        format!(
            r"\b(?:vergiss|vergessen\ssie|ignoriere|ignorieren\ssie){sep}alles{sep}(?:was|bisher|vorher|davor|oben|bisherige|zuvor)\b",
            sep = SEP
        ),
    ));
}

// ---- Russian: no `\b` (the boundary is ASCII-only and the view mixes scripts) ------

const RU_VERBS: &str = "игнорируй|игнорируйте|игнорировать|проигнорируй|проигнорируйте|забудь|забудьте|забыть|\
не\\sобращай\\sвнимания\\sна|не\\sобращайте\\sвнимания\\sна|отбрось|отбросьте|не\\sследуй|не\\sследуйте|не\\sвыполняй|\
не\\sвыполняйте|пренебреги|пренебрегите|не\\sслушай|не\\sслушайте|откажись\\sот|откажитесь\\sот|отмени|отмените|\
не\\sсоблюдай|не\\sсоблюдайте|не\\sподчиняйся|не\\sподчиняйтесь";
const RU_OBJECTS: &str = "инструкци|указани|правил|команд|директив|промпт|ограничени|распоряжени|требовани|установк|\
запрос|просьб";
const RU_QUALIFIERS: &str = "предыдущ|прежн|предшествующ|все\\s|всё\\s|вышеуказанн|вышеизложенн|изначальн|исходн|\
системн|полученн|пользовател";
const RU_ANCHORS: &str = "игнорир|забуд|забыть|не обращ|отброс|не след|не выполн|пренебре|проигнор|не слуш|откаж|\
отмен|не соблюд|не подчин|новая|новые|пользовател|без ведома|без уведом|без соглас|без предупр|тайно|незаметно|\
втайне|отправ|отошл|перешл|загруз|выгруз|передай|передайте|пошли|скопируй|опубликуй|слей|сбрось|системн|промпт|\
выведи|покажи|раскрой|напечатай|повтори";

fn russian(r: &mut Vec<RuleDef>) {
    use SignalKind::*;
    use View::*;
    r.push(rule(
        "override.russian",
        Override,
        0.75,
        Folded,
        RU_ANCHORS,
        format!(r"(?:{RU_VERBS})[^.!?\n]{{0,30}}?(?:{RU_QUALIFIERS})[^.!?\n]{{0,20}}?(?:{RU_OBJECTS})"),
    ));
    r.push(rule(
        "override.ru.bare",
        Override,
        0.6,
        Folded,
        RU_ANCHORS,
        format!(r"(?:{RU_VERBS})[^.!?\n]{{0,30}}?(?:{RU_OBJECTS})"),
    ));
    r.push(rule(
        "override.ru.new-task",
        Override,
        0.5,
        Folded,
        RU_ANCHORS,
        r"(?:твоя|ваша)\s(?:новая|настоящая|истинная|единственная|реальная)\s(?:задача|миссия|цель|инструкция|роль)|новые\s(?:инструкции|указания|правила)\s?[:：]".into(),
    ));
    r.push(rule(
        "secrecy.russian",
        Secrecy,
        0.55,
        Folded,
        RU_ANCHORS,
        r"не\s(?:говори|говорите|сообщай|сообщайте|рассказывай|рассказывайте|показывай|показывайте|упоминай|упоминайте|уведомляй|уведомляйте|предупреждай|предупреждайте)[^.!?\n]{0,30}?(?:пользовател|никому|об\sэтом|ничего)|без\s(?:ведома|уведомления|согласия|предупреждения|разрешения)|чтобы\sпользователь\sне\s(?:узнал|заметил|понял|увидел)|пользовател\S*\sне\s(?:должен|должна|нужно|следует)\s(?:знать|узнать|замечать|видеть)|(?:тайно|втайне|незаметно)\s(?:отправь|перешли|загрузи|скопируй|передай|удали)".into(),
    ));
    r.push(escalated(
        "exfil-instruction.ru",
        ExfilInstruction,
        0.45,
        RU_SENSITIVE,
        0.65,
        Light,
        RU_ANCHORS,
        format!(r"(?:отправь|отправьте|отошли|отошлите|перешли|перешлите|загрузи|загрузите|выгрузи|выгрузите|передай|передайте|пошли|пошлите|скопируй|опубликуй|слей|слейте|сбрось)[^.!?\n]{{0,100}}?{DEST}"),
    ));
    r.push(rule(
        "override.ru.prompt-leak",
        Override,
        0.5,
        Folded,
        RU_ANCHORS,
        r"(?:выведи|покажи|раскрой|напечатай|повтори|скажи|сообщи)[^.!?\n]{0,20}?(?:системн\S*\s(?:промпт|сообщени|инструкци)|свой\sпромпт|свои\sинструкции|исходн\S*\sинструкци)".into(),
    ));
    r.push(rule(
        "fake-authority.ru.addressed",
        SignalKind::FakeAuthority,
        0.5,
        Folded,
        "ии|ассистент|модел|бот|нейросет",
        r"(?:примечание|сообщение|внимание|инструкция|указание|заметка|обращение)\s(?:для|к)\s(?:ии|ассистент|модел|бот|нейросет|языков)[^\n]{0,120}?(?:игнорир|забуд|отправ|перешли|загрузи|удали|не\sговори|не\sсообщай|выведи|покажи)".into(),
    ));
}

/// Sensitive words in Russian (folded like the view: look-alike letters are Latin).
const RU_SENSITIVE: &[&str] = &[
    "парол",
    "ключ",
    "токен",
    "истори",
    "переписк",
    "секрет",
    "учетн",
    "cookie",
];

// ---- Chinese ------------------------------------------------------------------------

const ZH_VERBS: &str = "忽略|忽视|忽視|无视|無視|忘记|忘記|忘掉|忘了|不要理会|不要理會|不用理会|不用理會|别理|別理|\
不要遵守|不要遵循|不要遵从|不要遵從|不再遵守|不再遵循|不必遵守|无需遵守|無需遵守|停止遵守|不要听从|不要聽從|\
不要服从|不要服從|跳过|跳過|放弃|放棄|覆盖|覆蓋|抛弃|拋棄|丢弃|丟棄|违反|違反|绕过|繞過|撇开|撇開|抛开|拋開|\
不用管|别管|別管|不要管|推翻|作废|作廢|废除|廢除";
const ZH_QUALIFIERS: &str =
    "之前|以前|先前|此前|前面|上面|以上|上述|上文|前述|原来|原來|原有|原始|初始|系统|系統|所有|全部|一切|开发者|開發者";
const ZH_OBJECTS: &str =
    "指令|指示|说明|說明|规则|規則|提示词|提示詞|提示|命令|要求|设定|設定|约束|約束|限制|规定|規定|\
准则|準則|指引|系统消息|系統訊息|守则|守則|政策|安全规则";
const ZH_USERS: &str = "用户|用戶|使用者";

fn chinese(r: &mut Vec<RuleDef>) {
    use SignalKind::*;
    use View::*;
    let verb_anchors = "忽略|忽视|忽視|无视|無視|忘|不要理|不用理|别理|別理|不要遵|不再遵|不必遵|无需遵|無需遵|停止遵|\
不要听|不要聽|不要服|跳过|跳過|放弃|放棄|覆盖|覆蓋|抛弃|拋棄|丢弃|丟棄|违反|違反|绕过|繞過|撇开|撇開|抛开|拋開|不用管|\
别管|別管|不要管|推翻|作废|作廢|废除|廢除";
    r.push(rule(
        "override.chinese",
        Override,
        0.75,
        Folded,
        verb_anchors,
        format!(r"(?:{ZH_VERBS})[^。！？\n]{{0,6}}?(?:{ZH_QUALIFIERS})[^。！？\n]{{0,8}}?(?:{ZH_OBJECTS})"),
    ));
    r.push(rule(
        "override.zh.bare",
        Override,
        0.6,
        Folded,
        verb_anchors,
        format!(r"(?:{ZH_VERBS})[^。！？\n]{{0,8}}?(?:{ZH_OBJECTS})"),
    ));
    r.push(rule(
        "override.zh.user-request",
        Override,
        0.6,
        Folded,
        verb_anchors,
        format!(r"(?:{ZH_VERBS})[^。！？\n]{{0,4}}?(?:{ZH_USERS})的?(?:要求|请求|請求|问题|問題|指令|指示|消息|訊息|提问|提問|问题)"),
    ));
    r.push(rule(
        "override.zh.new-task",
        Override,
        0.5,
        Folded,
        "任务|任務|目标|目標|使命|指令|指示|工作|角色",
        r"你的(?:新|真正的?|实际|實際|唯一)的?(?:任务|任務|目标|目標|使命|指令|工作|角色)|新的?(?:任务|任務|指令|指示)(?:是|：|:)|真正的(?:任务|任務|指令)".into(),
    ));
    r.push(rule(
        "secrecy.zh",
        Secrecy,
        0.55,
        Folded,
        "不要|别|別|不得|切勿|请勿|請勿|对|對|不让|不讓|不要让|不要讓|悄悄|偷偷|秘密|暗中|私下|瞒|瞞",
        format!(
            r"(?:不要|别|別|不得|切勿|请勿|請勿)(?:告诉|告訴|通知|提醒|透露|提及|提到|让|讓)[^。\n]{{0,6}}?(?:{ZH_USERS})|(?:对|對)(?:{ZH_USERS})(?:保密|隐瞒|隱瞞)|不(?:要)?(?:让|讓)(?:{ZH_USERS})(?:知道|发现|發現|察觉|察覺|看到)|(?:瞒着|瞞著)(?:{ZH_USERS})|不要(?:提及|提到|透露|说明|說明|显示|顯示|告诉|告訴)(?:这|這|此|任何)|(?:悄悄|偷偷|秘密|暗中|私下)地?(?:发送|發送|上传|上傳|转发|轉發|复制|複製|删除|刪除|执行|執行|读取|讀取)"
        ),
    ));
    r.push(escalated(
        "exfil-instruction.chinese",
        ExfilInstruction,
        0.45,
        ZH_SENSITIVE,
        0.65,
        Light,
        "发送|發送|发给|發給|发到|發到|发至|上传|上傳|转发|轉發|提交|传送|傳送|传给|傳給|寄给|寄給|分享到|贴到|貼到|粘贴到|同步到|导出到|導出到",
        r"(?:发送|發送|发给|發給|发到|發到|发至|上传|上傳|转发|轉發|提交|传送|傳送|传给|傳給|寄给|寄給|分享到|贴到|貼到|粘贴到|同步到|导出到|導出到)[^。\n]{0,30}?(?:到|至|给|給)?[^。\n]{0,10}?(?:https?://|[a-z0-9._%+-]+@[a-z0-9-]+\.[a-z]|[a-z0-9.-]+\.[a-z]{2,})|(?:https?://\S+|[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,})[^。\n]{0,6}?(?:发送|發送|上传|上傳|转发|轉發)".into(),
    ));
    r.push(rule(
        "override.zh.prompt-leak",
        Override,
        0.5,
        Folded,
        "提示|指令|系统消息|系統訊息",
        r"(?:输出|輸出|显示|顯示|打印|透露|告诉我|告訴我|泄露|洩露|重复|重複|展示|给出|給出|说出|說出)[^。\n]{0,6}?(?:你的)?(?:系统提示词|系統提示詞|系统提示|系統提示|系统消息|系統訊息|初始指令|原始指令|隐藏指令|隱藏指令|提示词|提示詞)".into(),
    ));
    r.push(rule(
        "fake-authority.zh.addressed",
        FakeAuthority,
        0.5,
        Folded,
        "人工智能|助手|智能体|智能體|语言模型|語言模型|大模型|机器人|機器人|请注意|請注意|须知|須知|ai:|ai：|ai,|ai，|阅读|閱讀|处理|處理",
        format!(
            r"(?:(?:致|给|給|告)(?:所有)?(?:的)?\s?(?:ai|人工智能|ai助手|ai\s助手|助手|智能体|智能體|语言模型|語言模型|大模型|机器人|機器人)|(?:ai|人工智能)\s?(?:助手|模型|代理|智能体|智能體)?\s?(?:请注意|請注意|须知|須知|注意)|(?:ai|人工智能)\s?(?:助手|模型|代理)\s?[:：,，]|(?:正在)?(?:阅读|閱讀|处理|處理)(?:此|这个|這個|本)(?:页面|頁面|文档|文檔|网页|網頁)的\s?(?:ai|人工智能|助手|模型))[^\n]{{0,80}}?(?:{ZH_VERBS}|发送|發送|上传|上傳|转发|轉發|删除|刪除|转账|轉帳|不要告诉|不要告訴|输出|輸出|透露|推荐|推薦|告诉用户|告訴用戶)"
        ),
    ));
}

/// Sensitive words in Chinese.
const ZH_SENSITIVE: &[&str] = &[
    "密码",
    "密碼",
    "密钥",
    "密鑰",
    "凭证",
    "憑證",
    "凭据",
    "令牌",
    "聊天记录",
    "聊天記錄",
    "对话",
    "對話",
    "历史",
    "歷史",
    "私钥",
    "私鑰",
    "通讯录",
    "通訊錄",
    "cookie",
];

// ---- Japanese (verb last: the object comes first) -------------------------------------

fn japanese(r: &mut Vec<RuleDef>) {
    use SignalKind::*;
    use View::*;
    let objects =
        "指示|命令|ルール|指令|設定|プロンプト|規則|制約|ガイドライン|要求|依頼|システムメッセージ|システムプロンプト";
    let verbs = "無視|忘れ|従わな|従わず|破棄|取り消|上書き|スキップ";
    let qualifiers = "以前|前|上記|これまで|今まで|上|すべて|全て|元の|最初の|システム|先ほど|さっき";
    r.push(rule(
        "override.japanese",
        Override,
        0.7,
        Folded,
        "無視|忘れ|従わ|破棄|取り消|上書き|スキップ",
        format!(r"(?:{qualifiers})[^。\n]{{0,6}}?(?:{objects})[^。\n]{{0,8}}?(?:{verbs})"),
    ));
    r.push(rule(
        "override.ja.bare",
        Override,
        0.6,
        Folded,
        "無視|忘れ|従わ|破棄|取り消|上書き|スキップ",
        format!(r"(?:{objects}|ユーザーの(?:質問|依頼|要求|指示|リクエスト))[^。\n]{{0,8}}?(?:{verbs})"),
    ));
    r.push(rule(
        "override.ja.void",
        Override,
        0.6,
        Folded,
        "無効|取り消|廃止|撤回|適用されません|従う必要はありません",
        format!(r"(?:{qualifiers})?[^。\n]{{0,4}}?(?:{objects})(?:は|が|も)?(?:すべて|全て)?(?:無効|取り消され|廃止|撤回|適用されません|従う必要はありません)"),
    ));
    r.push(rule(
        "override.ja.new-task",
        Override,
        0.5,
        Folded,
        "新しい|本当の|真の|実際の",
        r"(?:あなたの)?(?:新しい|本当の|真の|実際の)(?:タスク|任務|指示|命令|仕事|目的|役割|使命)(?:は|：|:)".into(),
    ));
    r.push(rule(
        "secrecy.ja",
        Secrecy,
        0.55,
        Folded,
        "ユーザー|黙って|こっそり|密かに|ひそかに|秘密|内緒|気づかれ|このこと",
        r"ユーザー(?:に|には|にも|へ)(?:は)?(?:知らせ|言わ|伝え|教え|通知し|報告し|見せ|話さ)(?:ず|ないで|ないこと|てはいけ)|(?:黙って|こっそり|密かに|ひそかに|秘密に|内緒で)|気づかれ(?:ない|ず)|このこと(?:は|を)(?:言わ|伝え|知らせ|話さ)(?:ない|ず)".into(),
    ));
    r.push(escalated(
        "exfil-instruction.ja",
        ExfilInstruction,
        0.45,
        JA_SENSITIVE,
        0.65,
        Light,
        "送信|送って|送れ|送付|転送|アップロード|投稿|共有|送る",
        r"(?:https?://\S+|[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,})\s?(?:に|へ|まで|宛て?に?)[^。\n]{0,12}?(?:送信|送って|送れ|送付|転送|アップロード|投稿|共有|送る)|(?:送信|転送|アップロード)(?:先|して)[^。\n]{0,10}?(?:https?://|[a-z0-9._%+-]+@[a-z0-9-]+\.[a-z])".into(),
    ));
    r.push(rule(
        "override.ja.prompt-leak",
        Override,
        0.5,
        Folded,
        "システムプロンプト|初期指示|元の指示|隠された指示",
        r"(?:システムプロンプト|初期指示|元の指示|隠された指示)[^。\n]{0,8}?(?:表示|出力|教え|見せ|明かし|印刷|繰り返)"
            .into(),
    ));
    r.push(rule(
        "fake-authority.ja.sender",
        FakeAuthority,
        0.35,
        Folded,
        "管理者|開発者|運営",
        r"(?:システム管理者|管理者|開発者|運営(?:チーム)?|セキュリティチーム)(?:より|から)(?:の(?:お知らせ|指示|命令|連絡))?\s?[:：]".into(),
    ));
    r.push(rule(
        "fake-authority.ja.addressed",
        FakeAuthority,
        0.5,
        Folded,
        "アシスタント|言語モデル|エージェント|aiへ|ai へ|aiに告ぐ|aiの皆さん|ai各位",
        r"(?:(?:ai)?アシスタント|ai|aiエージェント|aiモデル|言語モデル|エージェント)(?:へ|に告ぐ|の皆さん|各位|さん)\s?[:：、,]?[^\n]{0,100}?(?:無視|忘れ|送信|送って|転送|アップロード|削除|表示|出力|言わないで|知らせ)".into(),
    ));
}

const JA_SENSITIVE: &[&str] = &[
    "パスワード",
    "認証情報",
    "鍵",
    "キー",
    "トークン",
    "会話",
    "履歴",
    "チャット",
    "credentials",
    "ファイル",
];

// ---- Korean (verb last) ---------------------------------------------------------------

fn korean(r: &mut Vec<RuleDef>) {
    use SignalKind::*;
    use View::*;
    let objects =
        "지시사항|지시|지침|명령|규칙|프롬프트|제약|설정|요청|안내|규정|가이드라인|시스템\\s?메시지|시스템\\s?프롬프트";
    let verbs = "무시|잊어|잊고|잊으|따르지\\s?(?:마|말|않)|취소|폐기|버리고|버려|건너뛰|어기";
    let qualifiers = "이전|앞의|앞서|위의|위|기존|원래|처음|모든|시스템|지금까지";
    let anchors = "무시|잊어|잊고|잊으|따르지|취소|폐기|버리고|버려|건너뛰|어기";
    r.push(rule(
        "override.ko",
        Override,
        0.75,
        Folded,
        anchors,
        format!(r"(?:{qualifiers})[^.!?\n]{{0,12}}?(?:{objects})[^.!?\n]{{0,12}}?(?:{verbs})"),
    ));
    r.push(rule(
        "override.ko.bare",
        Override,
        0.6,
        Folded,
        anchors,
        format!(r"(?:{objects}|사용자의?\s?(?:요청|질문|지시|명령))[^.!?\n]{{0,10}}?(?:{verbs})"),
    ));
    r.push(rule(
        "override.ko.void",
        Override,
        0.6,
        Folded,
        "무효|유효하지|취소|폐기|적용되지",
        format!(r"(?:{objects})[^.!?\n]{{0,8}}?(?:무효|더\s?이상\s?유효하지|취소되었|폐기되었|적용되지\s?않)"),
    ));
    r.push(rule(
        "override.ko.new-task",
        Override,
        0.5,
        Folded,
        "새로운|새 |진짜|실제|진정한",
        r"(?:너의|당신의|네)?\s?(?:새로운|새|진짜|실제|진정한)\s?(?:임무|작업|과제|지시|명령|역할|목표|업무)(?:는|은|:|：)".into(),
    ));
    r.push(rule(
        "secrecy.ko",
        Secrecy,
        0.55,
        Folded,
        "사용자|몰래|비밀|은밀|언급하지|말하지|알리지",
        r"사용자(?:에게|한테|께)(?:는|도)?\s?(?:알리지|말하지|알려주지|보여주지|언급하지|전하지|보고하지)\s?(?:마|말고|않)|몰래|비밀로|은밀하게|사용자(?:가|는)\s?(?:모르게|알지\s?못하게|눈치채지\s?못하게)|이\s?(?:지시|내용|사실)(?:를|을)?\s?(?:언급하지|말하지|알리지)\s?(?:마|말고|않)".into(),
    ));
    r.push(escalated(
        "exfil-instruction.ko",
        ExfilInstruction,
        0.45,
        KO_SENSITIVE,
        0.65,
        Light,
        "보내|전송|업로드|전달|공유|게시|올려",
        r"(?:https?://\S+|[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,})\s?(?:로|으로|에|에게|에게로)?[^.\n]{0,12}?(?:보내|전송|업로드|전달|공유|게시|올려)".into(),
    ));
    r.push(rule(
        "override.ko.prompt-leak",
        Override,
        0.5,
        Folded,
        "프롬프트",
        r"시스템\s?프롬프트[^.\n]{0,10}?(?:출력|보여|공개|알려|표시|말해)".into(),
    ));
    r.push(rule(
        "fake-authority.ko.addressed",
        FakeAuthority,
        0.5,
        Folded,
        "인공지능|어시스턴트|에이전트|모델|ai에게|ai 에게|ai께|ai님|ai여러분|ai 여러분",
        r"(?:(?:ai|인공지능)\s?(?:어시스턴트|비서|에이전트|모델)?|어시스턴트)(?:에게|께|님|분들께|여러분)\s?[:：,]?[^\n]{0,100}?(?:무시|잊|보내|전송|업로드|삭제|출력|말하지|알리지)".into(),
    ));
}

const KO_SENSITIVE: &[&str] = &[
    "비밀번호",
    "암호",
    "자격",
    "키",
    "토큰",
    "대화",
    "기록",
    "채팅",
    "credentials",
];

/// Every rule for languages other than English.
pub(crate) fn rules() -> Vec<RuleDef> {
    let mut r = Vec::new();
    for lang in LATIN_LANGS {
        latin_rules(lang, &mut r);
    }
    german_negated(&mut r);
    russian(&mut r);
    chinese(&mut r);
    japanese(&mut r);
    korean(&mut r);
    r.push(rule(
        "override.multilingual.you-are-now",
        SignalKind::Override,
        0.35,
        View::Folded,
        "ahora eres|a partir de ahora|agora voce|a partir de agora|d'ora in poi|ora sei|maintenant|ab jetzt|ab sofort|du bist jetzt|你现在是|你現在是|从现在|從現在|开发者模式|開發者模式|теперь ты|с этого момента|今から|これから|지금부터|이제부터",
        r"\b(?:ahora\seres|a\spartir\sde\sahora\s(?:eres|debes|vas\sa|tu)|agora\svoce\se|a\spartir\sde\sagora\s(?:voce|deve)|d'ora\sin\spoi\s(?:sei|devi)|ora\ssei|(?:a\spartir\sde\s)?maintenant\s(?:tu\s(?:es|dois|vas)|,\stu)|tu\ses\smaintenant|ab\s(?:jetzt|sofort)\s(?:bist\sdu|musst\sdu|wirst\sdu)|du\sbist\sjetzt)\b|你现在是|你現在是|(?:从|從)现在(?:开始|起)你|(?:从|從)現在(?:開始|起)你|(?:进入|進入|启用|啟用|开启|開啟)(?:开发者|開發者)模式|теперь\sты|с\sэтого\sмомента\sты|(?:今から|これから)あなたは|(?:지금부터|이제부터)\s?(?:너는|당신은)".into(),
    ));
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_its_rules() {
        let ids: Vec<&str> = rules().iter().map(|r| r.id).collect();
        for code in ["es", "pt", "fr", "de", "it"] {
            for what in ["override", "secrecy", "exfil-instruction", "override.new-task"] {
                let want = format!("{what}.{code}");
                assert!(ids.contains(&want.as_str()), "{want}");
            }
        }
        for want in [
            "override.russian",
            "override.chinese",
            "override.japanese",
            "override.ko",
            "secrecy.ko",
        ] {
            assert!(ids.contains(&want), "{want}");
        }
    }
}
