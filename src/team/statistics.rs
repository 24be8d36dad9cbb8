//! Agreement coefficients for two analysts. Each returns `None` where the figure has no
//! meaning (no variation, no units), so a caller says why instead of printing 1.0 or 0.
//!
//! - [`binary_alpha`]: Krippendorff's α (nominal) over units valued 0 or 1 by both coders, no
//!   missing values — used over the characters of an article, 1 where a claim of a party
//!   covers it.
//! - [`cohen_kappa`]: Cohen's κ over paired labels. Chance agreement is the *sum* over
//!   categories of the product of the two coders' proportions (QualCoder multiplies them).
//! - [`alpha_u`]: Krippendorff's unitizing α for one category, as in Krippendorff (1995,
//!   2004) and DKPro Agreement's `KrippendorffAlphaUnitizingAgreement`.

use std::collections::HashMap;
use std::hash::Hash;

/// Krippendorff's α for two coders and binary values: `both` units valued 1 by both, `only_a`
/// and `only_b` valued 1 by one coder, `neither` valued 0 by both.
pub fn binary_alpha(both: u64, only_a: u64, only_b: u64, neither: u64) -> Option<f64> {
    let units = both + only_a + only_b + neither;
    let values = 2 * units;
    let ones = 2 * both + only_a + only_b;
    let zeros = values - ones;
    if ones == 0 || zeros == 0 {
        return None;
    }
    let disagreeing = (only_a + only_b) as f64;
    Some(1.0 - disagreeing * (values - 1) as f64 / (zeros as f64 * ones as f64))
}

/// Observed agreement and Cohen's κ over pairs of labels; κ is `None` when there are no
/// pairs or chance agreement is total (both coders used one and the same label throughout).
pub fn cohen_kappa<T: Eq + Hash>(pairs: &[(T, T)]) -> (Option<f64>, Option<f64>) {
    if pairs.is_empty() {
        return (None, None);
    }
    let n = pairs.len() as f64;
    let agreed = pairs.iter().filter(|(a, b)| a == b).count() as f64 / n;
    let mut a_counts: HashMap<&T, f64> = HashMap::new();
    let mut b_counts: HashMap<&T, f64> = HashMap::new();
    for (a, b) in pairs {
        *a_counts.entry(a).or_default() += 1.0;
        *b_counts.entry(b).or_default() += 1.0;
    }
    let chance: f64 = a_counts
        .iter()
        .map(|(label, count)| count / n * b_counts.get(label).copied().unwrap_or(0.0) / n)
        .sum();
    let kappa = (chance < 1.0 - 1e-12).then(|| (agreed - chance) / (1.0 - chance));
    (Some(agreed), kappa)
}

/// A unit of one category: `begin` and `length` on the continuum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unit {
    pub begin: u64,
    pub length: u64,
}

/// One coder's continuum for one category: its units and the gaps between them, in order.
fn segments(units: &[Unit], begin: u64, length: u64) -> Vec<(u64, u64, bool)> {
    let mut out = Vec::with_capacity(units.len() * 2 + 1);
    let mut at = begin;
    for unit in units {
        if unit.begin > at {
            out.push((at, unit.begin - at, false));
        }
        out.push((unit.begin, unit.length, true));
        at = unit.begin + unit.length;
    }
    if begin + length > at {
        out.push((at, begin + length - at, false));
    }
    out
}

/// Krippendorff's distance between two overlapping segments of two coders.
fn distance(a: (u64, u64, bool), b: (u64, u64, bool)) -> f64 {
    let (a_begin, a_len, a_unit) = (a.0 as f64, a.1 as f64, a.2);
    let (b_begin, b_len, b_unit) = (b.0 as f64, b.1 as f64, b.2);
    let begin_diff = a_begin - b_begin;
    let end_diff = begin_diff + (a_len - b_len);
    if a_unit && b_unit && -a_len < begin_diff && begin_diff < b_len {
        begin_diff * begin_diff + end_diff * end_diff
    } else if a_unit && !b_unit && b_len - a_len >= begin_diff && begin_diff >= 0.0 {
        a_len * a_len
    } else if !a_unit && b_unit && b_len - a_len <= begin_diff && begin_diff <= 0.0 {
        b_len * b_len
    } else {
        0.0
    }
}

/// Observed and expected disagreement of α_u for one category and two coders over the
/// continuum `[begin, begin + length)`. Each coder's units must be sorted and must not
/// overlap (callers join a coder's overlapping claims of one party first).
pub fn alpha_u_disagreements(a: &[Unit], b: &[Unit], begin: u64, length: u64) -> (f64, f64) {
    let (coders, span) = (2.0_f64, length as f64);
    // Observed: every pair of overlapping segments of the two coders, walked together.
    let sa = segments(a, begin, length);
    let sb = segments(b, begin, length);
    let (mut at_a, mut at_b, mut observed) = (0, 0, 0.0);
    while at_a < sa.len() && at_b < sb.len() {
        observed += distance(sa[at_a], sb[at_b]);
        let end_a = sa[at_a].0 + sa[at_a].1;
        let end_b = sb[at_b].0 + sb[at_b].1;
        if end_a <= end_b {
            at_a += 1;
        }
        if end_b <= end_a {
            at_b += 1;
        }
    }
    let observed = observed * 2.0 / (coders * (coders - 1.0) * span * span);
    // Expected: every unit against every other unit and every gap it fits in.
    let all: Vec<u64> = a.iter().chain(b).map(|u| u.length).collect();
    let units = all.len() as f64;
    let squared: f64 = all.iter().map(|&len| len as f64 * (len as f64 - 1.0)).sum();
    // A unit of length L fits (g − L + 1) ways in each gap g ≥ L. With the gaps sorted
    // longest first and summed as they go, the k gaps that hold it are found by binary search
    // and their ways add up to (sum of those k gaps) − k·(L − 1): O(n log n), where summing
    // gap by gap was O(units × gaps), quadratic over a long document.
    let mut gaps: Vec<u64> = sa.iter().chain(&sb).filter(|s| !s.2).map(|s| s.1).collect();
    gaps.sort_unstable_by(|x, y| y.cmp(x));
    let mut longest_first_sums = Vec::with_capacity(gaps.len() + 1);
    longest_first_sums.push(0_u128);
    for &gap in &gaps {
        let total = longest_first_sums.last().copied().unwrap_or(0) + u128::from(gap);
        longest_first_sums.push(total);
    }
    let mut expected = 0.0;
    for &len in &all {
        let len_f = len as f64;
        let within = (units - 1.0) * (2.0 * len_f.powi(3) - 3.0 * len_f * len_f + len_f) / 3.0;
        let holding = gaps.partition_point(|&gap| gap >= len);
        let ways = longest_first_sums[holding]
            .saturating_sub(holding as u128 * u128::from(len.saturating_sub(1)));
        expected += within + ways as f64 * len_f * len_f;
    }
    let expected = expected * 2.0 / span / (coders * span * (coders * span - 1.0) - squared);
    (observed, expected)
}

/// Krippendorff's α_u for one category; `None` when it has no meaning (no units, or no
/// expected disagreement).
pub fn alpha_u(a: &[Unit], b: &[Unit], begin: u64, length: u64) -> Option<f64> {
    if length == 0 || (a.is_empty() && b.is_empty()) {
        return None;
    }
    let (observed, expected) = alpha_u_disagreements(a, b, begin, length);
    (expected > 0.0).then(|| 1.0 - observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(list: &[(u64, u64)]) -> Vec<Unit> {
        list.iter()
            .map(|&(begin, length)| Unit { begin, length })
            .collect()
    }

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    /// The expected disagreement as the formula reads, every unit against every gap: the
    /// sums taken by binary search must give the same figure.
    #[test]
    fn expected_disagreement_equals_the_gap_by_gap_sum() {
        let mut seed = 7_u64;
        let mut next = |below: u64| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) % below
        };
        for _ in 0..50 {
            let mut coder = || {
                let (mut list, mut at) = (Vec::new(), next(40));
                while at < 2_000 {
                    let length = 1 + next(60);
                    list.push(Unit { begin: at, length });
                    at += length + next(200);
                }
                list
            };
            let (a, b) = (coder(), coder());
            let length = 2_300;
            let (_, expected) = alpha_u_disagreements(&a, &b, 0, length);
            let all: Vec<u64> = a.iter().chain(&b).map(|u| u.length).collect();
            let gaps: Vec<u64> = segments(&a, 0, length)
                .into_iter()
                .chain(segments(&b, 0, length))
                .filter(|s| !s.2)
                .map(|s| s.1)
                .collect();
            let (n, span) = (all.len() as f64, length as f64);
            let squared: f64 = all.iter().map(|&l| l as f64 * (l as f64 - 1.0)).sum();
            let mut naive = 0.0;
            for &len in &all {
                let l = len as f64;
                let fits: f64 = gaps
                    .iter()
                    .filter(|&&g| g >= len)
                    .map(|&g| (g - len + 1) as f64)
                    .sum();
                naive += (n - 1.0) * (2.0 * l.powi(3) - 3.0 * l * l + l) / 3.0 + fits * l * l;
            }
            let naive = naive * 2.0 / span / (2.0 * span * (2.0 * span - 1.0) - squared);
            assert!(
                close(expected, naive, 1e-12 * naive.abs()),
                "{expected} {naive}"
            );
        }
    }

    /// Krippendorff (2004: 254), as DKPro Agreement's test has it: a continuum of 300 from
    /// 150, categories c and k. Published: c D_o 0.0144, D_e 0.0532, α 0.7286; k α 1;
    /// both together 0.8591.
    #[test]
    fn alpha_u_matches_krippendorff_2004() {
        let (c_a, c_b) = (
            units(&[(225, 70), (370, 30)]),
            units(&[(220, 80), (355, 20), (400, 20)]),
        );
        let (observed, expected) = alpha_u_disagreements(&c_a, &c_b, 150, 300);
        assert!(close(observed, 0.0144, 0.0001), "{observed}");
        assert!(close(expected, 0.0532, 0.0001), "{expected}");
        let c = alpha_u(&c_a, &c_b, 150, 300).expect("defined");
        assert!(close(c, 0.7286, 0.0001), "{c}");
        let k_units = units(&[(180, 60), (300, 50)]);
        let (k_observed, k_expected) = alpha_u_disagreements(&k_units, &k_units, 150, 300);
        assert!(close(k_observed, 0.0, 1e-12));
        assert!(close(k_expected, 0.0490, 0.0001), "{k_expected}");
        let overall = 1.0 - (observed + k_observed) / (expected + k_expected);
        assert!(close(overall, 0.8591, 0.0005), "{overall}");
    }

    /// Krippendorff (1995: 57): observed disagreements of categories A and C (24 units).
    #[test]
    fn alpha_u_observed_matches_krippendorff_1995() {
        let a = alpha_u_disagreements(
            &units(&[(2, 8), (14, 6)]),
            &units(&[(4, 4), (15, 2)]),
            0,
            24,
        );
        assert!(close(a.0, 0.03125, 0.00001), "{a:?}");
        let c = alpha_u_disagreements(
            &units(&[(2, 6), (10, 2), (14, 4), (20, 2)]),
            &units(&[(0, 2), (4, 4), (10, 4), (16, 2), (20, 2)]),
            0,
            24,
        );
        assert!(close(c.0, 0.02777, 0.00001), "{c:?}");
    }

    #[test]
    fn identical_unitizing_agrees_fully_and_no_units_means_nothing() {
        let same = units(&[(3, 4), (10, 2)]);
        assert_eq!(alpha_u(&same, &same, 0, 20), Some(1.0));
        assert_eq!(alpha_u(&[], &[], 0, 20), None);
    }

    /// Krippendorff (1995: 57) digitized, category A: κ 0.385, α 0.329 (DKPro's test).
    #[test]
    fn binary_alpha_and_kappa_match_the_published_digitized_example() {
        let bertha = "001111111100001111110000";
        let bill = "000011110000000110000000";
        let pairs: Vec<(char, char)> = bertha.chars().zip(bill.chars()).collect();
        let count = |a: char, b: char| pairs.iter().filter(|p| **p == (a, b)).count() as u64;
        let alpha = binary_alpha(
            count('1', '1'),
            count('1', '0'),
            count('0', '1'),
            count('0', '0'),
        )
        .expect("defined");
        assert!(close(alpha, 0.329, 0.001), "{alpha}");
        let (agreed, kappa) = cohen_kappa(&pairs);
        assert!(close(agreed.expect("pairs"), 16.0 / 24.0, 1e-12));
        assert!(close(kappa.expect("defined"), 0.385, 0.001), "{kappa:?}");
    }

    #[test]
    fn figures_without_variation_are_undefined_not_one() {
        assert_eq!(binary_alpha(0, 0, 0, 100), None);
        assert_eq!(binary_alpha(100, 0, 0, 0), None);
        let same = [("Russia", "Russia"); 5];
        assert_eq!(cohen_kappa(&same), (Some(1.0), None));
        assert_eq!(cohen_kappa::<&str>(&[]), (None, None));
        // Hand-computed: 3 of 4 agree; chance = 0.5·0.25 + 0.5·0.75 = 0.5; κ = 0.5.
        let pairs = [
            ("US", "US"),
            ("US", "Syria"),
            ("Syria", "Syria"),
            ("Syria", "Syria"),
        ];
        let (agreed, kappa) = cohen_kappa(&pairs);
        assert_eq!(agreed, Some(0.75));
        assert!(close(kappa.expect("defined"), 0.5, 1e-12));
    }
}
