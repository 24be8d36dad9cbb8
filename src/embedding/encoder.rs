//! The BERT encoder of multilingual-e5-small: embeddings, 12 layers of self-attention and
//! feed-forward, mean pooling. Weights are dequantized from Q4_0 to f32 once, at load (the
//! word table stays 4-bit and only the rows a text uses are expanded), and every product is
//! one `sgemm` of `matrixmultiply` through `ndarray`, which picks AVX2/FMA at run time.
//! Single-threaded: the window runs it on one worker thread.
//!
//! Several texts go through one pass with their tokens stacked, so each weight matrix is
//! read once per batch; attention stays within each text's own tokens.

use ndarray::{Array2, ArrayView2, ArrayViewMut2, Axis, Slice};

use super::ModelError;
use super::file::{self, BLOCK, BLOCK_BYTES, Parsed, Tensor};

struct Layer {
    /// Query, key and value stacked: [3·hidden, hidden].
    qkv: Array2<f32>,
    qkv_bias: Vec<f32>,
    attention_out: Array2<f32>,
    attention_out_bias: Vec<f32>,
    attention_norm: (Vec<f32>, Vec<f32>),
    ff_in: Array2<f32>,
    ff_in_bias: Vec<f32>,
    ff_out: Array2<f32>,
    ff_out_bias: Vec<f32>,
    output_norm: (Vec<f32>, Vec<f32>),
}

pub struct Encoder {
    pub shape: file::Shape,
    eps: f32,
    /// Q4_0 rows of the word table.
    words: Vec<u8>,
    positions: Vec<f32>,
    token_type: Vec<f32>,
    embedding_norm: (Vec<f32>, Vec<f32>),
    layers: Vec<Layer>,
}

/// One text's tokens, with its marks, at most `positions` long.
pub type Window = Vec<u32>;

fn tensor<'a>(parsed: &Parsed<'a>, name: &str) -> Result<Tensor<'a>, ModelError> {
    parsed
        .tensors
        .get(name)
        .copied()
        .ok_or_else(|| ModelError::Missing(name.to_owned()))
}

fn floats(parsed: &Parsed<'_>, name: &str, count: usize) -> Result<Vec<f32>, ModelError> {
    let t = tensor(parsed, name)?;
    if t.dtype != 0 || t.count != count {
        return Err(ModelError::Missing(name.to_owned()));
    }
    Ok(file::floats(t.bytes))
}

/// The first `count` values of an f32 tensor (of the token-type table: every token is of
/// type 0).
fn first_row(parsed: &Parsed<'_>, name: &str, count: usize) -> Result<Vec<f32>, ModelError> {
    let t = tensor(parsed, name)?;
    if t.dtype != 0 || t.count < count {
        return Err(ModelError::Missing(name.to_owned()));
    }
    Ok(file::floats(&t.bytes[..count * 4]))
}

fn matrix(
    parsed: &Parsed<'_>,
    name: &str,
    rows: usize,
    columns: usize,
) -> Result<Array2<f32>, ModelError> {
    let t = tensor(parsed, name)?;
    if t.dtype != 1 || t.count != rows * columns {
        return Err(ModelError::Missing(name.to_owned()));
    }
    let mut values = vec![0.0; rows * columns];
    file::dequantize(t.bytes, &mut values);
    Array2::from_shape_vec((rows, columns), values).map_err(|_| ModelError::Missing(name.into()))
}

impl Encoder {
    pub fn new(parsed: &Parsed<'_>) -> Result<Self, ModelError> {
        let shape = parsed.shape;
        let h = shape.hidden;
        let words = tensor(parsed, "emb.word")?;
        if words.dtype != 1 || words.count != shape.vocabulary * h {
            return Err(ModelError::Missing("emb.word".into()));
        }
        let mut layers = Vec::with_capacity(shape.layers);
        for l in 0..shape.layers {
            let name = |suffix: &str| format!("l{l}.{suffix}");
            let q = matrix(parsed, &name("q.w"), h, h)?;
            let k = matrix(parsed, &name("k.w"), h, h)?;
            let v = matrix(parsed, &name("v.w"), h, h)?;
            let qkv = ndarray::concatenate(Axis(0), &[q.view(), k.view(), v.view()])
                .map_err(|_| ModelError::Missing(name("q.w")))?;
            let mut qkv_bias = floats(parsed, &name("q.b"), h)?;
            qkv_bias.extend(floats(parsed, &name("k.b"), h)?);
            qkv_bias.extend(floats(parsed, &name("v.b"), h)?);
            layers.push(Layer {
                qkv,
                qkv_bias,
                attention_out: matrix(parsed, &name("ao.w"), h, h)?,
                attention_out_bias: floats(parsed, &name("ao.b"), h)?,
                attention_norm: (
                    floats(parsed, &name("aln.w"), h)?,
                    floats(parsed, &name("aln.b"), h)?,
                ),
                ff_in: matrix(parsed, &name("fi.w"), shape.feed_forward, h)?,
                ff_in_bias: floats(parsed, &name("fi.b"), shape.feed_forward)?,
                ff_out: matrix(parsed, &name("fo.w"), h, shape.feed_forward)?,
                ff_out_bias: floats(parsed, &name("fo.b"), h)?,
                output_norm: (
                    floats(parsed, &name("oln.w"), h)?,
                    floats(parsed, &name("oln.b"), h)?,
                ),
            });
        }
        Ok(Self {
            shape,
            eps: parsed.eps,
            words: words.bytes.to_vec(),
            positions: floats(parsed, "emb.pos", shape.positions * h)?,
            token_type: first_row(parsed, "emb.type", h)?,
            embedding_norm: (
                floats(parsed, "emb.ln.w", h)?,
                floats(parsed, "emb.ln.b", h)?,
            ),
            layers,
        })
    }

    /// The mean of the last layer's token states, one row per window (not normalized).
    pub fn pooled(&self, windows: &[Window]) -> Array2<f32> {
        let h = self.shape.hidden;
        let total: usize = windows.iter().map(Vec::len).sum();
        let mut x = Array2::<f32>::zeros((total, h));
        let row_bytes = h / BLOCK * BLOCK_BYTES;
        let mut t = 0;
        for window in windows {
            for (position, &id) in window.iter().enumerate() {
                let mut row = x.row_mut(t);
                let out = row.as_slice_mut().unwrap_or_default();
                let id = (id as usize).min(self.shape.vocabulary - 1);
                file::dequantize(&self.words[id * row_bytes..(id + 1) * row_bytes], out);
                let position = position.min(self.shape.positions - 1);
                let p = &self.positions[position * h..(position + 1) * h];
                for ((o, p), ty) in out.iter_mut().zip(p).zip(&self.token_type) {
                    *o += p + ty;
                }
                t += 1;
            }
        }
        layer_norm(&mut x, &self.embedding_norm, self.eps);
        let segments: Vec<(usize, usize)> = windows
            .iter()
            .scan(0, |start, w| {
                let segment = (*start, *start + w.len());
                *start += w.len();
                Some(segment)
            })
            .collect();
        for layer in &self.layers {
            self.layer(layer, &mut x, &segments);
        }
        let mut pooled = Array2::<f32>::zeros((windows.len(), h));
        for (i, &(a, b)) in segments.iter().enumerate() {
            if b > a {
                let mean =
                    x.slice_axis(Axis(0), Slice::from(a..b)).sum_axis(Axis(0)) / (b - a) as f32;
                pooled.row_mut(i).assign(&mean);
            }
        }
        pooled
    }

    #[expect(
        clippy::many_single_char_names,
        reason = "the names of the attention formula: x, q, k, v and the sizes h, a, b, c"
    )]
    fn layer(&self, layer: &Layer, x: &mut Array2<f32>, segments: &[(usize, usize)]) {
        let h = self.shape.hidden;
        let heads = self.shape.heads;
        let head = h / heads;
        let scale = 1.0 / (head as f32).sqrt();
        let qkv = linear(x, &layer.qkv, &layer.qkv_bias);
        let mut context = Array2::<f32>::zeros(x.raw_dim());
        for &(a, b) in segments {
            for hd in 0..heads {
                let c = hd * head;
                let q = block(&qkv, a..b, c..c + head);
                let k = block(&qkv, a..b, h + c..h + c + head);
                let v = block(&qkv, a..b, 2 * h + c..2 * h + c + head);
                let mut scores = q.dot(&k.t());
                for mut row in scores.rows_mut() {
                    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                    let mut sum = 0.0;
                    row.mapv_inplace(|s| {
                        let e = ((s - max) * scale).exp();
                        sum += e;
                        e
                    });
                    row /= sum;
                }
                block_mut(&mut context, a..b, c..c + head).assign(&scores.dot(&v));
            }
        }
        let attended = linear(&context, &layer.attention_out, &layer.attention_out_bias);
        *x += &attended;
        layer_norm(x, &layer.attention_norm, self.eps);
        let mut middle = linear(x, &layer.ff_in, &layer.ff_in_bias);
        middle.mapv_inplace(gelu);
        let out = linear(&middle, &layer.ff_out, &layer.ff_out_bias);
        *x += &out;
        layer_norm(x, &layer.output_norm, self.eps);
    }
}

/// Rows `rows` and columns `columns` of `m`.
fn block(
    m: &Array2<f32>,
    rows: std::ops::Range<usize>,
    columns: std::ops::Range<usize>,
) -> ArrayView2<'_, f32> {
    m.slice_axis(Axis(0), Slice::from(rows))
        .slice_axis_move(Axis(1), Slice::from(columns))
}

fn block_mut(
    m: &mut Array2<f32>,
    rows: std::ops::Range<usize>,
    columns: std::ops::Range<usize>,
) -> ArrayViewMut2<'_, f32> {
    m.slice_axis_mut(Axis(0), Slice::from(rows))
        .slice_axis_move(Axis(1), Slice::from(columns))
}

/// `x · wᵀ + bias`.
fn linear(x: &Array2<f32>, w: &Array2<f32>, bias: &[f32]) -> Array2<f32> {
    let mut y = x.dot(&w.t());
    for mut row in y.rows_mut() {
        for (v, b) in row.iter_mut().zip(bias) {
            *v += b;
        }
    }
    y
}

fn layer_norm(x: &mut Array2<f32>, (weight, bias): &(Vec<f32>, Vec<f32>), eps: f32) {
    let n = x.ncols() as f32;
    for mut row in x.rows_mut() {
        let mean = row.sum() / n;
        let variance = row.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / n;
        let inverse = 1.0 / (variance + eps).sqrt();
        for ((v, w), b) in row.iter_mut().zip(weight).zip(bias) {
            *v = (*v - mean) * inverse * w + b;
        }
    }
}

/// The exact GELU, with erf.
fn gelu(x: f32) -> f32 {
    0.5 * x * (1.0 + libm::erff(x * std::f32::consts::FRAC_1_SQRT_2))
}
