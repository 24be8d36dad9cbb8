//! Typed identifiers. One counter in the session hands them out, so an id is unique across
//! kinds and never reused within a session, even after undo.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub u64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!($prefix, "{}"), self.0)
            }
        }
    };
}

id_type!(
    /// Identifies a party (a side that makes claims).
    PartyId,
    "party-"
);
id_type!(
    /// Identifies an article.
    ArticleId,
    "article-"
);
id_type!(
    /// Identifies a claim (a tagged span).
    ClaimId,
    "claim-"
);
id_type!(
    /// Identifies a fact (a statement claims speak to).
    FactId,
    "fact-"
);
