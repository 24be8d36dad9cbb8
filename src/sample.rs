//! The bundled sample session: three short articles on the 17 September 2016 strike near
//! Deir ez-Zor, written for this project and already tagged. Rebuilt by
//! `cargo run --example build_sample`.

use crate::model::Session;
use crate::storage::{self, LoadError};

/// The sample session file, compiled in.
pub const SAMPLE_SESSION: &str = include_str!("../assets/sample.rashomon");

/// The sample session, read from the compiled-in file.
pub fn load() -> Result<Session, LoadError> {
    storage::from_json(SAMPLE_SESSION).map(|loaded| loaded.session)
}

#[cfg(test)]
mod tests {
    use crate::model::{Analysis, FactStatus};

    #[test]
    fn sample_shows_every_status() {
        let session = super::load().expect("sample loads");
        let loaded = crate::storage::from_json(super::SAMPLE_SESSION).expect("loads");
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert_eq!(session.articles().len(), 3);
        let analysis = Analysis::new(&session);
        for status in [
            FactStatus::Agreed,
            FactStatus::Disputed,
            FactStatus::OneSided,
        ] {
            assert!(analysis.counts.get(status) > 0, "no {status:?} fact");
        }
        assert!(!analysis.unlinked.is_empty());
        let text: String = session.articles().iter().map(|a| a.text.as_str()).collect();
        assert!(
            text.contains("отказ") && text.contains("دليل"),
            "Cyrillic and Arabic text"
        );
    }
}
