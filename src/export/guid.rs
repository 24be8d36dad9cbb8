//! Stable GUIDs for exports: the same session exports the same identifiers every time, so a
//! re-import into a QDA tool or an annotation store updates rather than duplicates.

use uuid::Uuid;

use crate::model::Session;

/// Makes `8-4-4-4-12` GUIDs (UUID version 5) from the session's creation time and an item's
/// kind and id.
pub struct Guids {
    namespace: Uuid,
}

impl Guids {
    pub fn for_session(session: &Session) -> Self {
        let seed = format!("rashomon-session:{}", session.created.to_rfc3339());
        Self {
            namespace: Uuid::new_v5(&Uuid::NAMESPACE_URL, seed.as_bytes()),
        }
    }

    /// The GUID of an item, e.g. `guid("party", 3)`.
    pub fn guid(&self, kind: &str, id: u128) -> String {
        // The id's text ("12" under the deterministic origin), so ids of version-1 sessions
        // keep the GUIDs they had.
        let id = crate::model::id_text(id);
        Uuid::new_v5(&self.namespace, format!("{kind}:{id}").as_bytes())
            .hyphenated()
            .to_string()
    }
}
