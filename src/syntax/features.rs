//! Feature hashing: words become a few 64-bit hashes once, features combine
//! a template id with those hashes, never allocating a string.

/// FNV-1a offset basis.
const FNV: u64 = 0xcbf2_9ce4_8422_2325;

#[inline]
fn fnv_step(h: u64, v: u64) -> u64 {
    (h ^ v).wrapping_mul(0x0000_0100_0000_01B3)
}

/// The multipliers of [`avalanche`] (SplitMix64's), also [`super::perceptron::fold32`]'s first.
pub const AVALANCHE_MUL: [u64; 2] = [0xBF58_476D_1CE4_E5B9, 0x94D0_49BB_1331_11EB];

/// The constant [`mix`] adds to each value (2^64 over the golden ratio).
pub const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

/// A strong 64-bit finalizer (from SplitMix64).
#[inline]
pub fn avalanche(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(AVALANCHE_MUL[0]);
    z = (z ^ (z >> 27)).wrapping_mul(AVALANCHE_MUL[1]);
    z ^ (z >> 31)
}

/// Hash of a string.
pub fn hash_str(s: &str) -> u64 {
    avalanche(s.bytes().fold(FNV, |h, b| fnv_step(h, b as u64)))
}

/// Combines a running hash with one more value.
#[inline]
pub fn mix(h: u64, v: u64) -> u64 {
    avalanche(h.rotate_left(23) ^ v.wrapping_add(GOLDEN))
}

/// A feature of one value.
#[inline]
pub fn f1(template: u32, a: u64) -> u64 {
    mix(template as u64, a)
}

/// A feature of two values.
#[inline]
pub fn f2(template: u32, a: u64, b: u64) -> u64 {
    mix(mix(template as u64, a), b)
}

/// A feature of three values.
#[inline]
pub fn f3(template: u32, a: u64, b: u64, c: u64) -> u64 {
    mix(mix(mix(template as u64, a), b), c)
}

/// How a model combines a template id and its values into a feature hash.
///
/// The tagger, the entity classifier and parser models of format 1 and 2
/// use [`Avalanche`] (the free functions [`f1`], [`f2`], [`f3`], [`mix`]);
/// parser models of format 3 use the cheaper [`MulRot`]. A model must be
/// scored with the scheme it was trained with.
pub trait Combine {
    /// The hash a feature of `template` starts from.
    fn start(template: u32) -> u64;
    /// Adds one value to a running hash.
    fn step(h: u64, v: u64) -> u64;
    /// A feature of one value.
    #[inline(always)]
    fn f1(template: u32, a: u64) -> u64 {
        Self::step(Self::start(template), a)
    }
    /// A feature of two values.
    #[inline(always)]
    fn f2(template: u32, a: u64, b: u64) -> u64 {
        Self::step(Self::step(Self::start(template), a), b)
    }
    /// A feature of three values.
    #[inline(always)]
    fn f3(template: u32, a: u64, b: u64, c: u64) -> u64 {
        Self::step(Self::step(Self::step(Self::start(template), a), b), c)
    }
    /// The features of the templates of `plan`, feature `i` of the first
    /// `plan.arity[i]` values of `x`, into `out` (cleared first): what
    /// [`Combine::f1`], [`Combine::f2`] and [`Combine::f3`] give one at a time.
    #[inline(always)]
    fn hash_all(plan: &Plan, x: &mut Inputs, out: &mut Vec<u64>)
    where
        Self: Sized,
    {
        hash_scalar::<Self>(plan, x, out);
    }
    /// Whether [`Combine::hash_all`] hashes several features at once on
    /// this CPU (else the `templates!` macro hashes one feature after another).
    #[inline(always)]
    fn wide() -> bool {
        false
    }
}

/// A full 64-bit finalizer at every step (three multiplications and three
/// shifts): the scheme of [`f1`], [`f2`], [`f3`] and [`mix`].
#[derive(Clone, Copy, Debug)]
pub struct Avalanche;

impl Combine for Avalanche {
    #[inline(always)]
    fn start(template: u32) -> u64 {
        template as u64
    }
    #[inline(always)]
    fn step(h: u64, v: u64) -> u64 {
        mix(h, v)
    }
    #[inline(always)]
    fn hash_all(plan: &Plan, x: &mut Inputs, out: &mut Vec<u64>) {
        #[cfg(target_arch = "x86_64")]
        if super::model::has_avx512() {
            // SAFETY: the CPU has the features the function is compiled for.
            unsafe { avalanche_avx512(plan, x) };
            out.clear();
            out.extend_from_slice(&x.h[..plan.n]);
            return;
        }
        hash_scalar::<Avalanche>(plan, x, out);
    }
    #[inline(always)]
    fn wide() -> bool {
        #[cfg(target_arch = "x86_64")]
        {
            super::model::has_avx512()
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            false
        }
    }
}

/// A list of up to [`LANES`] feature templates, for [`Combine::hash_all`]:
/// the id and number of values (1 to 3) of each, in the order of the features.
#[derive(Clone, Debug)]
pub struct Plan {
    /// Number of templates.
    pub n: usize,
    /// Template ids.
    pub ids: [u64; LANES],
    /// Number of values of each template.
    pub arity: [u8; LANES],
    /// Per group of 8 templates, a bit for each that has a second value
    two: [u8; LANES / 8],
    /// and a third.
    three: [u8; LANES / 8],
}

impl Plan {
    /// The plan of templates `ids` with `arity[i]` values each (as many
    /// arities as ids, at most [`LANES`]; checked at compile time in a const).
    pub const fn new(ids: &[u32], arity: &[u8]) -> Plan {
        assert!(ids.len() == arity.len() && ids.len() <= LANES, "one arity per template, at most LANES");
        let mut p = Plan { n: ids.len(), ids: [0; LANES], arity: [0; LANES], two: [0; LANES / 8], three: [0; LANES / 8] };
        let mut i = 0;
        while i < ids.len() {
            assert!(arity[i] >= 1 && arity[i] <= 3, "1 to 3 values");
            p.ids[i] = ids[i] as u64;
            p.arity[i] = arity[i];
            p.two[i / 8] |= ((arity[i] >= 2) as u8) << (i % 8);
            p.three[i / 8] |= ((arity[i] >= 3) as u8) << (i % 8);
            i += 1;
        }
        p
    }
}

/// Most features [`Combine::hash_all`] hashes at once.
pub const LANES: usize = 96;

/// The values of up to [`LANES`] features, gathered for [`Combine::hash_all`]:
/// feature `i` combines `a[i]`, then `b[i]` and `c[i]` if it has that many.
#[derive(Clone, Debug)]
pub struct Inputs {
    /// First values.
    pub a: [u64; LANES],
    /// Second values (ignored for features of one value).
    pub b: [u64; LANES],
    /// Third values (ignored for features of one or two values).
    pub c: [u64; LANES],
    /// The hashes, where [`Combine::hash_all`] computes them 8 at a time.
    h: [u64; LANES],
}

impl Default for Inputs {
    fn default() -> Inputs {
        Inputs { a: [0; LANES], b: [0; LANES], c: [0; LANES], h: [0; LANES] }
    }
}

thread_local! {
    /// Per thread, the inputs [`templates!`] gathers: kept, not cleared,
    /// between calls (clearing them for each word or parser move would cost
    /// more than the hashing saves).
    pub static INPUTS: std::cell::RefCell<Inputs> = std::cell::RefCell::new(Inputs::default());
}

/// [`Combine::hash_all`] one feature after another.
#[inline(always)]
pub fn hash_scalar<C: Combine>(plan: &Plan, x: &Inputs, out: &mut Vec<u64>) {
    out.clear();
    for (i, (&t, &n)) in plan.ids[..plan.n].iter().zip(&plan.arity).enumerate() {
        let mut h = C::step(C::start(t as u32), x.a[i]);
        if n >= 2 {
            h = C::step(h, x.b[i]);
        }
        if n >= 3 {
            h = C::step(h, x.c[i]);
        }
        out.push(h);
    }
}

/// [`Avalanche`]'s features of up to [`LANES`] templates into `x.h`, 8 at a
/// time: the same hashes as [`hash_scalar`], each step of 8 features taking about as
/// many instructions as one step of one feature.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq")]
fn avalanche_avx512(plan: &Plan, x: &mut Inputs) {
    use std::arch::x86_64::*;
    let golden = _mm512_set1_epi64(GOLDEN as i64);
    let m1 = _mm512_set1_epi64(AVALANCHE_MUL[0] as i64);
    let m2 = _mm512_set1_epi64(AVALANCHE_MUL[1] as i64);
    // `mix` of 8 running hashes and 8 values
    macro_rules! mix {
        ($h:expr, $v:expr) => {{
            let z = _mm512_xor_si512(_mm512_rol_epi64::<23>($h), _mm512_add_epi64($v, golden));
            let z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64::<30>(z)), m1);
            let z = _mm512_mullo_epi64(_mm512_xor_si512(z, _mm512_srli_epi64::<27>(z)), m2);
            _mm512_xor_si512(z, _mm512_srli_epi64::<31>(z))
        }};
    }
    let n = plan.n;
    for j in 0..n.div_ceil(8) {
        let r = 8 * j..8 * j + 8;
        // SAFETY: each range is 8 u64s inside its array; unaligned loads and stores.
        unsafe {
            macro_rules! load {
                ($v:expr) => {
                    _mm512_loadu_si512($v[r.clone()].as_ptr().cast())
                };
            }
            let h = mix!(load!(plan.ids), load!(x.a));
            let h = _mm512_mask_mov_epi64(h, plan.two[j], mix!(h, load!(x.b)));
            let h = _mm512_mask_mov_epi64(h, plan.three[j], mix!(h, load!(x.c)));
            _mm512_storeu_si512(x.h[r].as_mut_ptr().cast(), h);
        }
    }
}

/// Number of values of a template, from its list in [`templates!`].
macro_rules! arity {
    ($a:expr) => { 1u8 };
    ($a:expr, $b:expr) => { 2u8 };
    ($a:expr, $b:expr, $c:expr) => { 3u8 };
}

/// Hashes the features of a list of templates `fN(ID, VALUES...)` (N
/// values) into `out`, in list order, with the scheme `C`: where the scheme
/// hashes several features at once ([`Combine::wide`]), the values are
/// gathered first ([`INPUTS`]) and hashed together ([`Combine::hash_all`]);
/// elsewhere one feature after another. Used by the parser and the tagger..
macro_rules! templates {
    ($c:ty, $out:expr; $($f:ident($id:literal, $($v:expr),+)),+ $(,)?) => {{
        const PLAN: $crate::syntax::features::Plan = $crate::syntax::features::Plan::new(&[$($id),+], &[$($crate::syntax::features::arity!($($v),+)),+]);
        // `fN` names N values
        const _: () = {
            let (names, arity) = ([$(stringify!($f).as_bytes()),+], [$($crate::syntax::features::arity!($($v),+)),+]);
            let mut i = 0;
            while i < names.len() {
                assert!(names[i].len() == 2 && names[i][1] == b'0' + arity[i], "a template fN must have N values");
                i += 1;
            }
        };
        if <$c>::wide() {
            $crate::syntax::features::INPUTS.with_borrow_mut(|x| {
                let mut i = 0;
                $(
                    {
                        let v = [$($v),+];
                        x.a[i] = v[0];
                        x.b[i] = v.get(1).copied().unwrap_or(0);
                        x.c[i] = v.get(2).copied().unwrap_or(0);
                        i += 1;
                    }
                )+
                debug_assert_eq!(i, PLAN.n);
                <$c>::hash_all(&PLAN, x, $out);
            });
        } else {
            $out.clear();
            $out.extend_from_slice(&[$(<$c>::$f($id, $($v),+)),+]);
        }
    }};
}

pub(crate) use {arity, templates};

/// One multiplication and one rotation per value. Each step is a bijection
/// of the value for a given running hash, so features of one template that
/// differ in one value never share a 64-bit hash; the model folds the hash
/// to its 32-bit key with a further multiplication ([`super::perceptron::fold32`]).
/// About a third of the instructions of [`Avalanche`], whose quality a
/// perceptron over hashed features does not need.
#[derive(Clone, Copy, Debug)]
pub struct MulRot;

impl Combine for MulRot {
    #[inline(always)]
    fn start(template: u32) -> u64 {
        (template as u64 + 1).wrapping_mul(0xD6E8_FEB8_6659_FD93)
    }
    #[inline(always)]
    fn step(h: u64, v: u64) -> u64 {
        (h ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29)
    }
}

/// Hashes of one word, computed once per token.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordFeats {
    /// The form in lower case.
    pub lower: u64,
    /// The form as written.
    pub exact: u64,
    /// Prefixes of 1..=3 characters (lower case).
    pub pre: [u64; 3],
    /// Suffixes of 1..=4 characters (lower case).
    pub suf: [u64; 4],
    /// Word shape ("Xxxx", "dd.dd"), runs capped at 3.
    pub shape: u64,
    /// Bit flags: 1 first upper, 2 all upper, 4 has digit, 8 has hyphen, 16 all digits/punct.
    pub flags: u64,
}

/// Sentinel words before the start and after the end of a sentence.
pub const START: WordFeats = WordFeats { lower: 1, exact: 1, pre: [1; 3], suf: [1; 4], shape: 1, flags: 32 };
/// See [`START`].
pub const END: WordFeats = WordFeats { lower: 2, exact: 2, pre: [2; 3], suf: [2; 4], shape: 2, flags: 64 };

/// The hash of a word in lower case: [`WordFeats::lower`] of
/// [`word_feats`], alone (all the parser needs of a word).
pub fn lower_hash(form: &str) -> u64 {
    let mut lower = FNV;
    for c in form.chars() {
        if c.is_uppercase() {
            for l in c.to_lowercase() {
                lower = fnv_step(lower, l as u64);
            }
        } else {
            lower = fnv_step(lower, c as u64);
        }
    }
    avalanche(lower)
}

/// Computes the hashes of a word; `scratch` is reused between calls.
pub fn word_feats(form: &str, scratch: &mut Vec<char>) -> WordFeats {
    scratch.clear();
    let mut exact = FNV;
    let mut shape = FNV;
    let (mut last_cls, mut run) = ('\0', 0);
    let (mut upper, mut lower_n, mut digit, mut hyphen, mut alpha) = (0, 0, false, false, false);
    let mut first_upper = false;
    for (i, c) in form.chars().enumerate() {
        exact = fnv_step(exact, c as u64);
        let cls = if c.is_uppercase() {
            upper += 1;
            alpha = true;
            if i == 0 {
                first_upper = true;
            }
            'X'
        } else if c.is_lowercase() || c.is_alphabetic() {
            lower_n += 1;
            alpha = true;
            'x'
        } else if c.is_ascii_digit() {
            digit = true;
            'd'
        } else {
            if c == '-' {
                hyphen = true;
            }
            c
        };
        if cls == last_cls {
            run += 1;
        } else {
            run = 1;
            last_cls = cls;
        }
        if run <= 3 {
            shape = fnv_step(shape, cls as u64);
        }
        if c.is_uppercase() {
            scratch.extend(c.to_lowercase());
        } else {
            scratch.push(c);
        }
    }
    let mut lower = FNV;
    for &c in scratch.iter() {
        lower = fnv_step(lower, c as u64);
    }
    let n = scratch.len();
    let mut pre = [0u64; 3];
    let mut h = FNV;
    for (k, p) in pre.iter_mut().enumerate() {
        if k < n {
            h = fnv_step(h, scratch[k] as u64);
        }
        *p = avalanche(h ^ 0x11);
    }
    let mut suf = [0u64; 4];
    let mut h = FNV;
    for (k, s) in suf.iter_mut().enumerate() {
        if k < n {
            h = fnv_step(h, scratch[n - 1 - k] as u64);
        }
        *s = avalanche(h ^ 0x22);
    }
    let flags = u64::from(first_upper)
        | (u64::from(upper > 0 && lower_n == 0 && upper > 1) << 1)
        | (u64::from(digit) << 2)
        | (u64::from(hyphen) << 3)
        | (u64::from(!alpha) << 4);
    WordFeats { lower: avalanche(lower), exact: avalanche(exact ^ 0x33), pre, suf, shape: avalanche(shape ^ 0x44), flags }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn avalanche_is_the_scheme_of_the_free_functions() {
        let (a, b, c) = (hash_str("the"), hash_str("NN"), 7);
        assert_eq!(Avalanche::f1(9, a), f1(9, a));
        assert_eq!(Avalanche::f2(9, a, b), f2(9, a, b));
        assert_eq!(Avalanche::f3(9, a, b, c), f3(9, a, b, c));
        assert_eq!(Avalanche::step(a, b), mix(a, b));
    }

    #[test]
    fn mulrot_keeps_templates_and_values_apart() {
        // small values (labels, distances, counts) of every template give distinct keys
        let mut seen = std::collections::HashSet::new();
        for t in 0..96 {
            for v in 0..64u64 {
                assert!(seen.insert(super::super::perceptron::fold32(MulRot::f1(t, v))), "template {t} value {v}");
                assert!(seen.insert(super::super::perceptron::fold32(MulRot::f2(t, v, 3))), "template {t} values {v}, 3");
            }
        }
        // and the order of the values matters
        assert_ne!(MulRot::f2(5, 1, 2), MulRot::f2(5, 2, 1));
    }

    #[test]
    fn case_is_folded_in_lower_only() {
        let mut s = Vec::new();
        let a = word_feats("Apple", &mut s);
        let b = word_feats("apple", &mut s);
        assert_eq!(a.lower, b.lower);
        assert_ne!(a.exact, b.exact);
        assert_eq!(a.suf, b.suf);
        assert_ne!(a.shape, b.shape);
        assert_eq!(a.flags & 1, 1);
        let c = word_feats("Applesauce", &mut s);
        assert_eq!(a.pre, c.pre);
        assert_ne!(a.suf[2], c.suf[2]);
        assert_eq!(word_feats("1234", &mut s).shape, word_feats("9876", &mut s).shape);
        assert_eq!(word_feats("12345", &mut s).shape, word_feats("123", &mut s).shape);
    }

    #[test]
    fn hashing_all_at_once_gives_the_features_one_at_a_time() {
        let mut rng = super::super::perceptron::Rng::new(5);
        // template lists of every length up to LANES, arities mixed at random
        for n in [1, 7, 8, 9, 40, 95, LANES] {
            let ids: Vec<u32> = (0..n as u32).map(|i| i * 3 + 1).collect();
            let arity: Vec<u8> = (0..n).map(|_| 1 + (rng.next_u64() % 3) as u8).collect();
            let plan = Plan::new(&ids, &arity);
            for _ in 0..50 {
                let mut x = Inputs::default();
                for i in 0..LANES {
                    // small values (tags, labels) and full hashes
                    let v = |r: u64| if r.is_multiple_of(4) { r % 70 } else { r };
                    (x.a[i], x.b[i], x.c[i]) = (v(rng.next_u64()), v(rng.next_u64()), v(rng.next_u64()));
                }
                type F1 = fn(u32, u64) -> u64;
                type F2 = fn(u32, u64, u64) -> u64;
                type F3 = fn(u32, u64, u64, u64) -> u64;
                let one = |i: usize, f: F1, g: F2, h: F3| match arity[i] {
                    1 => f(ids[i], x.a[i]),
                    2 => g(ids[i], x.a[i], x.b[i]),
                    _ => h(ids[i], x.a[i], x.b[i], x.c[i]),
                };
                let mut out = vec![7; 3];
                Avalanche::hash_all(&plan, &mut x.clone(), &mut out);
                let want: Vec<u64> = (0..n).map(|i| one(i, f1, f2, f3)).collect();
                assert_eq!(out, want, "Avalanche, {n} templates");
                hash_scalar::<Avalanche>(&plan, &x, &mut out);
                assert_eq!(out, want, "Avalanche one at a time, {n} templates");
                MulRot::hash_all(&plan, &mut x.clone(), &mut out);
                let want: Vec<u64> = (0..n).map(|i| one(i, MulRot::f1, MulRot::f2, MulRot::f3)).collect();
                assert_eq!(out, want, "MulRot, {n} templates");
            }
        }
    }

    #[test]
    fn lower_hash_is_the_lower_of_word_feats() {
        let mut s = Vec::new();
        for w in ["Apple", "apple", "İstanbul", "ÉCOLE", "ǅemal", "ΣΟΦΙΑ", "O'Rourke", "", "1969", "—"] {
            assert_eq!(lower_hash(w), word_feats(w, &mut s).lower, "{w}");
        }
        assert_ne!(lower_hash("apple"), lower_hash("apples"));
    }
}
