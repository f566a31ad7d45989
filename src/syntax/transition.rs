//! The arc-hybrid transition system, with the artificial root at the end of
//! the buffer, and its dynamic oracle (Goldberg & Nivre 2013).
//!
//! Words are `0..n`; the root is `n`. Moves:
//! - `Shift`: push the buffer front `b0` onto the stack;
//! - `Left`: `b0` becomes the head of `s0`, which is popped;
//! - `Right`: `s1` becomes the head of `s0`, which is popped.
//!
//! A word attaches to the root only by `Left` when it is alone on the stack
//! and the buffer holds only the root, so every parse has exactly one root
//! word and every word gets a head.

/// A transition, without its label.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// Push `b0`.
    Shift,
    /// `s0` ← `b0`.
    Left,
    /// `s1` → `s0`.
    Right,
}

/// No token (a missing stack or buffer position, child or head).
pub const NONE: u32 = u32::MAX;

/// A parser configuration plus the partial tree built so far.
#[derive(Clone, Debug, Default)]
pub struct State {
    /// Number of words; the root is `n`.
    pub n: usize,
    /// The stack, top last.
    pub stack: Vec<u32>,
    /// Front of the buffer (the buffer is `b..=n`).
    pub b: usize,
    /// Head of each word (`n` for the root), `NONE` while unattached.
    pub head: Vec<u32>,
    /// Label id of each attached word.
    pub label: Vec<u16>,
    /// Leftmost and second-leftmost children.
    pub l1: Vec<u32>,
    /// See [`State::l1`].
    pub l2: Vec<u32>,
    /// Rightmost and second-rightmost children.
    pub r1: Vec<u32>,
    /// See [`State::r1`].
    pub r2: Vec<u32>,
    /// Number of left and right children.
    pub nl: Vec<u8>,
    /// See [`State::nl`].
    pub nr: Vec<u8>,
    /// Bit sets of the labels of left and right children (label id mod 64).
    pub lset: Vec<u64>,
    /// See [`State::lset`].
    pub rset: Vec<u64>,
    in_stack: Vec<bool>,
}

impl State {
    /// Resets to the initial configuration for `n` words (buffers are reused).
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.b = 0;
        for v in [&mut self.head, &mut self.l1, &mut self.l2, &mut self.r1, &mut self.r2] {
            v.clear();
            v.resize(n + 1, NONE);
        }
        self.label.clear();
        self.label.resize(n + 1, 0);
        self.nl.clear();
        self.nl.resize(n + 1, 0);
        self.nr.clear();
        self.nr.resize(n + 1, 0);
        self.lset.clear();
        self.lset.resize(n + 1, 0);
        self.rset.clear();
        self.rset.resize(n + 1, 0);
        self.in_stack.clear();
        self.in_stack.resize(n + 1, false);
    }

    /// True when the parse is complete.
    pub fn terminal(&self) -> bool {
        self.b >= self.n && self.stack.is_empty()
    }

    /// Ends the parse where it stands: the state becomes terminal, and the
    /// words still unattached stay without a head.
    pub fn finish(&mut self) {
        self.stack.clear();
        self.b = self.n;
    }

    /// Stack position `k` from the top, or `NONE`.
    #[inline]
    pub fn s(&self, k: usize) -> u32 {
        if k < self.stack.len() {
            self.stack[self.stack.len() - 1 - k]
        } else {
            NONE
        }
    }

    /// Buffer position `k` (the root is `n`), or `NONE`.
    #[inline]
    pub fn bf(&self, k: usize) -> u32 {
        if self.b + k <= self.n {
            (self.b + k) as u32
        } else {
            NONE
        }
    }

    /// True when `m` is allowed here.
    #[inline]
    pub fn can(&self, m: Move) -> bool {
        match m {
            Move::Shift => self.b < self.n,
            Move::Left => !self.stack.is_empty() && (self.b < self.n || self.stack.len() == 1),
            Move::Right => self.stack.len() >= 2,
        }
    }

    fn attach(&mut self, h: usize, d: usize, label: u16) {
        self.head[d] = h as u32;
        self.label[d] = label;
        let bit = 1u64 << (label % 64);
        if d < h {
            // left children arrive from the nearest outwards
            self.l2[h] = self.l1[h];
            self.l1[h] = d as u32;
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
        } else {
            self.r2[h] = self.r1[h];
            self.r1[h] = d as u32;
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
        }
    }

    /// Applies a legal move.
    pub fn apply(&mut self, m: Move, label: u16) {
        match m {
            Move::Shift => {
                self.stack.push(self.b as u32);
                self.in_stack[self.b] = true;
                self.b += 1;
            }
            Move::Left => {
                let s0 = self.stack.pop().expect("legal move") as usize;
                self.in_stack[s0] = false;
                self.attach(self.b, s0, label);
            }
            Move::Right => {
                let s0 = self.stack.pop().expect("legal move") as usize;
                self.in_stack[s0] = false;
                let s1 = *self.stack.last().expect("legal move") as usize;
                self.attach(s1, s0, label);
            }
        }
    }

    /// Number of gold arcs each move makes unreachable (`None` when illegal).
    /// `gold[d]` is the gold head of `d` (`n` for the root); `children[h]`
    /// lists the gold dependents of `h`.
    pub fn costs(&self, gold: &[usize], children: &[Vec<u32>]) -> [Option<u32>; 3] {
        let mut out = [None; 3];
        let b = self.b;
        if self.can(Move::Shift) {
            // b0 loses dependents on the stack and a head on the stack below s0
            let s0 = self.s(0);
            let deps = children[b].iter().filter(|&&d| self.in_stack[d as usize]).count() as u32;
            let h = gold[b];
            let head_lost = h < self.n && self.in_stack[h] && h as u32 != s0;
            out[0] = Some(deps + u32::from(head_lost));
        }
        if !self.stack.is_empty() {
            let s0 = self.s(0) as usize;
            let deps = children[s0].iter().filter(|&&d| d as usize >= b).count() as u32;
            let h = gold[s0];
            if self.can(Move::Left) {
                let lost = h != b && (h > b || h as u32 == self.s(1));
                out[1] = Some(deps + u32::from(lost));
            }
            if self.can(Move::Right) {
                out[2] = Some(deps + u32::from(h >= b));
            }
        }
        out
    }
}

/// The static oracle of arc-hybrid: the move that builds the gold tree of a
/// projective sentence.
pub fn static_oracle(st: &State, gold: &[usize], children: &[Vec<u32>]) -> Move {
    let done = |w: usize| children[w].iter().all(|&d| st.head[d as usize] != NONE);
    if let Some(&s0) = st.stack.last() {
        let s0 = s0 as usize;
        if gold[s0] == st.b && done(s0) && st.can(Move::Left) {
            return Move::Left;
        }
        if st.stack.len() >= 2 && gold[s0] == st.s(1) as usize && done(s0) {
            return Move::Right;
        }
    }
    Move::Shift
}

/// Gold dependents of each word and the root (index `n`).
pub fn children_of(gold: &[usize]) -> Vec<Vec<u32>> {
    let mut c = vec![Vec::new(); gold.len() + 1];
    for (d, &h) in gold.iter().enumerate() {
        if h <= gold.len() {
            c[h].push(d as u32);
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "Economic news had little effect on financial markets ." (0-based heads, 9 = root)
    const GOLD: [usize; 9] = [1, 2, 9, 4, 2, 4, 7, 5, 2];

    fn run(gold: &[usize], pick: impl Fn(&State, &[usize], &[Vec<u32>]) -> Move) -> Vec<u32> {
        let ch = children_of(gold);
        let mut st = State::default();
        st.reset(gold.len());
        let mut steps = 0;
        while !st.terminal() {
            let m = pick(&st, gold, &ch);
            assert!(st.can(m), "illegal {m:?}");
            st.apply(m, 0);
            steps += 1;
            assert!(steps <= 2 * gold.len() + 1);
        }
        st.head[..gold.len()].to_vec()
    }

    #[test]
    fn static_oracle_reproduces_gold_tree() {
        let heads = run(&GOLD, static_oracle);
        assert_eq!(heads, GOLD.iter().map(|&h| h as u32).collect::<Vec<_>>());
    }

    #[test]
    fn zero_cost_moves_reproduce_gold_tree() {
        for order in [[0usize, 1, 2], [2, 1, 0], [1, 2, 0]] {
            let heads = run(&GOLD, |st, g, ch| {
                let c = st.costs(g, ch);
                let moves = [Move::Shift, Move::Left, Move::Right];
                let k = order.iter().copied().find(|&k| c[k] == Some(0)).expect("a zero-cost move exists");
                moves[k]
            });
            assert_eq!(heads, GOLD.iter().map(|&h| h as u32).collect::<Vec<_>>());
        }
    }

    #[test]
    fn costs_count_lost_arcs_and_one_root() {
        let ch = children_of(&GOLD);
        let mut st = State::default();
        st.reset(GOLD.len());
        st.apply(Move::Shift, 0); // stack: Economic
        st.apply(Move::Shift, 0); // stack: Economic news; b0 = had
        let c = st.costs(&GOLD, &ch);
        // Right would make "news" head of... s1=Economic head of news: loses news→had
        assert_eq!(c[2], Some(1));
        // Left attaches news to had: correct
        assert_eq!(c[1], Some(0));
        // any parse ends with a single root word
        let mut st = State::default();
        st.reset(3);
        while !st.terminal() {
            let m = if st.can(Move::Shift) { Move::Shift } else if st.can(Move::Right) { Move::Right } else { Move::Left };
            st.apply(m, 0);
        }
        assert_eq!(st.head[..3].iter().filter(|&&h| h == 3).count(), 1);
    }
}
