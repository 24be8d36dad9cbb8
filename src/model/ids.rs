//! Typed identifiers that never collide across analysts.
//!
//! An id is 128 bits: a 64-bit *origin* drawn at random when a session is created or opened,
//! and a 64-bit counter the session keeps. Two analysts who start from the same file (or from
//! nothing) and tag on separate machines, or on two git branches, hand out ids under
//! different origins, so a claim one of them adds can never take the id of a claim the other
//! adds — which a three-way merge relies on to tell "both added a claim" from "both changed
//! the same claim". Within one sitting ids still grow with creation, so a session's file
//! keeps its claims in the order they were made, and a counter never reuses an id even
//! after undo. Comparison and two-way merge never rely on equal ids: they match by content.
//!
//! Origin 0 is the deterministic origin: the bundled sample, generated benchmarks and
//! sessions written by version 1 of the format (whose ids were plain numbers) use it.
//!
//! In the file an id is a string: `"12"` under origin 0, `"9f3c0a1b2d4e5f60-12"` (origin in
//! hex, counter in decimal) otherwise. Numbers (format version 1) are read too.

use serde::{Deserialize, Serialize};

/// The 128-bit value of an id under `origin` with counter `counter`.
pub const fn compose(origin: u64, counter: u64) -> u128 {
    ((origin as u128) << 64) | counter as u128
}

/// The two halves of an id: its origin and its counter.
#[expect(
    clippy::cast_possible_truncation,
    reason = "the halves are the high and low 64 bits, cut on purpose"
)]
pub const fn split(value: u128) -> (u64, u64) {
    ((value >> 64) as u64, value as u64)
}

/// A fresh random origin (never 0).
pub fn random_origin() -> u64 {
    let mut bytes = [0u8; 8];
    // If the OS has no randomness to give (never seen on the platforms eframe runs on),
    // the clock and the process id still make collisions between analysts unlikely.
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        bytes = (split(nanos).1 ^ (u64::from(std::process::id()) << 40)).to_le_bytes();
    }
    u64::from_le_bytes(bytes).max(1)
}

/// The text of an id as written in files and reports.
pub fn id_text(value: u128) -> String {
    let (origin, counter) = split(value);
    if origin == 0 {
        counter.to_string()
    } else {
        format!("{origin:016x}-{counter}")
    }
}

/// Reads an id written by [`id_text`].
pub fn parse_id(text: &str) -> Option<u128> {
    match text.split_once('-') {
        None => text.parse::<u64>().ok().map(u128::from),
        Some((origin, counter)) => {
            let origin = u64::from_str_radix(origin, 16).ok()?;
            let counter = counter.parse::<u64>().ok()?;
            Some(compose(origin, counter))
        }
    }
}

struct IdVisitor;

impl serde::de::Visitor<'_> for IdVisitor {
    type Value = u128;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an id (a number, or a string such as \"9f3c0a1b2d4e5f60-12\")")
    }

    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<u128, E> {
        Ok(u128::from(v))
    }

    fn visit_u128<E: serde::de::Error>(self, v: u128) -> Result<u128, E> {
        Ok(v)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<u128, E> {
        parse_id(v).ok_or_else(|| E::custom(format!("not an id: {v:?}")))
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u128);

        impl $name {
            /// The id as written in files and reports (`"12"`, `"9f3c0a1b2d4e5f60-12"`).
            pub fn text(self) -> String {
                id_text(self.0)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!($prefix, "{}"), id_text(self.0))
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&id_text(self.0))
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(IdVisitor).map(Self)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_back_as_written_and_numbers_still_read() {
        for value in [
            0,
            12,
            compose(0x9f3c_0a1b_2d4e_5f60, 12),
            compose(1, u64::MAX),
        ] {
            let json = serde_json::to_string(&ClaimId(value)).expect("serializes");
            let back: ClaimId = serde_json::from_str(&json).expect("reads");
            assert_eq!(back.0, value, "{json}");
        }
        assert_eq!(serde_json::to_string(&FactId(7)).expect("ok"), "\"7\"");
        let old: FactId = serde_json::from_str("7").expect("version-1 number");
        assert_eq!(old, FactId(7));
        assert!(serde_json::from_str::<FactId>("\"x-1\"").is_err());
        assert!(serde_json::from_str::<FactId>("-3").is_err());
    }

    #[test]
    fn random_origins_differ() {
        let a = random_origin();
        let b = random_origin();
        assert_ne!(a, 0);
        assert_ne!(a, b);
    }
}
