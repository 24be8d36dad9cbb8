//! Vectors already computed, by the text they were computed for, so that a fact is embedded
//! once: again only when its statement changes (a changed statement is another key). Kept
//! beside the model in the data folder, shared by every session (a fact statement is short
//! and the same words give the same vector in any session).
//!
//! The file is a list of records, `key: u64, values: [f32; N]`, little-endian, after a
//! header naming the model; a record cut short (a crash while writing, though writes are
//! atomic) or a header of another model makes the file start empty, never fail.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::Kind;

const MAGIC: &[u8; 8] = b"RSHVEC01";
/// The most vectors kept: about 30 MB. The oldest go first.
pub const CAPACITY: usize = 20_000;

/// A stable 64-bit key of a text and its use (FNV-1a: the same in every run and version).
pub fn key(kind: Kind, text: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in kind.prefix().bytes().chain(text.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

pub struct VectorCache {
    dimensions: usize,
    vectors: HashMap<u64, Vec<f32>>,
    /// Keys in the order they came, for dropping the oldest.
    order: Vec<u64>,
    path: Option<PathBuf>,
    changed: bool,
}

impl VectorCache {
    pub fn in_memory(dimensions: usize) -> Self {
        Self {
            dimensions,
            vectors: HashMap::new(),
            order: Vec::new(),
            path: None,
            changed: false,
        }
    }

    /// The cache kept at `path` (empty if the file is missing or not ours).
    pub fn open(path: &Path, dimensions: usize) -> Self {
        let mut cache = Self::in_memory(dimensions);
        cache.path = Some(path.to_owned());
        if let Ok(bytes) = std::fs::read(path) {
            cache.read(&bytes);
        }
        cache
    }

    fn read(&mut self, bytes: &[u8]) {
        let Some(rest) = bytes.strip_prefix(&MAGIC[..]) else {
            return;
        };
        let Some((dims, rest)) = rest.split_first_chunk::<4>() else {
            return;
        };
        if u32::from_le_bytes(*dims) as usize != self.dimensions {
            return;
        }
        let record = 8 + 4 * self.dimensions;
        for chunk in rest.chunks_exact(record) {
            let mut k = [0; 8];
            k.copy_from_slice(&chunk[..8]);
            let values = chunk[8..]
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect();
            self.put(u64::from_le_bytes(k), values);
        }
        self.changed = false;
    }

    pub fn len(&self) -> usize {
        self.vectors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.vectors.is_empty()
    }

    pub fn get(&self, kind: Kind, text: &str) -> Option<&[f32]> {
        self.vectors.get(&key(kind, text)).map(Vec::as_slice)
    }

    pub fn insert(&mut self, kind: Kind, text: &str, vector: Vec<f32>) {
        if vector.len() == self.dimensions {
            self.put(key(kind, text), vector);
        }
    }

    fn put(&mut self, key: u64, vector: Vec<f32>) {
        if self.vectors.insert(key, vector).is_none() {
            self.order.push(key);
        }
        self.changed = true;
        if self.order.len() > CAPACITY {
            let excess = self.order.len() - CAPACITY;
            for old in self.order.drain(..excess) {
                self.vectors.remove(&old);
            }
        }
    }

    /// Writes the cache to its file (atomically) if anything was added.
    pub fn save(&mut self) -> std::io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        if !self.changed {
            return Ok(());
        }
        let mut bytes = Vec::with_capacity(12 + self.order.len() * (8 + 4 * self.dimensions));
        bytes.extend_from_slice(MAGIC);
        bytes.extend(u32::try_from(self.dimensions).unwrap_or(0).to_le_bytes());
        for key in &self.order {
            if let Some(values) = self.vectors.get(key) {
                bytes.extend(key.to_le_bytes());
                for v in values {
                    bytes.extend(v.to_le_bytes());
                }
            }
        }
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        crate::storage::write_atomic(path, &bytes)?;
        self.changed = false;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vectors_survive_a_save_and_a_changed_text_is_another_key() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("vectors.bin");
        let mut cache = VectorCache::open(&path, 3);
        cache.insert(
            Kind::Passage,
            "The strike was an accident",
            vec![1.0, 0.0, 0.0],
        );
        cache.insert(
            Kind::Query,
            "The strike was an accident",
            vec![0.0, 1.0, 0.0],
        );
        cache.save().expect("saved");
        let again = VectorCache::open(&path, 3);
        assert_eq!(again.len(), 2);
        assert_eq!(
            again.get(Kind::Passage, "The strike was an accident"),
            Some(&[1.0, 0.0, 0.0][..])
        );
        assert_eq!(again.get(Kind::Passage, "The strike was a mistake"), None);
        // Another model's vectors (another length) are not read.
        assert!(VectorCache::open(&path, 4).is_empty());
        // A torn last record is dropped, the rest kept.
        let bytes = std::fs::read(&path).expect("read");
        std::fs::write(&path, &bytes[..bytes.len() - 5]).expect("write");
        assert_eq!(VectorCache::open(&path, 3).len(), 1);
    }

    #[test]
    fn the_oldest_vectors_go_first_beyond_the_capacity() {
        let mut cache = VectorCache::in_memory(1);
        for i in 0..CAPACITY + 5 {
            cache.insert(Kind::Passage, &i.to_string(), vec![0.0]);
        }
        assert_eq!(cache.len(), CAPACITY);
        assert!(cache.get(Kind::Passage, "0").is_none());
        assert!(
            cache
                .get(Kind::Passage, &(CAPACITY + 4).to_string())
                .is_some()
        );
    }
}
