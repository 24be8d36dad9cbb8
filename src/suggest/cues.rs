//! The words a reporter uses to attribute speech, in English, Russian, Arabic and Portuguese.
//!
//! These are the one hand-made part of the suggester: no crate lists reporting verbs. Word
//! segmentation (UAX #29), stemming (Snowball) and language detection come from crates; the
//! lists are matched against lower-cased words, Russian and Portuguese ones by their Snowball
//! stem so that every person and tense of a verb is found (заявил, заявила, заявили).

use rust_stemmers::{Algorithm, Stemmer};

/// Reporting verbs, English, in the forms a wire report uses them.
const EN_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "stated",
    "states",
    "added",
    "adds",
    "warned",
    "warns",
    "accused",
    "accuses",
    "denied",
    "denies",
    "claimed",
    "claims",
    "admitted",
    "admits",
    "insisted",
    "insists",
    "confirmed",
    "confirms",
    "announced",
    "announces",
    "reported",
    "reports",
    "noted",
    "stressed",
    "stresses",
    "argued",
    "argues",
    "alleged",
    "alleges",
    "asserted",
    "asserts",
    "rejected",
    "rejects",
    "dismissed",
    "dismisses",
    "blamed",
    "blames",
    "condemned",
    "condemns",
    "explained",
    "declared",
    "declares",
    "maintained",
    "maintains",
    "acknowledged",
    "acknowledges",
    "wrote",
    "writes",
    "saying",
    "tweeted",
    "charged",
    "contended",
    "countered",
    "vowed",
    "vows",
    "urged",
    "urges",
    "demanded",
    "demands",
    "slammed",
    "slams",
    "assured",
    "informed",
    "emphasised",
    "emphasized",
    "underlined",
    "recalled",
    "concluded",
    "estimated",
    "revealed",
];

/// Verbs whose object is the claim itself ("accused the US of …", "condemns US for …"): the
/// suggestion starts at the verb, since the words after it mean nothing without it.
const EN_OBJECT_VERBS: &[&str] = &[
    "accused",
    "accuses",
    "blamed",
    "blames",
    "condemned",
    "condemns",
    "denied",
    "denies",
    "rejected",
    "rejects",
    "dismissed",
    "dismisses",
    "slammed",
    "slams",
    "urged",
    "urges",
    "demanded",
    "demands",
    "vowed",
    "vows",
    "admitted",
    "admits",
    "charged",
];

/// Verbs that report a denial: the claim denies what it reports.
const EN_DENIAL_VERBS: &[&str] = &[
    "denied",
    "denies",
    "rejected",
    "rejects",
    "dismissed",
    "dismisses",
    "refuted",
    "disputed",
];

/// Verbs that take whom was told before what was said ("told reporters that …").
const EN_TELLING_VERBS: &[&str] = &[
    "told", "tells", "warned", "warns", "assured", "informed", "urged", "urges",
];

/// Russian reporting verbs, matched by stem.
const RU_VERBS: &[&str] = &[
    "заявил",
    "заявила",
    "заявили",
    "заявляет",
    "сообщил",
    "сообщила",
    "сообщили",
    "сообщает",
    "сказал",
    "сказала",
    "отметил",
    "отметила",
    "подчеркнул",
    "подчеркнула",
    "добавил",
    "добавила",
    "заверил",
    "предупредил",
    "обвинил",
    "обвинила",
    "обвинили",
    "признал",
    "признали",
    "отверг",
    "отвергла",
    "опроверг",
    "опровергли",
    "опровергла",
    "настаивал",
    "утверждает",
    "утверждал",
    "пояснил",
    "уточнил",
    "считает",
    "осудил",
    "осудили",
];
const RU_OBJECT_VERBS: &[&str] = &["обвинил", "обвинила", "обвинили", "осудил", "осудили"];
const RU_DENIAL_VERBS: &[&str] = &["отверг", "отвергла", "опроверг", "опровергли", "опровергла"];

/// Portuguese reporting verbs, matched by stem.
const PT_VERBS: &[&str] = &[
    "disse",
    "dizem",
    "diz",
    "afirmou",
    "afirma",
    "afirmaram",
    "declarou",
    "declararam",
    "informou",
    "informaram",
    "acrescentou",
    "negou",
    "negaram",
    "nega",
    "acusou",
    "acusaram",
    "acusa",
    "admitiu",
    "alertou",
    "garantiu",
    "ressaltou",
    "destacou",
    "explicou",
    "rejeitou",
    "condenou",
    "anunciou",
    "insistiu",
    "sustentou",
];
const PT_OBJECT_VERBS: &[&str] = &["acusou", "acusaram", "acusa", "condenou"];
const PT_DENIAL_VERBS: &[&str] = &["negou", "negaram", "nega", "rejeitou"];

/// Arabic reporting verbs, after the conjunction (و, ف) is taken off.
const AR_VERBS: &[&str] = &[
    "قال",
    "قالت",
    "يقول",
    "تقول",
    "أعلن",
    "أعلنت",
    "اعلن",
    "اعلنت",
    "أكد",
    "أكدت",
    "اكد",
    "اكدت",
    "أضاف",
    "أضافت",
    "اضاف",
    "اضافت",
    "صرح",
    "صرحت",
    "نفى",
    "نفت",
    "اتهم",
    "اتهمت",
    "ذكر",
    "ذكرت",
    "أفاد",
    "أفادت",
    "افاد",
    "افادت",
    "أوضح",
    "أوضحت",
    "حذر",
    "حذرت",
    "زعم",
    "زعمت",
    "رفض",
    "رفضت",
    "أشار",
    "أشارت",
    "ادعى",
    "ادعت",
    "دان",
    "أدان",
    "أدانت",
];
const AR_OBJECT_VERBS: &[&str] = &["اتهم", "اتهمت", "أدان", "أدانت", "دان"];
const AR_DENIAL_VERBS: &[&str] = &["نفى", "نفت", "رفض", "رفضت"];

/// Words after which what was said follows ("said that …", "заявил, что …").
const COMPLEMENTISERS: &[&str] = &[
    "that",
    "что",
    "чтобы",
    "que",
    "إن",
    "أن",
    "بأن",
    "ان",
    "انه",
    "إنه",
    "أنه",
    "بأنه",
];

/// Words that may stand between a reporting verb and its "that": when, where, to whom ("said
/// on Sunday that", "told state television that", "said in a statement that").
const BEFORE_THAT: &[&str] = &[
    "on",
    "in",
    "at",
    "to",
    "during",
    "after",
    "with",
    "a",
    "an",
    "the",
    "his",
    "her",
    "their",
    "its",
    "statement",
    "interview",
    "briefing",
    "conference",
    "news",
    "press",
    "reporters",
    "journalists",
    "television",
    "tv",
    "radio",
    "state",
    "week",
    "month",
    "night",
    "evening",
    "morning",
    "late",
    "early",
    "last",
    "today",
    "yesterday",
    "earlier",
    "later",
    "also",
    "sunday",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "written",
    "emailed",
    "separate",
    "us",
    "him",
    "them",
    "parliament",
    "lawmakers",
];

pub fn may_stand_before_that(lower: &str) -> bool {
    BEFORE_THAT.contains(&lower)
}

/// Phrases that put a speaker before or after a claim without a verb.
pub const ACCORDING_TO: &[&[&str]] = &[
    &["according", "to"],
    &["по", "словам"],
    &["по", "данным"],
    &["по", "мнению"],
    &["segundo"],
    &["de", "acordo", "com"],
    &["conforme"],
    &["بحسب"],
    &["حسب"],
    &["وبحسب"],
    &["وحسب"],
    &["وفقا", "ل"],
    &["وفقاً", "ل"],
];

/// Phrases that open a sentence with its speaker, the claim after the comma: "Как сообщил
/// представитель ведомства, …" ("as the ministry's representative said, …"), "como disse o
/// ministro, …", "كما قال المتحدث، …".
pub const AS_SAID: &[&[&str]] = &[
    &["как", "сообщил"],
    &["как", "сообщила"],
    &["как", "сообщили"],
    &["как", "сообщает"],
    &["как", "сообщают"],
    &["как", "заявил"],
    &["как", "заявила"],
    &["как", "заявили"],
    &["как", "отметил"],
    &["как", "отметила"],
    &["как", "отметили"],
    &["как", "подчеркнул"],
    &["как", "подчеркнули"],
    &["как", "пояснил"],
    &["как", "передает"],
    &["как", "передаёт"],
    &["como", "disse"],
    &["como", "afirmou"],
    &["como", "informou"],
    &["كما", "قال"],
    &["وكما", "قال"],
    &["كما", "أفاد"],
];

/// Words that stand for the last speaker named.
const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "он", "она", "они", "ele", "ela", "eles", "elas", "هو", "هي",
];

/// Words that turn a speaker into someone other than a party, even with a party's adjective:
/// "the Syrian Observatory for Human Rights", "Syrian rebels", "Russian media".
const NOT_A_PARTY: &[&str] = &[
    "observatory",
    "monitor",
    "monitors",
    "monitoring",
    "activists",
    "activist",
    "rebels",
    "rebel",
    "opposition",
    "insurgents",
    "militants",
    "jihadists",
    "witnesses",
    "witness",
    "residents",
    "analysts",
    "analyst",
    "experts",
    "expert",
    "media",
    "newspaper",
    "newspapers",
    "daily",
    "outlet",
    "outlets",
    "channel",
    "broadcaster",
    "agency",
    "reports",
    "report",
    "correspondent",
    "journalist",
    "journalists",
    "reporter",
    "reporters",
    "observers",
    "doctors",
    "medics",
    "hospital",
    "group",
    "ngo",
    "charity",
    "news",
    "times",
    "post",
    "journal",
    "telegraph",
    "guardian",
    "reuters",
    "afp",
    "ap",
    "bbc",
    "cnn",
    "tass",
    "ria",
    "interfax",
    "sputnik",
    "jazeera",
    "arabiya",
    "un",
    "nations",
    "amnesty",
    "watch",
    "cross",
    "crescent",
    "наблюдатели",
    "оппозиция",
    "боевики",
    "сми",
    "агентство",
    "издание",
    "газета",
    "эксперты",
    "observatório",
    "rebeldes",
    "oposição",
    "agência",
    "jornal",
    "imprensa",
    "especialistas",
    "المرصد",
    "المعارضة",
    "وكالة",
    "صحيفة",
    "ناشطون",
    "ناشطين",
];

/// Nouns that can head a speaker without a capital letter: "officials said", "the ministry
/// said", "a spokesman added".
const SPEAKER_HEADS: &[&str] = &[
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ministry",
    "minister",
    "statement",
    "command",
    "army",
    "military",
    "government",
    "president",
    "source",
    "sources",
    "diplomat",
    "diplomats",
    "authorities",
    "officer",
    "officers",
    "commander",
    "envoy",
    "ambassador",
    "embassy",
    "department",
    "leader",
    "leaders",
    "general",
    "spokesmen",
    "side",
    "forces",
    "representative",
    "delegation",
    "presidency",
    "office",
    "представитель",
    "министерство",
    "ведомство",
    "министр",
    "президент",
    "пресс-секретарь",
    "источник",
    "правительство",
    "армия",
    "porta-voz",
    "ministério",
    "ministro",
    "governo",
    "exército",
    "presidente",
    "fonte",
    "autoridades",
    "المتحدث",
    "القيادة",
    "المصدر",
    "وزارة",
    "الوزارة",
    "الرئيس",
    "الحكومة",
    "الجيش",
    "مصدر",
    "مصادر",
    "بيان",
    "البيان",
    "وزير",
];

/// Words before a name that are its title: "Foreign Minister Sergei Lavrov".
pub const TITLES: &[&str] = &[
    "president",
    "prime",
    "minister",
    "foreign",
    "defence",
    "defense",
    "secretary",
    "of",
    "state",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "envoy",
    "general",
    "gen",
    "lt",
    "lieutenant",
    "col",
    "colonel",
    "major",
    "maj",
    "admiral",
    "commander",
    "chief",
    "deputy",
    "military",
    "army",
    "ministry",
    "official",
    "officer",
    "leader",
    "head",
    "representative",
    "captain",
    "capt",
    "press",
    "national",
    "security",
    "council",
    "department",
    "central",
    "command",
    "joint",
    "staff",
    "air",
    "force",
    "navy",
    "chairman",
    "vice",
    "un",
    "министр",
    "иностранных",
    "дел",
    "обороны",
    "мид",
    "минобороны",
    "представитель",
    "официальный",
    "президент",
    "генерал",
    "пресс-секретарь",
    "ministro",
    "presidente",
    "porta-voz",
    "chanceler",
    "general",
    "وزير",
    "الخارجية",
    "الدفاع",
    "الرئيس",
    "المتحدث",
    "باسم",
];

/// Words and pairs of words that, in what was said, make a claim a denial. Not a bare "not":
/// "have not honoured the truce" affirms that the truce was broken.
const DENIAL_WORDS: &[&str] = &[
    "never",
    "impossible",
    "никогда",
    "nunca",
    "لم",
    "لن",
    "ليس",
    "ليست",
];
const DENIAL_PAIRS: &[(&str, &str)] = &[
    ("did", "not"),
    ("would", "not"),
    ("was", "not"),
    ("could", "not"),
    ("is", "not"),
    ("not", "possible"),
    ("was", "no"),
    ("is", "no"),
    ("no", "evidence"),
    ("не", "было"),
    ("не", "может"),
    ("não", "foi"),
    ("não", "houve"),
];

/// Auxiliaries before a past participle make a passive ("it has been reported"): the
/// reporter's voice, not a speaker's.
const PASSIVE_AUXILIARIES: &[&str] = &["been", "being", "was", "were", "is", "are", "be"];

/// Words that end a speaker when walking back from its verb.
const CLAUSE_WORDS: &[&str] = &[
    "and", "but", "while", "whereas", "as", "when", "after", "before", "although", "though", "как",
    "а", "но", "и", "e", "mas", "enquanto", "como", "و",
];

/// Words that may stand between a speaker and its verb: "Moscow also said".
const ADVERBS: &[&str] = &[
    "also",
    "later",
    "earlier",
    "previously",
    "again",
    "repeatedly",
    "further",
    "then",
    "separately",
    "had",
    "has",
    "have",
    "reportedly",
    "allegedly",
    "officially",
    "publicly",
    "firmly",
    "flatly",
    "strongly",
    "categorically",
    "также",
    "ранее",
    "também",
    "ainda",
];

/// The cue lists of every language, ready to be matched. Built once per suggester run.
pub struct Cues {
    russian: Stemmer,
    portuguese: Stemmer,
    ru_verbs: Vec<String>,
    ru_object: Vec<String>,
    ru_denial: Vec<String>,
    pt_verbs: Vec<String>,
    pt_object: Vec<String>,
    pt_denial: Vec<String>,
}

/// What a reporting verb is.
#[expect(
    clippy::struct_excessive_bools,
    reason = "four independent facts about a verb"
)]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct VerbKind {
    /// The claim starts at the verb ("accused the US of …").
    pub takes_object: bool,
    /// The claim denies what it reports.
    pub denial: bool,
    /// Whom was told comes before what was said ("told reporters …").
    pub telling: bool,
    /// A present-tense form that can head a headline ("Russia condemns US …").
    pub present: bool,
}

impl Default for Cues {
    fn default() -> Self {
        Self::new()
    }
}

impl Cues {
    pub fn new() -> Self {
        let russian = Stemmer::create(Algorithm::Russian);
        let portuguese = Stemmer::create(Algorithm::Portuguese);
        let stems = |stemmer: &Stemmer, words: &[&str]| -> Vec<String> {
            let mut stems: Vec<String> =
                words.iter().map(|w| stemmer.stem(w).into_owned()).collect();
            stems.sort();
            stems.dedup();
            stems
        };
        Self {
            ru_verbs: stems(&russian, RU_VERBS),
            ru_object: stems(&russian, RU_OBJECT_VERBS),
            ru_denial: stems(&russian, RU_DENIAL_VERBS),
            pt_verbs: stems(&portuguese, PT_VERBS),
            pt_object: stems(&portuguese, PT_OBJECT_VERBS),
            pt_denial: stems(&portuguese, PT_DENIAL_VERBS),
            russian,
            portuguese,
        }
    }

    /// Whether a lower-cased word is a reporting verb, and what kind.
    pub fn verb(&self, lower: &str) -> Option<VerbKind> {
        if EN_VERBS.contains(&lower) {
            return Some(VerbKind {
                takes_object: EN_OBJECT_VERBS.contains(&lower),
                denial: EN_DENIAL_VERBS.contains(&lower),
                telling: EN_TELLING_VERBS.contains(&lower),
                present: lower.ends_with('s') && lower != "was",
            });
        }
        if lower.chars().any(is_cyrillic) {
            let stem = self.russian.stem(lower);
            // A stem of two letters would match too much ("с", "со").
            if stem.chars().count() >= 3 && self.ru_verbs.iter().any(|s| *s == stem) {
                return Some(VerbKind {
                    takes_object: self.ru_object.iter().any(|s| *s == stem),
                    denial: self.ru_denial.iter().any(|s| *s == stem),
                    ..VerbKind::default()
                });
            }
            return None;
        }
        if lower.chars().any(is_arabic) {
            let bare = strip_arabic_conjunction(lower);
            if AR_VERBS.contains(&bare) {
                return Some(VerbKind {
                    takes_object: AR_OBJECT_VERBS.contains(&bare),
                    denial: AR_DENIAL_VERBS.contains(&bare),
                    ..VerbKind::default()
                });
            }
            return None;
        }
        // Portuguese only for words that are Portuguese verb forms: the stem alone would
        // take English words ("disse" and "dissent").
        if PT_VERBS.contains(&lower) || lower.ends_with("ou") || lower.ends_with("aram") {
            let stem = self.portuguese.stem(lower);
            if stem.chars().count() >= 3 && self.pt_verbs.iter().any(|s| *s == stem) {
                return Some(VerbKind {
                    takes_object: self.pt_object.iter().any(|s| *s == stem),
                    denial: self.pt_denial.iter().any(|s| *s == stem),
                    ..VerbKind::default()
                });
            }
        }
        None
    }
}

pub fn is_complementiser(lower: &str) -> bool {
    COMPLEMENTISERS.contains(&lower)
}

/// "…, adding that …", "…, saying …": the same speaker goes on.
pub fn is_reporting_participle(lower: &str) -> bool {
    [
        "adding",
        "saying",
        "noting",
        "insisting",
        "warning",
        "stressing",
        "claiming",
        "arguing",
        "explaining",
        "accusing",
        "denying",
        "acrescentando",
        "dizendo",
        "добавив",
        "заявив",
        "подчеркнув",
        "مضيفا",
        "مضيفة",
        "مؤكدا",
        "مؤكدة",
        "مشيرا",
        "مشيرة",
        "afirmando",
        "отметив",
        "negando",
        "отрицая",
        "نافيا",
        "نافية",
    ]
    .contains(&lower)
}

/// A reporting participle whose clause denies: "…, denying that …".
pub fn is_denying_participle(lower: &str) -> bool {
    ["denying", "negando", "отрицая", "نافيا", "نافية"].contains(&lower)
}

pub fn is_pronoun(lower: &str) -> bool {
    PRONOUNS.contains(&lower)
}

pub fn is_not_a_party(lower: &str) -> bool {
    NOT_A_PARTY.contains(&lower) || NOT_A_PARTY.contains(&strip_arabic_conjunction(lower))
}

pub fn is_speaker_head(lower: &str) -> bool {
    SPEAKER_HEADS.contains(&lower) || SPEAKER_HEADS.contains(&strip_arabic_conjunction(lower))
}

/// Heads that stand for the last speaker without naming them again: "the statement said",
/// "the official added".
pub fn is_utterance_head(lower: &str) -> bool {
    [
        "statement",
        "official",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "communique",
    ]
    .contains(&lower)
}

pub fn is_title(lower: &str) -> bool {
    TITLES.contains(&lower)
}

pub fn is_denial_word(lower: &str) -> bool {
    DENIAL_WORDS.contains(&lower)
        || [
            "didn't",
            "wouldn't",
            "wasn't",
            "couldn't",
            "isn't",
            "didn\u{2019}t",
            "wouldn\u{2019}t",
        ]
        .contains(&lower)
}

pub fn is_denial_pair(first: &str, second: &str) -> bool {
    DENIAL_PAIRS.contains(&(first, second))
}

pub fn is_passive_auxiliary(lower: &str) -> bool {
    PASSIVE_AUXILIARIES.contains(&lower)
}

pub fn is_clause_word(lower: &str) -> bool {
    CLAUSE_WORDS.contains(&lower)
}

pub fn is_adverb(lower: &str) -> bool {
    ADVERBS.contains(&lower) || (lower.len() > 4 && lower.ends_with("ly") && lower.is_ascii())
}

pub fn is_cyrillic(c: char) -> bool {
    ('\u{0400}'..='\u{04ff}').contains(&c)
}

pub fn is_arabic(c: char) -> bool {
    ('\u{0600}'..='\u{06ff}').contains(&c) || ('\u{0750}'..='\u{077f}').contains(&c)
}

/// An Arabic word without a leading conjunction "and"/"so" (وقال → قال). Only for words of
/// four letters or more, so that a root beginning with و stays whole.
pub fn strip_arabic_conjunction(word: &str) -> &str {
    for prefix in ["و", "ف"] {
        if let Some(rest) = word.strip_prefix(prefix)
            && rest.chars().count() >= 3
        {
            return rest;
        }
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_are_found_in_every_form() {
        let cues = Cues::new();
        for word in [
            "said",
            "denied",
            "заявила",
            "заявили",
            "сообщил",
            "afirmou",
            "negou",
        ] {
            assert!(cues.verb(word).is_some(), "{word}");
        }
        assert!(cues.verb("وقال").is_some());
        assert!(cues.verb("نفت").is_some_and(|v| v.denial));
        assert!(
            cues.verb("denied")
                .is_some_and(|v| v.denial && v.takes_object)
        );
        assert!(cues.verb("отверг").is_some_and(|v| v.denial));
        for word in ["the", "dissent", "страна", "casa", "soldiers"] {
            assert!(cues.verb(word).is_none(), "{word}");
        }
    }
}
